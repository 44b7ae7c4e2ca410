package io.ward.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;

/**
 * What the {@code ward vulns} and {@code ward feeds} tests of SBOMs and VEX build on: the real
 * medical-device case-study SBOM (narrow) as Acme Medical's Infusion Hub 2.0 (it lists wolfSSL
 * 4.8.1), and a maker's report that wolfSSL before 5.5.2 is affected by CVE-2022-42905.
 */
final class CaseStudySbom {

  static final Path DATA =
      Path.of(System.getenv().getOrDefault("WARD_TESTDATA", "../../shared/data"));
  static final ObjectMapper JSON = new ObjectMapper();

  /** A maker's report: wolfSSL before 5.5.2 is affected by CVE-2022-42905. */
  static final String WOLFSSL_REPORT =
      """
      {"bomFormat": "CycloneDX", "specVersion": "1.5", "version": 1,
       "components": [{"bom-ref": "w", "type": "library", "name": "wolfSSL",
                       "purl": "pkg:github/wolfssl/wolfssl"}],
       "vulnerabilities": [{"id": "CVE-2022-42905", "affects": [{"ref": "w", "versions": [
         {"range": "vers:generic/<5.5.2", "status": "affected"}]}]}]}
      """;

  private CaseStudySbom() {}

  /** The real narrow case-study SBOM, its redacted subject replaced by Acme's Infusion Hub 2.0. */
  static ObjectNode hub() throws IOException {
    ObjectNode sbom =
        (ObjectNode)
            JSON.readTree(DATA.resolve("sbom/medical-device-casestudy/narrow.sbom.json").toFile());
    ObjectNode subject = (ObjectNode) sbom.at("/metadata/component");
    subject.put("name", "Infusion Hub").put("version", "2.0").remove("author");
    subject.putObject("supplier").put("name", "Acme Medical");
    return sbom;
  }

  /** The bom-ref of the SBOM's component named {@code name}. */
  static String bomRef(JsonNode sbom, String name) {
    for (JsonNode c : sbom.path("components")) {
      if (c.path("name").asText().equals(name)) {
        return c.path("bom-ref").asText();
      }
    }
    throw new AssertionError("no component " + name);
  }
}

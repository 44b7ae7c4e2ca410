package io.ward.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ward feeds import} of a maker's VEX that lists no components, naming each by BOM-link: the
 * report says how many statements wait for an SBOM the store does not hold, and warns about one
 * that can never apply. The real case-study SBOMs (both list wolfSSL under their own bom-ref).
 */
class FeedsImportVexTest {
  static final Path DATA =
      Path.of(System.getenv().getOrDefault("WARD_TESTDATA", "../../shared/data"));
  static final String NARROW = "02826796-d30c-4aa6-b0a8-44207a01cb6c";
  static final String EXTENDED = "9a9fb992-c015-4d78-91b5-88b6be21f53d";
  static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path tmp;
  @RegisterExtension final StandardStreams streams = new StandardStreams();

  @Test
  void shouldSayHowManyVexStatementsWaitForTheirSbom() throws Exception {
    Path source = tmp.resolve("from-acme");
    Files.createDirectories(source);
    Path narrow = DATA.resolve("sbom/medical-device-casestudy/narrow.sbom.json");
    Files.copy(narrow, source.resolve("infusion-hub.cdx.json"));
    String hubWolfssl = wolfssl(narrow);
    String monitorWolfssl =
        wolfssl(DATA.resolve("sbom/medical-device-casestudy/extended.sbom.json"));
    // One in the SBOM imported with it, one in an SBOM not given, one the SBOM does not list.
    Files.writeString(
        source.resolve("acme-vex.cdx.json"),
        """
        {"bomFormat": "CycloneDX", "specVersion": "1.5", "version": 1,
         "vulnerabilities": [{"id": "CVE-2022-42905",
           "analysis": {"state": "not_affected", "justification": "code_not_reachable"},
           "affects": [{"ref": "urn:cdx:%s/1#%s"}, {"ref": "urn:cdx:%s/1#%s"},
                       {"ref": "urn:cdx:%s/1#no-such-component"}]}]}
        """
            .formatted(NARROW, hubWolfssl, EXTENDED, monitorWolfssl, NARROW));

    int code =
        WardCommand.execute(
            "feeds", "import", "--store", tmp.resolve("feeds").toString(), source.toString());

    String stderr = streams.stderr();
    assertThat(code).as(stderr).isZero();
    // Before, the three statements counted as imported, and nothing said two do not apply yet.
    assertThat(streams.stdout())
        .contains("imported 2 files")
        .contains("1 VEX statements wait for the SBOM their BOM-link names");
    assertThat(stderr)
        .contains("acme-vex.cdx.json", "no-such-component", "applies to no device")
        .doesNotContain(EXTENDED);
  }

  private static String wolfssl(Path sbom) throws Exception {
    for (JsonNode c : JSON.readTree(sbom.toFile()).path("components")) {
      if (c.path("name").asText().equals("WolfSSL")) {
        return c.path("bom-ref").asText();
      }
    }
    throw new AssertionError("no wolfSSL in " + sbom);
  }
}

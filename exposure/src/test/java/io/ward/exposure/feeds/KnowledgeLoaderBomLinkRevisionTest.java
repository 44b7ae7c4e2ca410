package io.ward.exposure.feeds;

import static io.ward.exposure.feeds.CycloneDxTestDocs.JSON;
import static io.ward.exposure.feeds.CycloneDxTestDocs.bomRef;
import static io.ward.exposure.feeds.CycloneDxTestDocs.caseStudy;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ward.model.exposure.Sbom;
import io.ward.model.exposure.SbomComponent;
import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A CycloneDX VEX statement that names its component by BOM-link ({@code
 * urn:cdx:serial/version#ref}) takes it from the right revision of that SBOM, whatever the order
 * the SBOMs are listed in: the version the link names, else the newest. The server lists the SBOMs
 * it holds (older revisions among them) before those an upload reads. Built from the real
 * medical-device case-study SBOM (narrow, version 1, WolfSSL 4.8.1) and its version 2, which lists
 * WolfSSL 5.6.4 under the same bom-ref.
 */
class KnowledgeLoaderBomLinkRevisionTest {

  private static final LocalDate TODAY = LocalDate.of(2025, 1, 1);
  private static final String NARROW_UUID = "02826796-d30c-4aa6-b0a8-44207a01cb6c";

  @TempDir Path dir;

  @Test
  void shouldTakeTheComponentFromTheNewestRevisionWhenTheHeldOlderOneIsListedFirst()
      throws IOException {
    ObjectNode v1 = caseStudy();
    String wolfssl = bomRef(v1, "WolfSSL");
    List<Sbom> held = List.of(sbom("held", v1));
    write("upload/narrow-v2.json", version2(v1, wolfssl));
    write("upload/vex.json", linkedVex("urn:cdx:" + NARROW_UUID + "#" + wolfssl));

    ExposureKnowledge k =
        KnowledgeLoader.load(List.of(LoadRequest.of(TODAY).withSboms(dir.resolve("upload"))), held);

    // Before, the held version 1 answered first: the statement was about WolfSSL 4.8.1.
    assertThat(k.vex())
        .singleElement()
        .satisfies(v -> assertThat(v.product().flatMap(SbomComponent::version)).contains("5.6.4"));
  }

  @Test
  void shouldTakeTheComponentFromTheVersionTheBomLinkNames() throws IOException {
    ObjectNode v1 = caseStudy();
    String wolfssl = bomRef(v1, "WolfSSL");
    // Version 2 listed first and newer; the link names version 1.
    List<Sbom> held = List.of(sbom("v2", version2(v1, wolfssl)), sbom("v1", v1));
    write("vex/vex.json", linkedVex("urn:cdx:" + NARROW_UUID + "/1#" + wolfssl));

    ExposureKnowledge k =
        KnowledgeLoader.load(List.of(LoadRequest.of(TODAY).withFeeds(dir.resolve("vex"))), held);

    assertThat(k.vex())
        .singleElement()
        .satisfies(v -> assertThat(v.product().flatMap(SbomComponent::version)).contains("4.8.1"));
  }

  /** The SBOM {@code bom} is, read from a folder of its own, as a server holds it. */
  private Sbom sbom(String folder, ObjectNode bom) throws IOException {
    Path file = write(folder + "/narrow.json", bom);
    return KnowledgeLoader.load(LoadRequest.of(TODAY).withSboms(file.getParent())).sboms().get(0);
  }

  /** Version 2 of the case-study SBOM: WolfSSL updated to 5.6.4. */
  private static ObjectNode version2(ObjectNode v1, String wolfssl) {
    ObjectNode v2 = v1.deepCopy();
    v2.put("version", 2);
    for (JsonNode c : v2.get("components")) {
      if (c.path("bom-ref").asText().equals(wolfssl)) {
        ((ObjectNode) c).put("version", "5.6.4");
      }
    }
    return v2;
  }

  /** A VEX of its own: CVE-2022-42905 not affected in the component {@code ref} names. */
  private static ObjectNode linkedVex(String ref) throws IOException {
    return (ObjectNode)
        JSON.readTree(
            """
            {"bomFormat": "CycloneDX", "specVersion": "1.5", "version": 1,
             "vulnerabilities": [{"id": "CVE-2022-42905",
               "analysis": {"state": "not_affected", "justification": "code_not_reachable"},
               "affects": [{"ref": "%s"}]}]}
            """
                .formatted(ref));
  }

  private Path write(String name, ObjectNode document) throws IOException {
    return CycloneDxTestDocs.write(dir, name, document);
  }
}

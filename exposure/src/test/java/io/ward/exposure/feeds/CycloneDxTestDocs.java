package io.ward.exposure.feeds;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The real CycloneDX documents the revision tests build their revisions from, and the few steps
 * they all take on them: read one from the test data, give CISA's VEX use case 2 a serial number
 * and revision, find a component's bom-ref, write a document into a test folder.
 */
final class CycloneDxTestDocs {

  /** The serial number CISA's VEX use case 2 is given (the real file has none). */
  static final String CASE2_SERIAL = "urn:uuid:5c2e4f4e-7d1e-4a5e-9b1f-2d3c4b5a6e7f";

  /** The serial number of the real medical-device case-study SBOM (narrow). */
  static final String NARROW_SERIAL = "urn:uuid:02826796-d30c-4aa6-b0a8-44207a01cb6c";

  static final ObjectMapper JSON = new ObjectMapper();

  private CycloneDxTestDocs() {}

  /** A real document of the test data, to change at will. */
  static ObjectNode real(String relative) throws IOException {
    return (ObjectNode) JSON.readTree(TestData.path(relative).toFile());
  }

  /** The real medical-device case-study SBOM (narrow): version 1, 55 components. */
  static ObjectNode caseStudy() throws IOException {
    return real("sbom/medical-device-casestudy/narrow.sbom.json");
  }

  /**
   * CISA's VEX use case 2 (CycloneDX bom-examples: product ABC 4.2 is not affected by 19
   * vulnerabilities), given {@link #CASE2_SERIAL}, at {@code version} of {@code timestamp}.
   */
  static ObjectNode cisaCase2(int version, String timestamp) throws IOException {
    ObjectNode doc = real("sbom/cyclonedx-examples/vex-cisa-case2.json");
    doc.put("serialNumber", CASE2_SERIAL).put("version", version);
    ((ObjectNode) doc.get("metadata")).put("timestamp", timestamp);
    return doc;
  }

  /** The bom-ref of the component named {@code name}. */
  static String bomRef(JsonNode bom, String name) {
    for (JsonNode c : bom.get("components")) {
      if (c.path("name").asText().equals(name)) {
        return c.get("bom-ref").asText();
      }
    }
    throw new AssertionError("no component " + name);
  }

  /** Writes {@code document} to {@code dir/name} (its folders made); returns the file. */
  static Path write(Path dir, String name, JsonNode document) throws IOException {
    Path file = dir.resolve(name);
    Files.createDirectories(file.getParent());
    Files.writeString(file, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(document));
    return file;
  }
}

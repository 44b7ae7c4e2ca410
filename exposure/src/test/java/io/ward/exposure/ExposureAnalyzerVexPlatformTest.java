package io.ward.exposure;

import static io.ward.exposure.match.Devices.device;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ward.exposure.feeds.ExposureKnowledge;
import io.ward.exposure.feeds.KnowledgeLoader;
import io.ward.exposure.feeds.LoadRequest;
import io.ward.exposure.feeds.TestData;
import io.ward.model.Device;
import io.ward.model.exposure.Finding;
import io.ward.model.exposure.FindingStatus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A maker's CSAF VEX that declares a component not affected inside one of its products (a
 * relationship, CSAF 2.0 §3.1.2.3.1) silences that component's finding on that product only.
 *
 * <p>Built from real CISA files: OFFIS DCMTK before 3.6.7 is affected by CVE-2022-2121
 * (ICSMA-22-174-01, read as published). The VEX is made of the real product tree branches of that
 * advisory (OFFIS / DCMTK / {@code < 3.6.7}) and of ICSMA-24-200-01 (Philips / Vue PACS / {@code
 * <12.2.8.410}), relates DCMTK to Vue PACS as a {@code default_component_of}, and declares that
 * combination {@code known_not_affected}. Two Philips systems list DCMTK 3.6.6 in their SBOMs.
 */
class ExposureAnalyzerVexPlatformTest {

  private static final LocalDate TODAY = LocalDate.of(2025, 1, 1);
  private static final String CVE = "CVE-2022-2121";
  private static final Path ICSMA = TestData.path("advisories/cisa-csaf/medical-icsma");
  private static final ObjectMapper JSON = new ObjectMapper();

  private static final Device VUE_PACS = device("mac:vue-pacs", "Philips", "Vue PACS", "12.2.8.0");
  private static final Device VUE_MOTION =
      device("mac:vue-motion", "Philips", "Vue Motion", "12.2.1.5");

  @TempDir Path dir;
  private Path feeds;
  private Path sboms;

  @BeforeEach
  void writeAdvisoryAndSboms() throws IOException {
    feeds = Files.createDirectories(dir.resolve("feeds"));
    sboms = Files.createDirectories(dir.resolve("sboms"));
    Files.copy(ICSMA.resolve("icsma-22-174-01.json"), feeds.resolve("icsma-22-174-01.json"));
    sbom("Vue PACS", "12.2.8.0");
    sbom("Vue PACS", "12.2.8.410");
    sbom("Vue Motion", "12.2.1.5");
  }

  @Test
  void shouldSilenceTheComponentInsideTheNamedProductOnly() throws IOException {
    Map<String, Finding> f =
        analyze(vex(true), List.of(VUE_PACS, VUE_MOTION), k -> assertThat(k.vex()).hasSize(1));

    assertThat(f.get(VUE_PACS.id()).status()).isEqualTo(FindingStatus.NOT_AFFECTED);
    assertThat(f.get(VUE_PACS.id()).statusReason().orElseThrow())
        .contains("PHILIPS-VEX-2099-1", "vulnerable_code_not_in_execute_path");
    // Before, the statement was scoped by DCMTK and its versions alone and silenced this one too.
    assertThat(f.get(VUE_MOTION.id()).status()).isEqualTo(FindingStatus.AFFECTED);
    assertThat(f.get(VUE_MOTION.id()).statusReason()).isEmpty();
  }

  @Test
  void shouldKeepTheFindingOnAVersionOfTheProductTheStatementLeavesOut() throws IOException {
    Device fixedRelease = device("mac:vue-pacs-new", "Philips", "Vue PACS", "12.2.8.410");

    Map<String, Finding> f = analyze(vex(true), List.of(fixedRelease), k -> {});

    assertThat(f.get(fixedRelease.id()).status()).isEqualTo(FindingStatus.AFFECTED);
  }

  @Test
  void shouldKeepTheFindingAndSayWhyWhenTheDeviceVersionIsUnknown() throws IOException {
    Device unknownRelease = device("mac:vue-pacs-unknown", "Philips", "Vue PACS", null);

    Map<String, Finding> f = analyze(vex(true), List.of(unknownRelease), k -> {});

    assertThat(f.get(unknownRelease.id()).status()).isEqualTo(FindingStatus.AFFECTED);
    assertThat(f.get(unknownRelease.id()).statusReason().orElseThrow())
        .contains("PHILIPS-VEX-2099-1", "Philips Vue PACS: <12.2.8.410", "not applied");
  }

  @Test
  void shouldKeepTheComponentScopeOfAStatementAboutTheComponentItself() throws IOException {
    // The same VEX naming the DCMTK product itself, not the combination: every device's DCMTK.
    Map<String, Finding> f = analyze(vex(false), List.of(VUE_PACS, VUE_MOTION), k -> {});

    assertThat(f.get(VUE_PACS.id()).status()).isEqualTo(FindingStatus.NOT_AFFECTED);
    assertThat(f.get(VUE_MOTION.id()).status()).isEqualTo(FindingStatus.NOT_AFFECTED);
  }

  /** Each device's DCMTK finding of CVE-2022-2121 from ICSMA-22-174-01, by device id. */
  private Map<String, Finding> analyze(
      String vex, List<Device> devices, Consumer<ExposureKnowledge> check) throws IOException {
    Files.writeString(feeds.resolve("philips-vex.json"), vex);
    ExposureKnowledge k =
        KnowledgeLoader.load(LoadRequest.of(TODAY).withFeeds(feeds).withSboms(sboms));
    assertThat(k.problems()).isEmpty();
    check.accept(k);
    ExposureReport r =
        new ExposureAnalyzer()
            .analyze(devices, k, ExposureOptions.of(TODAY).withIncludeNotAffected(true));
    Map<String, Finding> out =
        r.findings().stream()
            .map(AssessedFinding::finding)
            .filter(f -> f.vulnerability().equals(CVE) && f.advisoryId().equals("ICSMA-22-174-01"))
            .filter(f -> f.matchedBy().deviceAttribute().equals("sbom:DCMTK@3.6.6"))
            .collect(Collectors.toMap(Finding::deviceId, f -> f));
    assertThat(out.keySet())
        .containsExactlyInAnyOrderElementsOf(devices.stream().map(Device::id).toList());
    return out;
  }

  /**
   * The VEX: real branches, renamed product ids, and DCMTK declared not affected inside Vue PACS
   * ({@code inside}) or as such.
   */
  private static String vex(boolean inside) throws IOException {
    ObjectNode doc = JSON.createObjectNode();
    ObjectNode document = doc.putObject("document");
    document.put("category", "csaf_vex").put("csaf_version", "2.0");
    document
        .putObject("publisher")
        .put("category", "vendor")
        .put("name", "Philips")
        .put("namespace", "https://www.philips.com");
    document.put("title", "Philips Vue PACS VEX for CVE-2022-2121");
    ObjectNode tracking = document.putObject("tracking");
    tracking
        .put("current_release_date", "2024-08-01T00:00:00.000Z")
        .put("id", "PHILIPS-VEX-2099-1")
        .put("initial_release_date", "2024-08-01T00:00:00.000Z")
        .put("status", "final")
        .put("version", "1");
    tracking
        .putArray("revision_history")
        .addObject()
        .put("date", "2024-08-01T00:00:00.000Z")
        .put("number", "1")
        .put("summary", "Initial version.");

    ObjectNode tree = doc.putObject("product_tree");
    ArrayNode branches = tree.putArray("branches");
    branches.add(realBranch("icsma-24-200-01.json", "VUE-PACS"));
    branches.add(realBranch("icsma-22-174-01.json", "DCMTK"));
    String named = "DCMTK";
    if (inside) {
      named = "VUE-PACS:DCMTK";
      ObjectNode r = tree.putArray("relationships").addObject();
      r.put("category", "default_component_of")
          .put("product_reference", "DCMTK")
          .put("relates_to_product_reference", "VUE-PACS");
      r.putObject("full_product_name")
          .put("name", "DCMTK in Philips Vue PACS")
          .put("product_id", named);
    }

    ObjectNode v = doc.putArray("vulnerabilities").addObject();
    v.put("cve", CVE);
    v.putArray("notes")
        .addObject()
        .put("category", "description")
        .put("text", "Stack-based buffer overflow in DCMTK's storescp.")
        .put("title", "CVE description");
    v.putObject("product_status").putArray("known_not_affected").add(named);
    ObjectNode flag = v.putArray("flags").addObject();
    flag.put("label", "vulnerable_code_not_in_execute_path").putArray("product_ids").add(named);
    ObjectNode threat = v.putArray("threats").addObject();
    threat
        .put("category", "impact")
        .put("details", "Vue PACS does not run storescp.")
        .putArray("product_ids")
        .add(named);
    return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(doc);
  }

  /** The first vendor branch of a real advisory, its one product renamed {@code productId}. */
  private static JsonNode realBranch(String file, String productId) throws IOException {
    JsonNode branch = JSON.readTree(ICSMA.resolve(file).toFile()).at("/product_tree/branches/0");
    ObjectNode copy = branch.deepCopy();
    ObjectNode product = (ObjectNode) copy.findParent("product_id");
    product.put("product_id", productId);
    return copy;
  }

  private void sbom(String model, String version) throws IOException {
    Files.writeString(
        sboms.resolve(model.replace(' ', '-') + "-" + version + ".cdx.json"),
        """
        {"bomFormat": "CycloneDX", "specVersion": "1.5", "version": 1,
         "metadata": {"component": {"type": "device", "name": "%s", "version": "%s",
           "supplier": {"name": "Philips"}}},
         "components": [{"type": "library", "bom-ref": "dcmtk", "name": "DCMTK",
           "version": "3.6.6", "supplier": {"name": "OFFIS"}}]}
        """
            .formatted(model, version));
  }
}

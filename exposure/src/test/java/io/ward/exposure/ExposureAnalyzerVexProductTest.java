package io.ward.exposure;

import static io.ward.exposure.match.Devices.device;
import static org.assertj.core.api.Assertions.assertThat;

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
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A maker's CSAF VEX that declares one of its products (not a relationship) not affected silences
 * every finding of that vulnerability on the devices that are that product: the findings on the
 * components their SBOMs list, and those on the device itself.
 *
 * <p>Built from real files: OFFIS DCMTK before 3.6.7 is affected by CVE-2022-2121 (CISA
 * ICSMA-22-174-01), and Philips Vue PACS before 12.2.8.410 by CVE-2023-40704 (its CVE 5 record from
 * CISA vulnrichment, matched on the device's maker, model and firmware). Philips systems list DCMTK
 * 3.6.6 in their SBOMs. The VEX says Philips Vue PACS 12.2.8.0 is affected by neither, or, in
 * another revision, that it carries the fix for both (CSAF {@code fixed}): the findings are then
 * ruled out the same way. When a CycloneDX VEX says it too, the reason names the VEX read first.
 */
class ExposureAnalyzerVexProductTest {

  private static final LocalDate TODAY = LocalDate.of(2025, 1, 1);
  private static final String DCMTK_CVE = "CVE-2022-2121";
  private static final String PACS_CVE = "CVE-2023-40704";
  private static final String VEX_ID = "PHILIPS-VEX-2099-2";
  private static final ObjectMapper JSON = new ObjectMapper();

  private static final Device VUE_PACS = device("mac:vue-pacs", "Philips", "Vue PACS", "12.2.8.0");
  private static final Device VUE_MOTION =
      device("mac:vue-motion", "Philips", "Vue Motion", "12.2.1.5");

  @TempDir Path dir;
  private Path feeds;
  private Path sboms;

  @BeforeEach
  void writeAdvisoriesSbomsAndVex() throws IOException {
    feeds = Files.createDirectories(dir.resolve("feeds"));
    sboms = Files.createDirectories(dir.resolve("sboms"));
    Files.copy(
        TestData.path("advisories/cisa-csaf/medical-icsma/icsma-22-174-01.json"),
        feeds.resolve("icsma-22-174-01.json"));
    Files.copy(
        TestData.path("advisories/cve-json5-vulnrichment/" + PACS_CVE + ".json"),
        feeds.resolve(PACS_CVE + ".json"));
    sbom("Vue PACS", "12.2.8.0");
    sbom("Vue Motion", "12.2.1.5");
    Files.writeString(feeds.resolve("philips-vex.json"), vex());
  }

  @Test
  void shouldSilenceEveryFindingOfTheVulnerabilityOnTheDeviceThatIsTheProduct() {
    // A later Vue PACS release: the product, but not the version the statement names.
    Device newer = device("mac:vue-pacs-new", "Philips", "Vue PACS", "12.2.8.100");

    ExposureReport r = analyze(List.of(VUE_PACS, VUE_MOTION, newer));

    Finding dcmtk = dcmtk(r, VUE_PACS).orElseThrow();
    assertThat(dcmtk.status()).isEqualTo(FindingStatus.NOT_AFFECTED);
    assertThat(dcmtk.statusReason().orElseThrow())
        .contains(
            VEX_ID,
            "this device's product ('Philips Vue PACS 12.2.8.0')",
            "vulnerable_code_not_in_execute_path",
            "Vue PACS 12.2.8.0 does not run storescp");
    // The finding on the device itself, from another source than the maker's VEX.
    Finding own = onDevice(r, VUE_PACS).orElseThrow();
    assertThat(own.status()).isEqualTo(FindingStatus.NOT_AFFECTED);
    assertThat(own.statusReason().orElseThrow()).contains(VEX_ID, "this device's product");
    // Another product with the same component, and another version of the product: untouched.
    assertThat(dcmtk(r, VUE_MOTION).orElseThrow().status()).isEqualTo(FindingStatus.AFFECTED);
    assertThat(dcmtk(r, VUE_MOTION).orElseThrow().statusReason()).isEmpty();
    assertThat(onDevice(r, newer).orElseThrow().status()).isEqualTo(FindingStatus.AFFECTED);
    assertThat(onDevice(r, newer).orElseThrow().statusReason()).isEmpty();
  }

  @Test
  void shouldKeepTheFindingsAndSayWhyWhenUnsureTheDeviceIsTheProduct() {
    Device unknownFirmware = device("mac:vue-pacs-unknown", "Philips", "Vue PACS", null);
    Device unknownMaker = device("mac:vue-pacs-anon", null, "Vue PACS", "12.2.8.0");

    ExposureReport r = analyze(List.of(unknownFirmware, unknownMaker));

    for (Device d : List.of(unknownFirmware, unknownMaker)) {
      for (Finding f : List.of(dcmtk(r, d).orElseThrow(), onDevice(r, d).orElseThrow())) {
        assertThat(f.status()).as(d.id()).isNotEqualTo(FindingStatus.NOT_AFFECTED);
        assertThat(f.statusReason().orElseThrow())
            .as(d.id())
            .contains(
                VEX_ID,
                "says 'Philips Vue PACS 12.2.8.0' is not affected",
                "cannot tell whether this device is that product",
                "not applied");
      }
    }
  }

  @Test
  void shouldMarkEveryFindingOfTheVulnerabilityOnTheProductFixedWhenTheVexSaysFixed()
      throws IOException {
    Files.writeString(feeds.resolve("philips-vex.json"), vex("fixed"));
    Device newer = device("mac:vue-pacs-new", "Philips", "Vue PACS", "12.2.8.100");

    ExposureReport r = analyze(List.of(VUE_PACS, VUE_MOTION, newer));

    for (Finding f :
        List.of(dcmtk(r, VUE_PACS).orElseThrow(), onDevice(r, VUE_PACS).orElseThrow())) {
      assertThat(f.status()).as(f.id()).isEqualTo(FindingStatus.NOT_AFFECTED);
      assertThat(f.statusReason().orElseThrow())
          .as(f.id())
          .contains(VEX_ID, "this device's product ('Philips Vue PACS 12.2.8.0'): fixed");
    }
    // The fix is in the version the statement names, on that product only.
    assertThat(dcmtk(r, VUE_MOTION).orElseThrow().status()).isEqualTo(FindingStatus.AFFECTED);
    assertThat(onDevice(r, newer).orElseThrow().status()).isEqualTo(FindingStatus.AFFECTED);
  }

  @Test
  void shouldListARuledOutFindingOnceNotAgainAsTheVexDocumentsOwn() throws IOException {
    for (String status : List.of("known_not_affected", "fixed")) {
      Files.writeString(feeds.resolve("philips-vex.json"), vex(status));

      ExposureReport r = analyze(List.of(VUE_PACS));

      // One row per vulnerability the VEX speaks of: the finding of the advisory that gave it,
      // ruled out by the VEX.
      List<Finding> spoken =
          r.findings().stream()
              .map(AssessedFinding::finding)
              .filter(f -> List.of(DCMTK_CVE, PACS_CVE).contains(f.vulnerability()))
              .toList();
      assertThat(spoken)
          .as(status)
          .extracting(Finding::vulnerability)
          .containsExactlyInAnyOrder(DCMTK_CVE, PACS_CVE);
      assertThat(spoken)
          .as(status)
          .allSatisfy(f -> assertThat(f.advisoryId()).isNotEqualTo(VEX_ID))
          .allSatisfy(f -> assertThat(f.status()).isEqualTo(FindingStatus.NOT_AFFECTED));
      assertThat(r.findings()).as(status).noneMatch(a -> a.finding().advisoryId().equals(VEX_ID));
    }
  }

  @Test
  void shouldKeepTheFindingsWhenTheVexSaysFixedOfAProductWithoutVersion() throws IOException {
    // "Vue PACS" is fixed: in some release the statement does not name, not in every one.
    Files.writeString(
        feeds.resolve("philips-vex.json"),
        vex("fixed")
            .replace("\"category\" : \"product_version\"", "\"category\" : \"product_family\""));

    ExposureReport r = analyze(List.of(VUE_PACS));

    assertThat(dcmtk(r, VUE_PACS).orElseThrow().status()).isEqualTo(FindingStatus.AFFECTED);
    assertThat(onDevice(r, VUE_PACS).orElseThrow().status()).isEqualTo(FindingStatus.AFFECTED);
  }

  @Test
  void shouldNameTheVexReadFirstWhenACsafAndACycloneDxVexBothRuleAFindingOut() throws IOException {
    // The maker's CycloneDX VEX says the same of Vue PACS 12.2.8.0: read before the CSAF VEX
    // (philips-vex.json), then after it. Whichever is read first gives the reason, whatever its
    // format.
    for (String name : List.of("a-philips-vex.cdx.json", "z-philips-vex.cdx.json")) {
      Path cycloneDx = Files.writeString(feeds.resolve(name), cycloneDxVex());

      ExposureKnowledge k =
          KnowledgeLoader.load(LoadRequest.of(TODAY).withFeeds(feeds).withSboms(sboms));
      ExposureReport r =
          new ExposureAnalyzer()
              .analyze(
                  List.of(VUE_PACS), k, ExposureOptions.of(TODAY).withIncludeNotAffected(true));

      assertThat(k.problems()).as(name).isEmpty();
      assertThat(k.vex()).as(name).hasSize(3);
      Finding own = onDevice(r, VUE_PACS).orElseThrow();
      assertThat(own.status()).as(name).isEqualTo(FindingStatus.NOT_AFFECTED);
      if (name.startsWith("a-")) {
        assertThat(own.statusReason().orElseThrow())
            .as(name)
            .contains(cycloneDx.toString(), "code_not_reachable")
            .doesNotContain(VEX_ID);
      } else {
        assertThat(own.statusReason().orElseThrow())
            .as(name)
            .contains(VEX_ID, "vulnerable_code_not_in_execute_path")
            .doesNotContain(name);
      }
      Files.delete(cycloneDx);
    }
  }

  private ExposureReport analyze(List<Device> devices) {
    ExposureKnowledge k =
        KnowledgeLoader.load(LoadRequest.of(TODAY).withFeeds(feeds).withSboms(sboms));
    assertThat(k.problems()).isEmpty();
    assertThat(k.vex()).hasSize(2);
    return new ExposureAnalyzer()
        .analyze(devices, k, ExposureOptions.of(TODAY).withIncludeNotAffected(true));
  }

  /** The device's DCMTK finding of CVE-2022-2121 from ICSMA-22-174-01. */
  private static Optional<Finding> dcmtk(ExposureReport r, Device d) {
    return finding(r, d, DCMTK_CVE, "ICSMA-22-174-01", "sbom:DCMTK@3.6.6");
  }

  /** The device's own finding of CVE-2023-40704, from its CVE record. */
  private static Optional<Finding> onDevice(ExposureReport r, Device d) {
    return finding(r, d, PACS_CVE, PACS_CVE, "model");
  }

  private static Optional<Finding> finding(
      ExposureReport r, Device d, String cve, String advisory, String attribute) {
    List<Finding> found =
        r.findings().stream()
            .map(AssessedFinding::finding)
            .filter(f -> f.deviceId().equals(d.id()) && f.vulnerability().equals(cve))
            .filter(f -> f.advisoryId().equals(advisory))
            .filter(f -> f.matchedBy().deviceAttribute().equals(attribute))
            .toList();
    assertThat(found).as(d.id() + " " + cve).hasSizeLessThanOrEqualTo(1);
    return found.stream().findFirst();
  }

  /** The maker's VEX: Philips Vue PACS 12.2.8.0 is affected by neither CVE. */
  private static String vex() throws IOException {
    return vex("known_not_affected");
  }

  /**
   * The maker's VEX stating {@code status} ({@code known_not_affected} or {@code fixed}) for
   * Philips Vue PACS 12.2.8.0 and both CVEs.
   */
  private static String vex(String status) throws IOException {
    ObjectNode doc = JSON.createObjectNode();
    ObjectNode document = doc.putObject("document");
    document.put("category", "csaf_vex").put("csaf_version", "2.0");
    document
        .putObject("publisher")
        .put("category", "vendor")
        .put("name", "Philips")
        .put("namespace", "https://www.philips.com");
    document.put("title", "Philips Vue PACS 12.2.8.0 VEX");
    ObjectNode tracking = document.putObject("tracking");
    tracking
        .put("current_release_date", "2024-08-01T00:00:00.000Z")
        .put("id", VEX_ID)
        .put("initial_release_date", "2024-08-01T00:00:00.000Z")
        .put("status", "final")
        .put("version", "1");
    tracking
        .putArray("revision_history")
        .addObject()
        .put("date", "2024-08-01T00:00:00.000Z")
        .put("number", "1")
        .put("summary", "Initial version.");

    // The vendor and product branches as CISA's Vue PACS advisory (ICSMA-24-200-01) names them.
    ObjectNode vendor = doc.putObject("product_tree").putArray("branches").addObject();
    vendor.put("category", "vendor").put("name", "Philips");
    ObjectNode product = vendor.putArray("branches").addObject();
    product.put("category", "product_name").put("name", "Vue PACS");
    ObjectNode version = product.putArray("branches").addObject();
    version.put("category", "product_version").put("name", "12.2.8.0");
    version
        .putObject("product")
        .put("name", "Philips Vue PACS 12.2.8.0")
        .put("product_id", "VUE-PACS-12.2.8.0");

    ArrayNode vulnerabilities = doc.putArray("vulnerabilities");
    if (status.equals("fixed")) {
      fixed(vulnerabilities, DCMTK_CVE);
      fixed(vulnerabilities, PACS_CVE);
    } else {
      notAffected(vulnerabilities, DCMTK_CVE, "Vue PACS 12.2.8.0 does not run storescp.");
      notAffected(
          vulnerabilities, PACS_CVE, "Vue PACS 12.2.8.0 does not ship the affected module.");
    }
    return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(doc);
  }

  /** The fix is in Vue PACS 12.2.8.0 (a backport: the CVE record says before 12.2.8.410). */
  private static void fixed(ArrayNode vulnerabilities, String cve) {
    ObjectNode v = vulnerabilities.addObject();
    v.put("cve", cve);
    v.putObject("product_status").putArray("fixed").add("VUE-PACS-12.2.8.0");
  }

  private static void notAffected(ArrayNode vulnerabilities, String cve, String impact) {
    ObjectNode v = vulnerabilities.addObject();
    v.put("cve", cve);
    v.putArray("notes")
        .addObject()
        .put("category", "description")
        .put("text", "A flaw in a component some Philips systems ship.")
        .put("title", "CVE description");
    v.putObject("product_status").putArray("known_not_affected").add("VUE-PACS-12.2.8.0");
    v.putArray("flags")
        .addObject()
        .put("label", "vulnerable_code_not_in_execute_path")
        .putArray("product_ids")
        .add("VUE-PACS-12.2.8.0");
    v.putArray("threats")
        .addObject()
        .put("category", "impact")
        .put("details", impact)
        .putArray("product_ids")
        .add("VUE-PACS-12.2.8.0");
  }

  /** The maker's CycloneDX VEX: Philips Vue PACS 12.2.8.0 is not affected by CVE-2023-40704. */
  private static String cycloneDxVex() {
    return """
        {"bomFormat": "CycloneDX", "specVersion": "1.6", "version": 1,
         "serialNumber": "urn:uuid:0b7c6a52-3f0e-4d8e-9a63-5c1f2e7d9a10",
         "metadata": {"timestamp": "2024-08-02T00:00:00Z",
           "component": {"type": "device", "bom-ref": "vue-pacs", "name": "Vue PACS",
             "version": "12.2.8.0", "supplier": {"name": "Philips"}}},
         "vulnerabilities": [{"id": "%s",
           "analysis": {"state": "not_affected", "justification": "code_not_reachable",
             "detail": "The affected module is never loaded."},
           "affects": [{"ref": "vue-pacs"}]}]}
        """
        .formatted(PACS_CVE);
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

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
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A maker's CycloneDX "not affected" about the product an SBOM describes (its {@code
 * metadata.component}, by {@code bom-ref} or BOM-link) silences every finding of that vulnerability
 * on the devices the SBOM describes, and on no other device; so does a "resolved" (the product's
 * version carries the fix).
 *
 * <p>Built from real files: the medical-device case-study SBOMs, both listing wolfSSL 4.8.1, their
 * redacted subject replaced by two Acme Medical products (the narrow SBOM becomes the Infusion
 * Hub's, the extended one the Patient Monitor's), with a report that wolfSSL before 5.5.2 is
 * affected by CVE-2022-42905; and CISA's VEX use case 1 (CycloneDX bom-examples): product ABC 4.2
 * is not affected by Log4Shell.
 */
class ExposureAnalyzerCycloneDxVexProductTest {

  private static final LocalDate TODAY = LocalDate.of(2025, 1, 1);
  private static final String CVE = "CVE-2022-42905";
  private static final String LOG4SHELL = "CVE-2021-44228";
  private static final Path SBOM = TestData.path("sbom");
  private static final ObjectMapper JSON = new ObjectMapper();

  /** The narrow SBOM's serial number, as BOM-links write it (without {@code urn:uuid:}). */
  private static final String HUB_SERIAL = "02826796-d30c-4aa6-b0a8-44207a01cb6c";

  /** The extended SBOM's serial number, and the bom-ref of its FreeRTOS. */
  private static final String MONITOR_SERIAL = "9a9fb992-c015-4d78-91b5-88b6be21f53d";

  private static final String MONITOR_FREERTOS = "BomRef.9740521717940234.4029744837037744";

  private static final Device HUB = device("mac:hub", "Acme Medical", "Infusion Hub", "2.0");
  private static final Device MONITOR =
      device("mac:monitor", "Acme Medical", "Patient Monitor", "5.1");

  @TempDir Path dir;
  private Path feeds;
  private Path sboms;

  @BeforeEach
  void writeReports() throws IOException {
    feeds = Files.createDirectories(dir.resolve("feeds"));
    sboms = Files.createDirectories(dir.resolve("sboms"));
    Files.writeString(
        feeds.resolve("wolfssl-vdr.cdx.json"),
        report(CVE, "wolfSSL", "pkg:github/wolfssl/wolfssl", "5.5.2"));
    Files.writeString(
        feeds.resolve("log4j-vdr.cdx.json"),
        report(LOG4SHELL, "log4j-core", "pkg:maven/org.apache.logging.log4j/log4j-core", "2.15.0"));
  }

  @Test
  void shouldSilenceTheDeviceWhoseSbomCarriesAVexAboutItsProduct() throws IOException {
    ObjectNode hub = realSbom("narrow.sbom.json", "Infusion Hub", "2.0");
    hub.set("vulnerabilities", notAffected(CVE, hub.at("/metadata/component/bom-ref").asText()));
    write(sboms.resolve("infusion-hub.cdx.json"), hub);
    write(sboms.resolve("patient-monitor.cdx.json"), monitorSbom());

    Map<String, Finding> f = wolfssl(List.of(HUB, MONITOR));

    assertThat(f.get(HUB.id()).status()).isEqualTo(FindingStatus.NOT_AFFECTED);
    assertThat(f.get(HUB.id()).statusReason().orElseThrow())
        .contains(
            "infusion-hub.cdx.json",
            "this device's product ('Acme Medical Infusion Hub 2.0')",
            "code_not_reachable");
    assertThat(f.get(MONITOR.id()).status()).isEqualTo(FindingStatus.AFFECTED);
    assertThat(f.get(MONITOR.id()).statusReason()).isEmpty();
  }

  @Test
  void shouldMarkTheDeviceFixedWhoseSbomSaysItsProductIsResolved() throws IOException {
    ObjectNode hub = realSbom("narrow.sbom.json", "Infusion Hub", "2.0");
    ArrayNode statements = notAffected(CVE, hub.at("/metadata/component/bom-ref").asText());
    ((ObjectNode) statements.get(0))
        .putObject("analysis")
        .put("state", "resolved")
        .put("detail", "Hub 2.0 ships wolfSSL patched for CVE-2022-42905.");
    hub.set("vulnerabilities", statements);
    write(sboms.resolve("infusion-hub.cdx.json"), hub);
    write(sboms.resolve("patient-monitor.cdx.json"), monitorSbom());

    Map<String, Finding> f = wolfssl(List.of(HUB, MONITOR));

    assertThat(f.get(HUB.id()).status()).isEqualTo(FindingStatus.NOT_AFFECTED);
    assertThat(f.get(HUB.id()).statusReason().orElseThrow())
        .contains(
            "infusion-hub.cdx.json",
            "this device's product ('Acme Medical Infusion Hub 2.0'): fixed",
            "Hub 2.0 ships wolfSSL patched");
    assertThat(f.get(MONITOR.id()).status()).isEqualTo(FindingStatus.AFFECTED);
    assertThat(f.get(MONITOR.id()).statusReason()).isEmpty();
  }

  @Test
  void shouldSayWhyAVexAboutTheProductIsNotAppliedAtAVersionListedUnknown() throws IOException {
    ObjectNode hub = realSbom("narrow.sbom.json", "Infusion Hub", "2.0");
    ArrayNode statements = notAffected(CVE, hub.at("/metadata/component/bom-ref").asText());
    ((ObjectNode) statements.get(0).get("affects").get(0))
        .putArray("versions")
        .addObject()
        .put("version", "2.0")
        .put("status", "unknown");
    hub.set("vulnerabilities", statements);
    write(sboms.resolve("infusion-hub.cdx.json"), hub);
    write(sboms.resolve("patient-monitor.cdx.json"), monitorSbom());

    Map<String, Finding> f = wolfssl(List.of(HUB, MONITOR));

    // Before, the hub's finding stood with nothing saying why the maker's claim was not followed.
    assertThat(f.get(HUB.id()).status()).isEqualTo(FindingStatus.AFFECTED);
    assertThat(f.get(HUB.id()).statusReason().orElseThrow())
        .contains(
            "infusion-hub.cdx.json) says not affected but lists version '2.0' with the status"
                + " unknown",
            "not applied");
    assertThat(f.get(MONITOR.id()).statusReason()).isEmpty();
  }

  @Test
  void shouldSilenceTheDeviceOfTheSbomWhoseProductAStandaloneVexLinksTo() throws IOException {
    ObjectNode hub = realSbom("narrow.sbom.json", "Infusion Hub", "2.0");
    write(sboms.resolve("infusion-hub.cdx.json"), hub);
    write(sboms.resolve("patient-monitor.cdx.json"), monitorSbom());
    String product = hub.at("/metadata/component/bom-ref").asText();
    ObjectNode vex = standaloneVex();
    ArrayNode statements =
        notAffected(
            CVE,
            "urn:cdx:" + HUB_SERIAL + "/1#" + URLEncoder.encode(product, StandardCharsets.UTF_8));
    // A link to a component inside the monitor's SBOM (one the VEX does not list) is about that
    // component (FreeRTOS, taken from the monitor's SBOM), no statement about the monitor as a
    // whole.
    ((ArrayNode) statements.get(0).get("affects"))
        .addObject()
        .put("ref", "urn:cdx:" + MONITOR_SERIAL + "/1#" + MONITOR_FREERTOS);
    vex.set("vulnerabilities", statements);
    write(feeds.resolve("acme-vex.cdx.json"), vex);

    Map<String, Finding> f = wolfssl(List.of(HUB, MONITOR));

    assertThat(f.get(HUB.id()).status()).isEqualTo(FindingStatus.NOT_AFFECTED);
    assertThat(f.get(HUB.id()).statusReason().orElseThrow())
        .contains("acme-vex.cdx.json", "the product of SBOM urn:uuid:" + HUB_SERIAL);
    assertThat(f.get(MONITOR.id()).status()).isEqualTo(FindingStatus.AFFECTED);
    assertThat(f.get(MONITOR.id()).statusReason()).isEmpty();
  }

  @Test
  void shouldKeepTheFindingAndSayWhyWhenTheDevicesFirmwareIsUnknown() throws IOException {
    // The SBOM is attached to a hub whose firmware nobody saw; the statement is about 2.0 only.
    Device unknownRelease = device("mac:hub-unknown", "Acme Medical", "Infusion Hub", null);
    ObjectNode hub = realSbom("narrow.sbom.json", "Infusion Hub", "2.0");
    hub.set("vulnerabilities", notAffected(CVE, hub.at("/metadata/component/bom-ref").asText()));
    write(sboms.resolve("infusion-hub.cdx.json"), hub);

    Finding f = wolfssl(List.of(unknownRelease)).get(unknownRelease.id());

    assertThat(f.status()).isEqualTo(FindingStatus.AFFECTED);
    assertThat(f.statusReason().orElseThrow())
        .contains(
            "infusion-hub.cdx.json",
            "says 'Acme Medical Infusion Hub 2.0' is not affected",
            "cannot tell whether this device is that product",
            "not applied");
  }

  @Test
  void shouldKeepTheFindingsAndSayWhyWhenTheSbomOfTheProductWasNotGiven() throws IOException {
    write(
        sboms.resolve("infusion-hub.cdx.json"),
        realSbom("narrow.sbom.json", "Infusion Hub", "2.0"));
    write(sboms.resolve("patient-monitor.cdx.json"), monitorSbom());
    // The product of an SBOM Ward does not have: which devices it is, nothing tells.
    String unknown = "5f0f0da9-c03d-47d8-b38d-009e6df67094";
    ObjectNode vex = standaloneVex();
    vex.set("vulnerabilities", notAffected(CVE, "urn:cdx:" + unknown + "/1"));
    write(feeds.resolve("acme-vex.cdx.json"), vex);

    Map<String, Finding> f = wolfssl(List.of(HUB, MONITOR));

    for (Device d : List.of(HUB, MONITOR)) {
      assertThat(f.get(d.id()).status()).isEqualTo(FindingStatus.AFFECTED);
      assertThat(f.get(d.id()).statusReason().orElseThrow())
          .contains(
              "acme-vex.cdx.json",
              "says the product of SBOM urn:uuid:" + unknown + " is not affected",
              "does not have that SBOM",
              "not applied");
    }
  }

  @Test
  void shouldKeepLog4ShellAndSayWhyWhenTheVexNamesNoMakerForItsProduct() throws IOException {
    Device abc = device("mac:abc", "Acme Medical", "ABC", "4.2");
    log4jSbom("4.2");
    // CISA's use case 1 as published: "ABC" 4.2, by nobody in particular.
    Files.copy(
        SBOM.resolve("cyclonedx-examples/vex-cisa-case1-not_affected.json"),
        feeds.resolve("vex-cisa-case1-not_affected.json"));

    Finding f = log4j(abc).get(abc.id());

    assertThat(f.status()).isEqualTo(FindingStatus.AFFECTED);
    assertThat(f.statusReason().orElseThrow())
        .contains(
            "vex-cisa-case1-not_affected.json",
            "says 'ABC 4.2' is not affected",
            "cannot tell whether this device is that product");
  }

  @Test
  void shouldSilenceLog4ShellOnTheMakersProductAtTheVersionTheVexNames() throws IOException {
    Device abc = device("mac:abc", "Acme Medical", "ABC", "4.2");
    Device next = device("mac:abc-next", "Acme Medical", "ABC", "4.3");
    log4jSbom("4.2");
    log4jSbom("4.3");
    // The same statement, its product's maker named.
    ObjectNode vex =
        (ObjectNode)
            JSON.readTree(
                SBOM.resolve("cyclonedx-examples/vex-cisa-case1-not_affected.json").toFile());
    ((ObjectNode) vex.at("/metadata/component")).putObject("supplier").put("name", "Acme Medical");
    write(feeds.resolve("acme-abc-vex.cdx.json"), vex);

    Map<String, Finding> f = log4j(abc, next);

    assertThat(f.get(abc.id()).status()).isEqualTo(FindingStatus.NOT_AFFECTED);
    assertThat(f.get(abc.id()).statusReason().orElseThrow())
        .contains(
            "acme-abc-vex.cdx.json",
            "this device's product ('Acme Medical ABC 4.2')",
            "code_not_present",
            "Class with vulnerable code was removed before shipping.");
    assertThat(f.get(next.id()).status()).isEqualTo(FindingStatus.AFFECTED);
    assertThat(f.get(next.id()).statusReason()).isEmpty();
  }

  @Test
  void shouldMarkFixedOnlyTheProductVersionsAResolvedVexListsAsUnaffected() throws IOException {
    Device abc = device("mac:abc", "Acme Medical", "ABC", "4.2");
    Device next = device("mac:abc-next", "Acme Medical", "ABC", "4.3");
    log4jSbom("4.2");
    log4jSbom("4.3");
    // The same statement, about ABC of any version and now "resolved": the fix is in 4.3, not in
    // the versions before it, 4.2 among them.
    ObjectNode vex =
        (ObjectNode)
            JSON.readTree(
                SBOM.resolve("cyclonedx-examples/vex-cisa-case1-not_affected.json").toFile());
    ObjectNode product = (ObjectNode) vex.at("/metadata/component");
    product.remove("version");
    product.putObject("supplier").put("name", "Acme Medical");
    ObjectNode statement = (ObjectNode) vex.at("/vulnerabilities/0");
    statement.putObject("analysis").put("state", "resolved").put("detail", "Fixed in ABC 4.3.");
    ArrayNode versions = ((ObjectNode) statement.at("/affects/0")).putArray("versions");
    versions.addObject().put("version", "4.3").put("status", "unaffected");
    versions.addObject().put("range", "vers:generic/<4.3").put("status", "affected");
    write(feeds.resolve("acme-abc-vex.cdx.json"), vex);

    Map<String, Finding> f = log4j(abc, next);

    assertThat(f.get(abc.id()).status()).isEqualTo(FindingStatus.AFFECTED);
    assertThat(f.get(abc.id()).statusReason()).isEmpty();
    assertThat(f.get(next.id()).status()).isEqualTo(FindingStatus.NOT_AFFECTED);
    assertThat(f.get(next.id()).statusReason().orElseThrow())
        .contains(
            "acme-abc-vex.cdx.json",
            "this device's product ('Acme Medical ABC'): fixed",
            "Fixed in ABC 4.3.");
  }

  /** Each device's wolfSSL finding of CVE-2022-42905, by device id. */
  private Map<String, Finding> wolfssl(List<Device> devices) {
    return findings(devices, CVE, "sbom:WolfSSL@4.8.1");
  }

  /** Each device's log4j-core finding of Log4Shell, by device id. */
  private Map<String, Finding> log4j(Device... devices) {
    return findings(List.of(devices), LOG4SHELL, "sbom:log4j-core@2.14.1");
  }

  private Map<String, Finding> findings(List<Device> devices, String cve, String attribute) {
    ExposureKnowledge k =
        KnowledgeLoader.load(LoadRequest.of(TODAY).withFeeds(feeds).withSboms(sboms));
    assertThat(k.problems()).isEmpty();
    assertThat(k.vex()).isNotEmpty();
    ExposureReport r =
        new ExposureAnalyzer()
            .analyze(devices, k, ExposureOptions.of(TODAY).withIncludeNotAffected(true));
    Map<String, Finding> out =
        r.findings().stream()
            .map(AssessedFinding::finding)
            .filter(f -> f.vulnerability().equals(cve))
            .filter(f -> f.matchedBy().deviceAttribute().equals(attribute))
            .collect(Collectors.toMap(Finding::deviceId, f -> f));
    assertThat(out.keySet())
        .containsExactlyInAnyOrderElementsOf(devices.stream().map(Device::id).toList());
    return out;
  }

  /** A report: {@code component} before {@code fixed} is affected by {@code cve}. */
  private static String report(String cve, String component, String purl, String fixed) {
    return """
        {"bomFormat": "CycloneDX", "specVersion": "1.5", "version": 1,
         "components": [{"bom-ref": "c", "type": "library", "name": "%s", "purl": "%s"}],
         "vulnerabilities": [{"id": "%s", "affects": [{"ref": "c", "versions": [
           {"range": "vers:generic/<%s", "status": "affected"}]}]}]}
        """
        .formatted(component, purl, cve, fixed);
  }

  /** Acme Medical's SBOM of ABC at {@code version}: log4j-core 2.14.1. */
  private void log4jSbom(String version) throws IOException {
    Files.writeString(
        sboms.resolve("abc-" + version + ".cdx.json"),
        """
        {"bomFormat": "CycloneDX", "specVersion": "1.5", "version": 1,
         "metadata": {"component": {"type": "device", "name": "ABC", "version": "%s",
           "supplier": {"name": "Acme Medical"}}},
         "components": [{"type": "library", "bom-ref": "log4j", "name": "log4j-core",
           "group": "org.apache.logging.log4j", "version": "2.14.1",
           "purl": "pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1"}]}
        """
            .formatted(version));
  }

  /** The Patient Monitor's SBOM: the real extended one, without VEX. */
  private static ObjectNode monitorSbom() throws IOException {
    return realSbom("extended.sbom.json", "Patient Monitor", "5.1");
  }

  /** A real case-study SBOM, its redacted subject replaced by an Acme Medical product. */
  private static ObjectNode realSbom(String file, String model, String version) throws IOException {
    ObjectNode sbom =
        (ObjectNode) JSON.readTree(SBOM.resolve("medical-device-casestudy").resolve(file).toFile());
    ObjectNode subject = (ObjectNode) sbom.at("/metadata/component");
    subject.put("name", model).put("version", version).remove("author");
    subject.putObject("supplier").put("name", "Acme Medical");
    return sbom;
  }

  /** A VEX document of its own, naming neither a product nor a component. */
  private static ObjectNode standaloneVex() {
    ObjectNode vex = JSON.createObjectNode();
    vex.put("bomFormat", "CycloneDX").put("specVersion", "1.5").put("version", 1);
    vex.put("serialNumber", "urn:uuid:9c1a3b55-2f0e-4c55-9d6e-1f7a1b2c3d4e");
    return vex;
  }

  /** {@code vulnerabilities[]}: {@code cve} not affected in what {@code ref} names. */
  private static ArrayNode notAffected(String cve, String ref) {
    ObjectNode v = JSON.createObjectNode();
    v.put("id", cve);
    v.putObject("analysis")
        .put("state", "not_affected")
        .put("justification", "code_not_reachable")
        .put("detail", "Built without WOLFSSL_CALLBACKS.");
    v.putArray("affects").addObject().put("ref", ref);
    return JSON.createArrayNode().add(v);
  }

  private static void write(Path file, JsonNode document) throws IOException {
    Files.writeString(file, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(document));
  }
}

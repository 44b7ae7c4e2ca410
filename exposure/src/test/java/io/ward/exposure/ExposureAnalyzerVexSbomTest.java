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
import io.ward.model.exposure.Sbom;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A maker's CycloneDX "not affected" that comes from one product's SBOM (VEX embedded in it), or
 * names that SBOM by BOM-link, silences the component on the devices that SBOM describes only.
 *
 * <p>Built from the real medical-device case-study SBOMs: both list wolfSSL 4.8.1, which a
 * vulnerability report declares affected by CVE-2022-42905 (wolfSSL before 5.5.2). Their redacted
 * {@code metadata.component} is replaced by two products of one maker: the narrow SBOM becomes the
 * Infusion Hub's, the extended one the Patient Monitor's. Each keeps its published components and
 * serial number.
 */
class ExposureAnalyzerVexSbomTest {

  private static final LocalDate TODAY = LocalDate.of(2025, 1, 1);
  private static final String CVE = "CVE-2022-42905";
  private static final Path CASE_STUDY = TestData.path("sbom/medical-device-casestudy");
  private static final ObjectMapper JSON = new ObjectMapper();

  /** The narrow SBOM's serial number, as BOM-links write it (without {@code urn:uuid:}). */
  private static final String HUB_SERIAL = "02826796-d30c-4aa6-b0a8-44207a01cb6c";

  private static final Device HUB = device("mac:hub", "Acme Medical", "Infusion Hub", "2.0");
  private static final Device MONITOR =
      device("mac:monitor", "Acme Medical", "Patient Monitor", "5.1");

  @TempDir Path dir;
  private Path feeds;
  private Path sboms;

  @BeforeEach
  void writeReport() throws IOException {
    feeds = Files.createDirectories(dir.resolve("feeds"));
    sboms = Files.createDirectories(dir.resolve("sboms"));
    Files.writeString(
        feeds.resolve("wolfssl-vdr.cdx.json"),
        """
        {"bomFormat": "CycloneDX", "specVersion": "1.5", "version": 1,
         "components": [{"bom-ref": "w", "type": "library", "name": "wolfSSL",
                         "purl": "pkg:github/wolfssl/wolfssl"}],
         "vulnerabilities": [{"id": "%s", "affects": [{"ref": "w", "versions": [
           {"range": "vers:generic/<5.5.2", "status": "affected"}]}]}]}
        """
            .formatted(CVE));
  }

  @Test
  void shouldSilenceAVexEmbeddedInAnSbomOnlyOnTheDeviceItDescribes() throws IOException {
    ObjectNode hub = realSbom("narrow.sbom.json", "Infusion Hub", "2.0");
    hub.set("vulnerabilities", notAffected(bomRef(hub, "WolfSSL")));
    write(sboms.resolve("infusion-hub.cdx.json"), hub);
    write(sboms.resolve("patient-monitor.cdx.json"), monitorSbom());

    Map<String, Finding> f = analyze();

    assertThat(f.get(HUB.id()).status()).isEqualTo(FindingStatus.NOT_AFFECTED);
    assertThat(f.get(HUB.id()).statusReason().orElseThrow())
        .contains("infusion-hub.cdx.json", "code_not_reachable");
    // Before, the statement was scoped by wolfSSL and its version alone and silenced this one too.
    assertThat(f.get(MONITOR.id()).status()).isEqualTo(FindingStatus.AFFECTED);
    assertThat(f.get(MONITOR.id()).statusReason()).isEmpty();
  }

  @Test
  void shouldSilenceAStandaloneVexOnlyOnTheDeviceOfTheSbomItsRefLinksTo() throws IOException {
    ObjectNode hub = realSbom("narrow.sbom.json", "Infusion Hub", "2.0");
    write(sboms.resolve("infusion-hub.cdx.json"), hub);
    write(sboms.resolve("patient-monitor.cdx.json"), monitorSbom());
    // The maker's VEX lists the component and names it in the hub's SBOM by BOM-link.
    String ref = bomRef(hub, "WolfSSL");
    ObjectNode vex = standaloneVex(component(hub, ref));
    vex.set(
        "vulnerabilities",
        notAffected(
            "urn:cdx:" + HUB_SERIAL + "/1#" + URLEncoder.encode(ref, StandardCharsets.UTF_8)));
    write(feeds.resolve("acme-vex.cdx.json"), vex);

    Map<String, Finding> f = analyze();

    assertThat(f.get(HUB.id()).status()).isEqualTo(FindingStatus.NOT_AFFECTED);
    assertThat(f.get(MONITOR.id()).status()).isEqualTo(FindingStatus.AFFECTED);
    assertThat(f.get(MONITOR.id()).statusReason()).isEmpty();
  }

  @Test
  void shouldSilenceAStandaloneVexOnlyOnTheDeviceOfTheSbomItsProductLinksTo() throws IOException {
    ObjectNode hub = realSbom("narrow.sbom.json", "Infusion Hub", "2.0");
    write(sboms.resolve("infusion-hub.cdx.json"), hub);
    write(sboms.resolve("patient-monitor.cdx.json"), monitorSbom());
    // The VEX's product, by its marketing name, with its SBOM as a BOM-link external reference.
    String ref = bomRef(hub, "WolfSSL");
    ObjectNode vex = standaloneVex(component(hub, ref));
    ObjectNode product = vex.putObject("metadata").putObject("component");
    product.put("type", "device").put("name", "Acme Infusion Hub system software");
    product.putObject("supplier").put("name", "Acme Medical");
    product
        .putArray("externalReferences")
        .addObject()
        .put("type", "bom")
        .put("url", "urn:cdx:" + HUB_SERIAL + "/1");
    vex.set("vulnerabilities", notAffected(ref));
    write(feeds.resolve("acme-vex.cdx.json"), vex);

    Map<String, Finding> f = analyze();

    assertThat(f.get(HUB.id()).status()).isEqualTo(FindingStatus.NOT_AFFECTED);
    assertThat(f.get(MONITOR.id()).status()).isEqualTo(FindingStatus.AFFECTED);
  }

  @Test
  void shouldKeepTheFindingsAndSayWhyWhenTheLinkedSbomWasNotGiven() throws IOException {
    ObjectNode hub = realSbom("narrow.sbom.json", "Infusion Hub", "2.0");
    write(sboms.resolve("infusion-hub.cdx.json"), hub);
    write(sboms.resolve("patient-monitor.cdx.json"), monitorSbom());
    String ref = bomRef(hub, "WolfSSL");
    ObjectNode vex = standaloneVex(component(hub, ref));
    String unknown = "5f0f0da9-c03d-47d8-b38d-009e6df67094";
    vex.set("vulnerabilities", notAffected("urn:cdx:" + unknown + "/1#" + ref));
    write(feeds.resolve("acme-vex.cdx.json"), vex);

    Map<String, Finding> f = analyze();

    for (Device d : List.of(HUB, MONITOR)) {
      assertThat(f.get(d.id()).status()).isEqualTo(FindingStatus.AFFECTED);
      assertThat(f.get(d.id()).statusReason().orElseThrow())
          .contains("acme-vex.cdx.json", "urn:uuid:" + unknown, "not applied");
    }
  }

  @Test
  void shouldKeepTheComponentScopeOfAStandaloneVexThatNamesNoProduct() throws IOException {
    ObjectNode hub = realSbom("narrow.sbom.json", "Infusion Hub", "2.0");
    write(sboms.resolve("infusion-hub.cdx.json"), hub);
    write(sboms.resolve("patient-monitor.cdx.json"), monitorSbom());
    String ref = bomRef(hub, "WolfSSL");
    ObjectNode vex = standaloneVex(component(hub, ref));
    vex.set("vulnerabilities", notAffected(ref));
    write(feeds.resolve("acme-vex.cdx.json"), vex);

    Map<String, Finding> f = analyze();

    assertThat(f.get(HUB.id()).status()).isEqualTo(FindingStatus.NOT_AFFECTED);
    assertThat(f.get(MONITOR.id()).status()).isEqualTo(FindingStatus.NOT_AFFECTED);
  }

  @Test
  void shouldApplyAStandaloneVexThatListsNoComponentThroughTheSbomItsRefLinksTo()
      throws IOException {
    ObjectNode hub = realSbom("narrow.sbom.json", "Infusion Hub", "2.0");
    write(sboms.resolve("infusion-hub.cdx.json"), hub);
    write(sboms.resolve("patient-monitor.cdx.json"), monitorSbom());
    // The maker's VEX names wolfSSL only by BOM-link into the hub's SBOM: it lists no component.
    ObjectNode vex = componentlessVex();
    vex.set(
        "vulnerabilities",
        notAffected(
            "urn:cdx:"
                + HUB_SERIAL
                + "/1#"
                + URLEncoder.encode(bomRef(hub, "WolfSSL"), StandardCharsets.UTF_8)));
    write(feeds.resolve("acme-vex.cdx.json"), vex);

    Map<String, Finding> f = analyze();

    // Before, the statement had no component and applied to no device, silently.
    assertThat(f.get(HUB.id()).status()).isEqualTo(FindingStatus.NOT_AFFECTED);
    assertThat(f.get(HUB.id()).statusReason().orElseThrow())
        .contains("acme-vex.cdx.json", "code_not_reachable");
    assertThat(f.get(MONITOR.id()).status()).isEqualTo(FindingStatus.AFFECTED);
    assertThat(f.get(MONITOR.id()).statusReason()).isEmpty();
  }

  @Test
  void shouldApplyAComponentlessVexWhoseProductLinksToTheSbomByPlainRef() throws IOException {
    ObjectNode hub = realSbom("narrow.sbom.json", "Infusion Hub", "2.0");
    write(sboms.resolve("infusion-hub.cdx.json"), hub);
    write(sboms.resolve("patient-monitor.cdx.json"), monitorSbom());
    ObjectNode vex = componentlessVex();
    vex.putObject("metadata")
        .putObject("component")
        .put("type", "device")
        .put("name", "Acme Infusion Hub system software")
        .putArray("externalReferences")
        .addObject()
        .put("type", "bom")
        .put("url", "urn:cdx:" + HUB_SERIAL + "/1");
    vex.set("vulnerabilities", notAffected(bomRef(hub, "WolfSSL")));
    write(feeds.resolve("acme-vex.cdx.json"), vex);

    Map<String, Finding> f = analyze();

    assertThat(f.get(HUB.id()).status()).isEqualTo(FindingStatus.NOT_AFFECTED);
    assertThat(f.get(MONITOR.id()).status()).isEqualTo(FindingStatus.AFFECTED);
  }

  @Test
  void shouldKeepTheVersionsAComponentlessVexNamesForTheLinkedComponent() throws IOException {
    ObjectNode hub = realSbom("narrow.sbom.json", "Infusion Hub", "2.0");
    write(sboms.resolve("infusion-hub.cdx.json"), hub);
    write(sboms.resolve("patient-monitor.cdx.json"), monitorSbom());
    ObjectNode vex = componentlessVex();
    ArrayNode vulnerabilities =
        notAffected("urn:cdx:" + HUB_SERIAL + "/1#" + bomRef(hub, "WolfSSL"));
    // Not affected from 5.0.0 on: the hub's wolfSSL 4.8.1 is not among those versions.
    ((ObjectNode) vulnerabilities.get(0).at("/affects/0"))
        .putArray("versions")
        .addObject()
        .put("range", "vers:generic/>=5.0.0")
        .put("status", "unaffected");
    vex.set("vulnerabilities", vulnerabilities);
    write(feeds.resolve("acme-vex.cdx.json"), vex);

    Map<String, Finding> f = analyze();

    assertThat(f.get(HUB.id()).status()).isEqualTo(FindingStatus.AFFECTED);
    assertThat(f.get(MONITOR.id()).status()).isEqualTo(FindingStatus.AFFECTED);
  }

  @Test
  void shouldApplyAComponentlessVexWhoseBomLinkNamesTheSbomsProductToItsDevicesOnly()
      throws IOException {
    ObjectNode hub = realSbom("narrow.sbom.json", "Infusion Hub", "2.0");
    write(sboms.resolve("infusion-hub.cdx.json"), hub);
    write(sboms.resolve("patient-monitor.cdx.json"), monitorSbom());
    // The BOM-link names the hub's SBOM's metadata.component: the Infusion Hub itself, not a
    // component of it (the Sbom model did not keep that bom-ref, so this only warned).
    String product = hub.at("/metadata/component/bom-ref").asText();
    ObjectNode vex = componentlessVex();
    vex.set(
        "vulnerabilities",
        notAffected(
            "urn:cdx:" + HUB_SERIAL + "/1#" + URLEncoder.encode(product, StandardCharsets.UTF_8)));
    write(feeds.resolve("acme-vex.cdx.json"), vex);
    // A hub whose firmware nobody saw: the statement is about the SBOM's 2.0, so Ward is unsure.
    Device unknownRelease = device("mac:hub-unknown", "Acme Medical", "Infusion Hub", null);

    ExposureKnowledge k =
        KnowledgeLoader.load(LoadRequest.of(TODAY).withFeeds(feeds).withSboms(sboms));
    assertThat(k.problems()).isEmpty();
    assertThat(k.vex()).singleElement();
    Map<String, Finding> f = findings(k, List.of(HUB, MONITOR, unknownRelease));

    assertThat(f.get(HUB.id()).status()).isEqualTo(FindingStatus.NOT_AFFECTED);
    assertThat(f.get(HUB.id()).statusReason().orElseThrow())
        .contains(
            "acme-vex.cdx.json",
            "about this device's product (the product of SBOM urn:uuid:" + HUB_SERIAL + ")",
            "code_not_reachable");
    assertThat(f.get(MONITOR.id()).status()).isEqualTo(FindingStatus.AFFECTED);
    assertThat(f.get(MONITOR.id()).statusReason()).isEmpty();
    assertThat(f.get(unknownRelease.id()).status()).isEqualTo(FindingStatus.AFFECTED);
    assertThat(f.get(unknownRelease.id()).statusReason().orElseThrow())
        .contains(
            "acme-vex.cdx.json", "cannot tell whether this device is that product", "not applied");
  }

  @Test
  void shouldSayWhyAComponentlessVexAppliesToNoDevice() throws IOException {
    ObjectNode hub = realSbom("narrow.sbom.json", "Infusion Hub", "2.0");
    write(sboms.resolve("infusion-hub.cdx.json"), hub);
    write(sboms.resolve("patient-monitor.cdx.json"), monitorSbom());
    String unknown = "5f0f0da9-c03d-47d8-b38d-009e6df67094";
    ObjectNode vex = componentlessVex();
    ArrayNode vulnerabilities = notAffected("urn:cdx:" + unknown + "/1#" + bomRef(hub, "WolfSSL"));
    // A second ref: the hub's SBOM, but a bom-ref it does not hold.
    ((ArrayNode) vulnerabilities.get(0).path("affects"))
        .addObject()
        .put("ref", "urn:cdx:" + HUB_SERIAL + "/1#no-such-component");
    vex.set("vulnerabilities", vulnerabilities);
    write(feeds.resolve("acme-vex.cdx.json"), vex);

    ExposureKnowledge k =
        KnowledgeLoader.load(LoadRequest.of(TODAY).withFeeds(feeds).withSboms(sboms));

    // Before, neither statement applied and nothing said so.
    assertThat(k.problems())
        .hasSize(2)
        .allSatisfy(
            p -> {
              assertThat(p.file()).endsWith("acme-vex.cdx.json");
              assertThat(p.isError()).isFalse();
              assertThat(p.message()).contains(CVE, "applies to no device");
            });
    assertThat(k.problems().get(0).location()).contains("/vulnerabilities/0/affects/0");
    assertThat(k.problems().get(0).message()).contains("urn:uuid:" + unknown, "not read with it");
    assertThat(k.problems().get(1).location()).contains("/vulnerabilities/0/affects/1");
    assertThat(k.problems().get(1).message())
        .contains("urn:uuid:" + HUB_SERIAL, "infusion-hub.cdx.json", "no-such-component");
    Map<String, Finding> f = findings(k);
    for (Device d : List.of(HUB, MONITOR)) {
      assertThat(f.get(d.id()).status()).isEqualTo(FindingStatus.AFFECTED);
    }
  }

  @Test
  void shouldMatchTheComponentsOfOneSbomReadTwiceOnceAndNameBothFiles() throws IOException {
    // The hub's SBOM left in two folders, unchanged: its components are one device's.
    ObjectNode hub = realSbom("narrow.sbom.json", "Infusion Hub", "2.0");
    Path first = Files.createDirectories(sboms.resolve("a")).resolve("infusion-hub.cdx.json");
    Path second = Files.createDirectories(sboms.resolve("b")).resolve("infusion-hub.cdx.json");
    write(first, hub);
    write(second, hub);

    ExposureKnowledge k =
        KnowledgeLoader.load(LoadRequest.of(TODAY).withFeeds(feeds).withSboms(sboms));

    // Both copies were attached before, silently (their findings merged: one component, one id).
    assertThat(hubFindings(k))
        .singleElement()
        .satisfies(f -> assertThat(f.status()).isEqualTo(FindingStatus.AFFECTED));
    assertThat(hubSboms(k)).containsExactly(first.toString());
    assertThat(k.problems())
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.file()).isEqualTo(second.toString());
              assertThat(p.message())
                  .contains(
                      "CycloneDX BOM urn:uuid:" + HUB_SERIAL,
                      "is the same revision as the copy in " + first,
                      "that one is used");
            });
  }

  @Test
  void shouldMatchTheComponentsOfTheNewestRevisionOfAnSbomOnly() throws IOException {
    // Version 2 of the hub's SBOM ships wolfSSL 5.5.2, out of the report's range; version 1,
    // generated again later (a later timestamp), is left in a folder read after it.
    ObjectNode older = realSbom("narrow.sbom.json", "Infusion Hub", "2.0");
    ((ObjectNode) older.get("metadata")).put("timestamp", "2025-09-01T00:00:00Z");
    ObjectNode newer = realSbom("narrow.sbom.json", "Infusion Hub", "2.0");
    newer.put("version", 2);
    ((ObjectNode) component(newer, c -> c.path("name").asText().equals("WolfSSL")))
        .put("version", "5.5.2")
        .put("cpe", "cpe:2.3:a:wolfssl:wolfssl:5.5.2:*:*:*:*:*:*:*");
    Path newFile = Files.createDirectories(sboms.resolve("a")).resolve("infusion-hub.cdx.json");
    Path oldFile = Files.createDirectories(sboms.resolve("b")).resolve("infusion-hub.cdx.json");
    write(newFile, newer);
    write(oldFile, older);

    ExposureKnowledge k =
        KnowledgeLoader.load(LoadRequest.of(TODAY).withFeeds(feeds).withSboms(sboms));

    // Before, version 1's wolfSSL 4.8.1 was matched too: an affected finding the hub no longer has.
    assertThat(hubFindings(k))
        .allSatisfy(f -> assertThat(f.status()).isEqualTo(FindingStatus.NOT_AFFECTED));
    assertThat(hubSboms(k)).containsExactly(newFile.toString());
    assertThat(k.problems())
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.file()).isEqualTo(oldFile.toString());
              assertThat(p.message())
                  .contains(
                      "CycloneDX BOM urn:uuid:" + HUB_SERIAL + " here (version 1 of",
                      "is superseded by the copy in " + newFile + " (version 2 of");
            });
  }

  /** The hub's findings of CVE-2022-42905, not affected ones included. */
  private static List<Finding> hubFindings(ExposureKnowledge k) {
    ExposureReport r =
        new ExposureAnalyzer()
            .analyze(List.of(HUB), k, ExposureOptions.of(TODAY).withIncludeNotAffected(true));
    return r.findings().stream()
        .map(AssessedFinding::finding)
        .filter(f -> f.vulnerability().equals(CVE))
        .toList();
  }

  /** The files of the SBOMs read from the SBOM folder. */
  private List<String> hubSboms(ExposureKnowledge k) {
    return k.sboms().stream()
        .map(Sbom::source)
        .filter(source -> source.startsWith(sboms.toString()))
        .toList();
  }

  /** Each device's wolfSSL finding of CVE-2022-42905, by device id. */
  private Map<String, Finding> analyze() {
    ExposureKnowledge k =
        KnowledgeLoader.load(LoadRequest.of(TODAY).withFeeds(feeds).withSboms(sboms));
    assertThat(k.problems()).isEmpty();
    assertThat(k.vex()).singleElement();
    return findings(k);
  }

  /** Each device's wolfSSL finding of CVE-2022-42905 with {@code k}, by device id. */
  private static Map<String, Finding> findings(ExposureKnowledge k) {
    return findings(k, List.of(HUB, MONITOR));
  }

  /** The wolfSSL finding of CVE-2022-42905 of each of {@code devices}, by device id. */
  private static Map<String, Finding> findings(ExposureKnowledge k, List<Device> devices) {
    ExposureReport r =
        new ExposureAnalyzer()
            .analyze(devices, k, ExposureOptions.of(TODAY).withIncludeNotAffected(true));
    Map<String, Finding> out =
        r.findings().stream()
            .map(AssessedFinding::finding)
            .filter(f -> f.vulnerability().equals(CVE))
            .filter(f -> f.matchedBy().deviceAttribute().equals("sbom:WolfSSL@4.8.1"))
            .collect(Collectors.toMap(Finding::deviceId, f -> f));
    assertThat(out.keySet())
        .containsExactlyInAnyOrderElementsOf(devices.stream().map(Device::id).toList());
    return out;
  }

  /** The Patient Monitor's SBOM: the real extended one, without VEX. */
  private static ObjectNode monitorSbom() throws IOException {
    return realSbom("extended.sbom.json", "Patient Monitor", "5.1");
  }

  /** A real case-study SBOM, its redacted subject replaced by an Acme Medical product. */
  private static ObjectNode realSbom(String file, String model, String version) throws IOException {
    ObjectNode sbom = (ObjectNode) JSON.readTree(CASE_STUDY.resolve(file).toFile());
    ObjectNode subject = (ObjectNode) sbom.at("/metadata/component");
    subject.put("name", model).put("version", version).remove("author");
    subject.putObject("supplier").put("name", "Acme Medical");
    return sbom;
  }

  /** The {@code bom-ref} of the SBOM's component named {@code name}. */
  private static String bomRef(JsonNode sbom, String name) {
    return component(sbom, c -> c.path("name").asText().equals(name)).path("bom-ref").asText();
  }

  /** The SBOM's component whose {@code bom-ref} is {@code ref}, as published. */
  private static JsonNode component(JsonNode sbom, String ref) {
    return component(sbom, c -> c.path("bom-ref").asText().equals(ref)).deepCopy();
  }

  private static JsonNode component(JsonNode sbom, java.util.function.Predicate<JsonNode> which) {
    return StreamSupport.stream(sbom.path("components").spliterator(), false)
        .filter(which)
        .findFirst()
        .orElseThrow();
  }

  /** A VEX document of its own listing {@code component}, without a product of its own. */
  private static ObjectNode standaloneVex(JsonNode component) {
    ObjectNode vex = componentlessVex();
    vex.putArray("components").add(component);
    return vex;
  }

  /** A VEX document of its own that lists no component: it names them by BOM-link. */
  private static ObjectNode componentlessVex() {
    ObjectNode vex = JSON.createObjectNode();
    vex.put("bomFormat", "CycloneDX").put("specVersion", "1.5").put("version", 1);
    vex.put("serialNumber", "urn:uuid:9c1a3b55-2f0e-4c55-9d6e-1f7a1b2c3d4e");
    return vex;
  }

  /** {@code vulnerabilities[]}: CVE-2022-42905 not affected in the component {@code ref} names. */
  private static ArrayNode notAffected(String ref) {
    ObjectNode v = JSON.createObjectNode();
    v.put("id", CVE);
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

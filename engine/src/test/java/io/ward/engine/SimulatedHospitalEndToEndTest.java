package io.ward.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.ward.capture.CaptureSource;
import io.ward.capture.ProgressListener;
import io.ward.model.Device;
import io.ward.model.MacAddress;
import io.ward.simulate.HospitalSimulator;
import io.ward.simulate.SimulationConfig;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Simulate → analyze → compare with the simulator's ground truth: the accuracy targets (≥
 * 98% devices found, ≥ 95% right category, every clinical-protocol medical device named by vendor)
 * on a 300-device hospital, and the model and firmware of medical devices that advisory matching
 * needs (floors measured on seeds 1, 7, 42 and 2024, 300 and 1000 devices).
 */
class SimulatedHospitalEndToEndTest {

  @TempDir static Path dir;
  static AnalysisResult result;
  static List<Device> truth;
  static TruthComparison score;

  @BeforeAll
  static void simulateAndAnalyze() throws Exception {
    Path pcap = dir.resolve("hospital.pcap");
    ByteArrayOutputStream truthJson = new ByteArrayOutputStream();
    try (OutputStream out = Files.newOutputStream(pcap)) {
      new HospitalSimulator(SimulationConfig.of(300, 10, 42)).run(out, Optional.of(truthJson));
    }
    truth = InventoryJson.readDevices(new ByteArrayInputStream(truthJson.toByteArray()), "truth");
    result =
        new Analyzer(AnalysisOptions.defaults())
            .analyze(List.of(CaptureSource.ofPath(pcap)), ProgressListener.NONE);
    score = TruthComparison.compare(truth, result.devices());
    System.out.println("end-to-end: " + score.describe());
    score.misses().forEach(m -> System.out.println("  " + m));
    System.out.println("  confusion: " + score.confusion());
  }

  /**
   * Precision: the inventory holds the hospital's devices and nothing else. Until session 28 the
   * cloud services the simulated workstations and phones reach through the router (Site's RFC 5737
   * addresses, not in the truth) were devices too.
   */
  @Test
  void shouldListAsManyDevicesAsTheTruthAndNoneItLacks() {
    java.util.Set<String> truthIds = new java.util.TreeSet<>();
    truth.forEach(d -> truthIds.add(d.id()));
    assertThat(result.devices())
        .extracting(Device::id)
        .as("devices not in the truth")
        .allMatch(truthIds::contains);
    assertThat(result.devices()).hasSameSizeAs(truth);
  }

  @Test
  void shouldListTheInternetHostsAsExternalEndpoints() {
    assertThat(result.external())
        .extracting(e -> e.ip().toString())
        .contains("203.0.113.10", "203.0.113.11", "198.51.100.20")
        .allMatch(ip -> ip.startsWith("203.0.113.") || ip.startsWith("198.51.100."));
    assertThat(result.external())
        .allSatisfy(
            e -> {
              assertThat(e.deviceCount()).isPositive();
              assertThat(e.flows()).isPositive();
              assertThat(e.hostnames()).isNotEmpty();
            });
    java.util.Set<String> ids = new java.util.HashSet<>();
    result.devices().forEach(d -> ids.add(d.id()));
    assertThat(result.external())
        .flatExtracting(io.ward.model.ExternalEndpoint::deviceIds)
        .as("ids of devices that talked to external endpoints")
        .allMatch(ids::contains);
  }

  @Test
  void shouldKeepTheInternetHostsAsDevicesInADeclaredInternalRange() throws Exception {
    AnalysisResult declared =
        new Analyzer(
                AnalysisOptions.defaults()
                    .withInternalNetworks(
                        List.of(
                            io.ward.model.IpNetwork.parse("198.51.100.0/24"),
                            io.ward.model.IpNetwork.parse("203.0.113.0/24"))))
            .analyze(
                List.of(CaptureSource.ofPath(dir.resolve("hospital.pcap"))), ProgressListener.NONE);

    assertThat(declared.external()).isEmpty();
    assertThat(declared.devices()).hasSize(truth.size() + result.external().size());
    assertThat(declared.devices()).extracting(Device::id).contains("ip:203.0.113.10");
  }

  @Test
  void shouldWriteTheExternalEndpointsAndReferenceOnlyKnownAddressesInFlows() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    InventoryJson.write(result, out);
    com.fasterxml.jackson.databind.JsonNode root =
        new com.fasterxml.jackson.databind.ObjectMapper().readTree(out.toByteArray());
    assertThat(root.path("external").isArray()).isTrue();
    assertThat(root.path("external")).hasSize(result.external().size());
    java.util.Set<String> known = new java.util.HashSet<>();
    java.util.Set<String> deviceIds = new java.util.HashSet<>();
    root.path("devices")
        .forEach(
            d -> {
              deviceIds.add(d.path("id").asText());
              d.path("ips").forEach(ip -> known.add(ip.asText()));
              known.add(d.path("mac").asText());
            });
    root.path("external").forEach(e -> known.add(e.path("ip").asText()));
    root.path("external")
        .forEach(e -> e.path("devices").forEach(id -> assertThat(deviceIds).contains(id.asText())));
    com.fasterxml.jackson.databind.JsonNode conversations =
        root.path("flows").path("cleartext").path("conversations");
    assertThat(conversations).isNotEmpty();
    conversations.forEach(
        c -> {
          assertThat(known).as("flow client").contains(c.path("client").asText());
          assertThat(known).as("flow server").contains(c.path("server").asText());
        });
  }

  @Test
  void shouldReadInventoriesWithAndWithoutTheExternalKey() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    InventoryJson.write(result, out);
    com.fasterxml.jackson.databind.ObjectMapper mapper =
        new com.fasterxml.jackson.databind.ObjectMapper();
    com.fasterxml.jackson.databind.node.ObjectNode root =
        (com.fasterxml.jackson.databind.node.ObjectNode) mapper.readTree(out.toByteArray());
    assertThat(root.has("external")).isTrue();
    assertThat(InventoryJson.readDevices(new ByteArrayInputStream(out.toByteArray()), "new"))
        .hasSameSizeAs(result.devices());
    root.remove("external"); // as every file before session 28
    assertThat(
            InventoryJson.readDevices(
                new ByteArrayInputStream(mapper.writeValueAsBytes(root)), "old"))
        .hasSameSizeAs(result.devices());
  }

  @Test
  void shouldWriteAnEmptyExternalListWhenThereIsNone() throws IOException {
    AnalysisResult none =
        new AnalysisResult(
            List.of(), List.of(), List.of(), new FlowStatistics(0).summary(), 0, "test");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    InventoryJson.write(none, out);
    com.fasterxml.jackson.databind.JsonNode root =
        new com.fasterxml.jackson.databind.ObjectMapper().readTree(out.toByteArray());
    assertThat(root.path("external").isArray()).isTrue();
    assertThat(root.path("external")).isEmpty();
  }

  @Test
  void shouldSummariseTheExternalEndpointsInOneLine() {
    ByteArrayOutputStream text = new ByteArrayOutputStream();
    TextReport.print(
        result, new java.io.PrintStream(text, true, java.nio.charset.StandardCharsets.UTF_8), 0);
    List<String> lines =
        text.toString(java.nio.charset.StandardCharsets.UTF_8)
            .lines()
            .filter(l -> l.startsWith("External endpoints"))
            .toList();
    assertThat(lines).hasSize(1);
    assertThat(lines.get(0)).contains(String.valueOf(result.external().size())).contains("flows");
  }

  @Test
  void shouldFindAtLeast98PercentOfDevices() {
    assertThat(truth).hasSizeGreaterThanOrEqualTo(300);
    assertThat(score.recall()).as(score.describe()).isGreaterThanOrEqualTo(0.98);
  }

  @Test
  void shouldCategoriseAtLeast95PercentCorrectly() {
    assertThat(score.categoryAccuracy()).as(score.describe()).isGreaterThanOrEqualTo(0.95);
  }

  @Test
  void shouldNameTheVendorOfEveryMedicalDeviceThatSpeaksAClinicalProtocol() {
    assertThat(score.clinicalSpeakers()).isPositive();
    assertThat(score.clinicalVendorCorrect())
        .as(score.describe())
        .isEqualTo(score.clinicalSpeakers());
  }

  @Test
  void shouldNameTheModelOfNineInTenMedicalDevices() {
    assertThat(score.medicalDevices()).isPositive();
    assertThat(score.medicalModelAccuracy()).as(score.describe()).isGreaterThanOrEqualTo(0.90);
  }

  @Test
  void shouldNameTheFirmwareOfMostMedicalDevices() {
    assertThat(score.medicalFirmwareAccuracy()).as(score.describe()).isGreaterThanOrEqualTo(0.85);
  }

  @Test
  void shouldGiveEveryModelAndFirmwareItsEvidence() {
    for (Device d : result.devices()) {
      d.model()
          .ifPresent(
              m ->
                  assertThat(d.evidence())
                      .as("evidence for model of " + d.id())
                      .anyMatch(e -> e.attribute().equals("model") && e.value().equals(m)));
      d.firmware()
          .ifPresent(
              f ->
                  assertThat(d.evidence())
                      .as("evidence for firmware of " + d.id())
                      .anyMatch(e -> e.attribute().equals("firmware") && e.value().equals(f)));
    }
  }

  @Test
  void shouldGiveEveryAttributeItsEvidence() {
    for (Device d : result.devices()) {
      d.vendor()
          .ifPresent(
              v ->
                  assertThat(d.evidence())
                      .as("evidence for vendor of " + d.id())
                      .anyMatch(e -> e.attribute().equals("vendor") && e.value().equals(v)));
    }
  }

  @Test
  void shouldRoundTripTheInventoryThroughJson() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    InventoryJson.write(result, out);
    List<Device> back =
        InventoryJson.readDevices(new ByteArrayInputStream(out.toByteArray()), "inventory");
    assertThat(back).hasSameSizeAs(result.devices());
    for (int i = 0; i < back.size(); i++) {
      Device a = result.devices().get(i);
      Device b = back.get(i);
      assertThat(b.id()).isEqualTo(a.id());
      assertThat(b.category()).isEqualTo(a.category());
      assertThat(b.vendor()).isEqualTo(a.vendor());
      assertThat(b.ips()).isEqualTo(a.ips());
      assertThat(b.evidence()).hasSameSizeAs(a.evidence());
    }
  }

  /**
   * Every device tshark sees send a DHCP client message, as the frame's sender or as its chaddr, is
   * a DHCP client: also those after the first on the flow from 0.0.0.0:68 to 255.255.255.255:67,
   * which all clients without an address share.
   */
  @Test
  void shouldCreditEveryDhcpClientTsharkSeesWithDhcp() throws Exception {
    org.junit.jupiter.api.Assumptions.assumeTrue(tsharkRuns(), "tshark is the oracle");
    Process p =
        new ProcessBuilder(
                "tshark",
                "-n",
                "-r",
                dir.resolve("hospital.pcap").toString(),
                "-Y",
                "dhcp.type == 1",
                "-T",
                "fields",
                "-E",
                "occurrence=f",
                "-e",
                "eth.src",
                "-e",
                "dhcp.hw.mac_addr")
            .redirectError(ProcessBuilder.Redirect.DISCARD)
            .start();
    java.util.Set<MacAddress> clients = new java.util.TreeSet<>();
    for (String line : new String(p.getInputStream().readAllBytes()).split("\n")) {
      for (String mac : line.split("\t")) {
        if (!mac.isBlank()) {
          clients.add(MacAddress.parse(mac));
        }
      }
    }
    assertThat(p.waitFor()).isZero();
    assertThat(clients).as("tshark's DHCP clients").hasSizeGreaterThan(10);

    java.util.Map<MacAddress, Device> byMac = new java.util.HashMap<>();
    result.devices().forEach(d -> d.mac().ifPresent(m -> byMac.put(m, d)));
    assertThat(clients)
        .allSatisfy(
            mac ->
                assertThat(byMac.get(mac))
                    .as("device of %s", mac)
                    .isNotNull()
                    .extracting(Device::protocolsAsClient)
                    .asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.ITERABLE)
                    .contains("dhcp"));
  }

  private static boolean tsharkRuns() {
    try {
      Process p = new ProcessBuilder("tshark", "--version").redirectErrorStream(true).start();
      p.getInputStream().readAllBytes();
      return p.waitFor() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  @Test
  void shouldReportCleartextClinicalTraffic() {
    assertThat(result.flows().cleartextByProtocol()).containsKeys("hl7", "dicom");
  }

  @Test
  void shouldNotEmitPatientNamesInTheInventory() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    InventoryJson.write(result, out);
    String json = out.toString(java.nio.charset.StandardCharsets.UTF_8);
    assertThat(json).doesNotContain("PID|");
  }
}

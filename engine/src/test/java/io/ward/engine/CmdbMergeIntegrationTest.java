package io.ward.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.ward.capture.CaptureSource;
import io.ward.capture.ProgressListener;
import io.ward.exposure.ExposureAnalyzer;
import io.ward.exposure.ExposureOptions;
import io.ward.exposure.ExposureReport;
import io.ward.exposure.cmdb.CmdbConflict;
import io.ward.exposure.cmdb.CmdbMatchKey;
import io.ward.exposure.cmdb.CmdbMergeResult;
import io.ward.exposure.cmdb.CmdbMerger;
import io.ward.exposure.cmdb.MergedDevice;
import io.ward.exposure.feeds.ExposureKnowledge;
import io.ward.exposure.feeds.FeedResult;
import io.ward.exposure.feeds.cmdb.CmdbMapping;
import io.ward.exposure.feeds.cmdb.CmdbReader;
import io.ward.exposure.feeds.csaf.CsafReader;
import io.ward.model.Device;
import io.ward.model.Evidence;
import io.ward.model.exposure.Advisory;
import io.ward.model.exposure.CmdbAsset;
import io.ward.model.exposure.FindingStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A crafted CMMS export (ServiceNow layout) merged with the inventory Ward builds from real
 * captures of {@code $WARD_TESTDATA} (an HL7 exchange between two VMs, DHCP and SNMP traffic), then
 * the merged and not-observed devices matched against a real CISA advisory.
 */
class CmdbMergeIntegrationTest {

  @TempDir static Path dir;
  static List<Device> observed;
  static CmdbMergeResult merged;

  static Path data() {
    String env = System.getenv("WARD_TESTDATA");
    return env != null ? Path.of(env) : Path.of("../../shared/data");
  }

  /**
   * Rows: the HL7 sender by MAC (another maker than its VM's OUI), the HL7 receiver by IP, a DHCP
   * client by its short host name, a host name four SNMP agents share, an IP reused by a device
   * with another MAC, an infusion pump never seen on the network, and a stale duplicate row.
   */
  static final String EXPORT =
      """
      asset_tag,manufacturer,model_id,serial_number,firmware_version,department,location,mac_address,ip_address,host_name
      ICU-GW-01,Capsule Technologies,SmartLinx Vitals Plus,,5.1,ICU,Bldg A / 3,00:0C:29:B5:B6:48,10.0.0.155,
      LIS-01,PCS Systemtechnik GmbH,Lab interface VM,,,Lab,Bldg B / 1,,10.0.0.126,
      WS-07,Dell,OptiPlex 7010,7XK2Q1,,Radiology,Bldg C / 0,,,BTEST
      PRN-R1,Xerox,WorkCentre 7845,,,Admin,Bldg D,,,R1
      OLD-09,Welch Allyn,Connex VSM,,,Ward 2,Bldg A / 2,aa:bb:cc:00:00:09,192.168.0.1,
      PUMP-0042,"Becton, Dickinson and Company",Alaris PCU Model 8015,8015-9911,12.1.2,Oncology,Bldg A / 5,,,
      ICU-GW-01-OLD,Capsule Technologies,SmartLinx,,4.0,ICU,Bldg A / 3,00-0c-29-b5-b6-48,,
      """;

  @BeforeAll
  static void analyzeAndMerge() throws Exception {
    Path pcaps = data().resolve("pcaps");
    List<CaptureSource> sources =
        Stream.of(
                "ndpi/hl7.pcap",
                "zeek/dhcp_dhcp.pcap",
                "arkime/wireshark-dhcp.pcap",
                "ndpi/snmp.pcap")
            .map(p -> CaptureSource.ofPath(pcaps.resolve(p)))
            .toList();
    observed =
        new Analyzer(AnalysisOptions.defaults()).analyze(sources, ProgressListener.NONE).devices();
    Path csv = dir.resolve("cmdb-export.csv");
    Files.writeString(csv, EXPORT);
    FeedResult<CmdbAsset> assets = new CmdbReader(CmdbMapping.sample("servicenow")).read(csv);
    assertThat(assets.problems()).isEmpty();
    merged = new CmdbMerger().merge(observed, assets.items());
  }

  private static MergedDevice device(String id) {
    return merged.devices().stream()
        .filter(m -> m.device().id().equals(id))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no observed device " + id));
  }

  @Test
  void shouldMergeTheHl7SenderByMacAndShowThatItsMakerIsNotTheVmsOui() {
    MergedDevice gw = device("mac:00:0c:29:b5:b6:48");
    assertThat(gw.matchedBy()).contains(CmdbMatchKey.MAC);
    assertThat(gw.cmdbFields())
        .containsEntry("assetTag", "ICU-GW-01")
        .containsEntry("department", "ICU");
    // The network names the VM's OUI (VMware, at the OUI's low confidence); the CMDB names the
    // gateway's maker, and the weaker network evidence yields to it.
    assertThat(gw.device().vendor()).contains("Capsule Technologies");
    assertThat(gw.device().model()).contains("SmartLinx Vitals Plus");
    assertThat(gw.device().firmware()).contains("5.1");
    assertThat(gw.conflicts())
        .singleElement()
        .satisfies(
            c -> {
              assertThat(c.kind()).isEqualTo(CmdbConflict.Kind.VENDOR);
              assertThat(c.observed()).contains("VMware");
              assertThat(c.observedSource()).isPresent();
              assertThat(c.recorded()).contains("Capsule Technologies");
              assertThat(c.message()).contains("Ward uses the CMDB's value");
            });
    assertThat(gw.device().evidence())
        .filteredOn(e -> e.source().startsWith("cmdb:"))
        .extracting(Evidence::source)
        .contains("cmdb:manufacturer", "cmdb:model", "cmdb:softwareVersion", "cmdb:location");
  }

  @Test
  void shouldMergeTheHl7ReceiverByIpAndTheDhcpClientByItsShortHostName() {
    MergedDevice lis = device("mac:08:00:27:1d:a6:c2");
    assertThat(lis.matchedBy()).contains(CmdbMatchKey.IP);
    assertThat(lis.conflicts()).isEmpty(); // "PCS Systemtechnik GmbH" is the OUI's maker
    MergedDevice ws = device("mac:90:b1:1c:99:49:29");
    assertThat(ws.matchedBy()).contains(CmdbMatchKey.HOSTNAME);
    assertThat(ws.device().hostnames()).contains("btest.is.cool");
    assertThat(ws.device().serial()).contains("7XK2Q1");
    assertThat(ws.device().model()).contains("OptiPlex 7010");
    assertThat(merged.matchedCount()).isEqualTo(3);
  }

  @Test
  void shouldListDuplicateAmbiguousAndUnobservedRowsForAPerson() {
    assertThat(merged.conflicts())
        .filteredOn(c -> c.kind() == CmdbConflict.Kind.DUPLICATE_ASSET)
        .singleElement()
        .satisfies(c -> assertThat(c.asset()).isEqualTo("asset ICU-GW-01-OLD"));
    assertThat(merged.conflicts())
        .filteredOn(c -> c.kind() == CmdbConflict.Kind.AMBIGUOUS)
        .singleElement()
        .satisfies(c -> assertThat(c.message()).contains("hostname names 4 devices"));
    assertThat(merged.notObserved())
        .extracting(a -> a.assetTag().orElse(""))
        .containsExactlyInAnyOrder("OLD-09", "PUMP-0042");
    // 192.168.0.1 is seen, but on a device with another MAC: the row is not merged into it.
    assertThat(device("mac:00:08:74:ad:f1:9b").asset()).isEmpty();
    assertThat(merged.devices()).hasSize(observed.size());
  }

  @Test
  void shouldMatchThePumpOnlyTheCmdbKnowsAgainstTheRealBdAdvisory() {
    Path file = data().resolve("advisories/cisa-csaf/medical-icsma/icsma-23-194-01.json");
    List<Advisory> bd = new CsafReader(false).read(file).items();
    ExposureKnowledge knowledge =
        new ExposureKnowledge(
            bd, List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), List.of(),
            List.of());
    ExposureReport report =
        new ExposureAnalyzer()
            .analyze(
                merged.devicesForMatching(),
                knowledge,
                ExposureOptions.of(LocalDate.of(2025, 1, 1)));
    assertThat(report.findingsOf("cmdb:PUMP-0042"))
        .isNotEmpty()
        .allMatch(f -> f.finding().status() == FindingStatus.AFFECTED)
        .allMatch(
            f ->
                f.finding().matchedBy().evidence().stream()
                    .allMatch(e -> e.source().startsWith("cmdb:")));
    assertThat(bd.get(0).vulnerabilities()).hasSize(report.findingsOf("cmdb:PUMP-0042").size());
  }
}

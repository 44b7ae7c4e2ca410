package io.ward.exposure.cmdb;

import static org.assertj.core.api.Assertions.assertThat;

import io.ward.exposure.feeds.FeedResult;
import io.ward.exposure.feeds.cmdb.CmdbMapping;
import io.ward.exposure.feeds.cmdb.CmdbReader;
import io.ward.exposure.match.MatchIndex;
import io.ward.exposure.match.RealAdvisories;
import io.ward.exposure.match.VendorAliases;
import io.ward.model.Category;
import io.ward.model.Criticality;
import io.ward.model.Device;
import io.ward.model.Evidence;
import io.ward.model.IpAddress;
import io.ward.model.MacAddress;
import io.ward.model.exposure.CmdbAsset;
import io.ward.model.exposure.Finding;
import io.ward.model.exposure.FindingStatus;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A crafted ServiceNow export merged with a small observed inventory. */
class CmdbMergerTest {

  static List<CmdbAsset> assets;

  @BeforeAll
  static void read() throws Exception {
    FeedResult<CmdbAsset> r =
        new CmdbReader(CmdbMapping.sample("servicenow")).read(resource("hospital-cmdb.csv"));
    assertThat(r.problems()).isEmpty();
    assets = r.items();
  }

  static Path resource(String name) throws URISyntaxException {
    return Path.of(CmdbMergerTest.class.getResource(name).toURI());
  }

  /** An observed device; null strings are unknown. */
  static Device device(
      String id,
      String mac,
      String ip,
      String hostname,
      String vendor,
      String model,
      String firmware,
      String serial) {
    List<Evidence> ev = new ArrayList<>();
    if (vendor != null) {
      ev.add(
          new Evidence("vendor", vendor, "oui", mac == null ? "" : mac, Optional.empty(), 0.9, 5L));
    }
    if (model != null) {
      ev.add(
          new Evidence("model", model, "hl7.sendingApplication", model, Optional.empty(), 0.8, 5L));
    }
    if (firmware != null) {
      ev.add(
          new Evidence("firmware", firmware, "snmp.sysDescr", firmware, Optional.empty(), 0.8, 5L));
    }
    return new Device(
        id,
        Optional.ofNullable(mac).map(MacAddress::parse),
        ip == null ? List.of() : List.of(IpAddress.parse(ip)),
        hostname == null ? List.of() : List.of(hostname),
        Set.of(),
        Optional.ofNullable(vendor),
        Optional.ofNullable(model),
        Optional.empty(),
        Optional.ofNullable(firmware),
        Optional.ofNullable(serial),
        Category.PATIENT_MONITOR,
        Optional.empty(),
        true,
        Criticality.HIGH,
        Set.of(),
        Set.of(),
        Set.of(),
        Set.of(),
        5L,
        9L,
        ev);
  }

  static final Device MONITOR =
      device(
          "mac:00:1b:2c:00:00:01",
          "00:1b:2c:00:00:01",
          "10.1.0.11",
          null,
          "GE Healthcare",
          "CARESCAPE B450",
          "2.0.3",
          null);
  static final Device MX800 =
      device("ip:10.1.0.12", null, "10.1.0.12", null, null, null, null, null);
  static final Device ANALYZER =
      device(
          "mac:00:50:56:00:00:03",
          "00:50:56:00:00:03",
          "10.2.0.3",
          null,
          "Roche",
          null,
          null,
          "RC 77 001");
  static final Device WORKSTATION =
      device(
          "mac:00:50:56:00:00:04",
          "00:50:56:00:00:04",
          "10.3.0.4",
          "rad-ws-04.hospital.local",
          "Siemens",
          null,
          null,
          null);
  static final Device SWITCH_A =
      device(
          "mac:00:50:56:00:00:50",
          "00:50:56:00:00:50",
          "10.1.0.50",
          null,
          "Cisco",
          null,
          null,
          null);
  static final Device SWITCH_B =
      device("mac:00:50:56:00:00:51", null, "10.1.0.50", null, "Cisco", null, null, null);
  static final Device REUSED_IP =
      device(
          "mac:00:50:56:00:00:13",
          "00:50:56:00:00:13",
          "10.1.0.13",
          null,
          "Dell",
          null,
          null,
          null);

  static final List<Device> OBSERVED =
      List.of(MONITOR, MX800, ANALYZER, WORKSTATION, SWITCH_A, SWITCH_B, REUSED_IP);

  private static CmdbMergeResult merge() {
    return new CmdbMerger().merge(OBSERVED, assets);
  }

  private static MergedDevice merged(CmdbMergeResult r, Device d) {
    return r.devices().stream()
        .filter(m -> m.device().id().equals(d.id()))
        .findFirst()
        .orElseThrow();
  }

  @Test
  void shouldMatchByMacKeepTheObservedModelAndFirmwareAndReportWhereTheCmdbDisagrees() {
    CmdbMergeResult r = merge();
    MergedDevice m = merged(r, MONITOR);
    assertThat(m.matchedBy()).contains(CmdbMatchKey.MAC);
    assertThat(m.asset().flatMap(CmdbAsset::assetTag)).contains("ICU-0001");
    assertThat(m.device().model()).contains("CARESCAPE B450");
    assertThat(m.device().firmware()).contains("2.0.3");
    assertThat(m.device().serial()).contains("SN-100");
    assertThat(m.conflicts())
        .extracting(CmdbConflict::kind)
        .containsExactlyInAnyOrder(CmdbConflict.Kind.MODEL, CmdbConflict.Kind.FIRMWARE);
    CmdbConflict fw =
        m.conflicts().stream()
            .filter(c -> c.kind() == CmdbConflict.Kind.FIRMWARE)
            .findFirst()
            .get();
    assertThat(fw.observed()).contains("2.0.3");
    assertThat(fw.observedSource()).contains("snmp.sysDescr");
    assertThat(fw.recorded()).contains("2.0.1");
    assertThat(fw.source()).endsWith("hospital-cmdb.csv:2");
    assertThat(fw.message()).contains("software version 2.0.1").contains("firmware 2.0.3");
  }

  @Test
  void shouldTreatVendorAliasesAsTheSameMaker() {
    MergedDevice m = merged(merge(), MONITOR);
    // CMDB "GE Medical Systems", traffic "GE Healthcare": one maker, no conflict.
    assertThat(m.conflicts()).noneMatch(c -> c.kind() == CmdbConflict.Kind.VENDOR);
    assertThat(m.device().evidence())
        .anyMatch(
            e -> e.source().equals("cmdb:manufacturer") && e.value().equals("GE Medical Systems"));
  }

  @Test
  void shouldFillWhatTheNetworkDidNotShowWithCmdbEvidence() {
    MergedDevice m = merged(merge(), MX800);
    assertThat(m.matchedBy()).contains(CmdbMatchKey.IP);
    assertThat(m.device().vendor()).contains("Philips");
    assertThat(m.device().model()).contains("IntelliVue MX800");
    assertThat(m.conflicts()).isEmpty();
    assertThat(m.device().evidence())
        .filteredOn(e -> e.attribute().equals("model"))
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.source()).isEqualTo("cmdb:model");
              assertThat(e.confidence()).isEqualTo(AssetEnricher.CMDB_CONFIDENCE);
            });
    assertThat(m.cmdbFields())
        .containsEntry("assetTag", "ICU-0002")
        .containsEntry("department", "ICU")
        .containsEntry("location", "Bldg A / 3 / 14");
    assertThat(m.device().evidence())
        .anyMatch(e -> e.attribute().equals("department") && e.source().equals("cmdb:department"));
  }

  @Test
  void shouldMatchBySerialIgnoringSpacesAndDashesAndByShortHostName() {
    CmdbMergeResult r = merge();
    assertThat(merged(r, ANALYZER).matchedBy()).contains(CmdbMatchKey.SERIAL);
    assertThat(merged(r, ANALYZER).device().model()).contains("cobas 8000");
    MergedDevice ws = merged(r, WORKSTATION);
    assertThat(ws.matchedBy()).contains(CmdbMatchKey.HOSTNAME);
    // "Siemens" and "Siemens Healthineers" are different vendor ids in the alias table.
    assertThat(ws.conflicts())
        .extracting(CmdbConflict::kind)
        .containsExactly(CmdbConflict.Kind.VENDOR);
    assertThat(ws.device().hostnames()).containsExactly("rad-ws-04.hospital.local");
    // The network's vendor evidence (0.9) is stronger than the CMDB's: it stays.
    assertThat(ws.device().vendor()).isEqualTo(WORKSTATION.vendor());
  }

  @Test
  void shouldPreferTheCmdbVendorToAWeakerOuiVendorAndKeepTheConflictListed() {
    // The same workstation, its vendor known only from the MAC's OUI at the inventory's OUI
    // confidence (0.5): the network module's maker, not necessarily the device's.
    List<Evidence> weak =
        WORKSTATION.evidence().stream()
            .map(
                e ->
                    e.attribute().equals("vendor")
                        ? new Evidence(
                            e.attribute(),
                            e.value(),
                            "oui",
                            e.observed(),
                            e.fingerprint(),
                            0.5,
                            e.firstSeenEpochNanos())
                        : e)
            .toList();
    Device w = WORKSTATION;
    Device ouiOnly =
        new Device(
            w.id(),
            w.mac(),
            w.ips(),
            w.hostnames(),
            w.vlans(),
            w.vendor(),
            w.model(),
            w.os(),
            w.firmware(),
            w.serial(),
            w.category(),
            w.modality(),
            w.medical(),
            w.criticality(),
            w.protocolsAsClient(),
            w.protocolsAsServer(),
            w.aeTitles(),
            w.hl7Applications(),
            w.firstSeenEpochNanos(),
            w.lastSeenEpochNanos(),
            weak);
    List<Device> observed = new ArrayList<>(OBSERVED);
    observed.set(observed.indexOf(WORKSTATION), ouiOnly);
    MergedDevice ws = merged(new CmdbMerger().merge(observed, assets), ouiOnly);
    CmdbConflict vendor =
        ws.conflicts().stream()
            .filter(c -> c.kind() == CmdbConflict.Kind.VENDOR)
            .findFirst()
            .orElseThrow();
    assertThat(ws.device().vendor()).contains(vendor.recorded().orElseThrow());
    assertThat(ws.device().vendor()).isNotEqualTo(WORKSTATION.vendor());
    assertThat(vendor.message()).contains("Ward uses the CMDB's value").contains("oui, 0.50");
  }

  @Test
  void shouldReportASecondRowForAClaimedDeviceAsDuplicateAndNotMergeIt() {
    CmdbMergeResult r = merge();
    assertThat(r.conflicts())
        .filteredOn(c -> c.kind() == CmdbConflict.Kind.DUPLICATE_ASSET)
        .singleElement()
        .satisfies(
            c -> {
              assertThat(c.asset()).isEqualTo("asset ICU-0099");
              assertThat(c.deviceId()).contains(MONITOR.id());
              assertThat(c.message()).contains("already claimed by asset ICU-0001");
            });
    assertThat(r.notObserved()).extracting(a -> a.assetTag().orElse("")).doesNotContain("ICU-0099");
  }

  @Test
  void shouldNotGuessWhenAnIdentifierNamesSeveralDevices() {
    CmdbMergeResult r = merge();
    assertThat(r.conflicts())
        .filteredOn(c -> c.kind() == CmdbConflict.Kind.AMBIGUOUS)
        .singleElement()
        .satisfies(c -> assertThat(c.message()).contains("ip names 2 devices"));
    assertThat(merged(r, SWITCH_A).asset()).isEmpty();
    assertThat(merged(r, SWITCH_B).asset()).isEmpty();
  }

  @Test
  void shouldNotMatchByIpWhenTheMacSaysAnotherDevice() {
    CmdbMergeResult r = merge();
    assertThat(merged(r, REUSED_IP).asset()).isEmpty();
    assertThat(r.notObserved()).extracting(a -> a.assetTag().orElse("")).contains("OLD-0006");
  }

  @Test
  void shouldKeepAssetsNeverSeenAsDevicesThatAdvisoriesStillReach() {
    CmdbMergeResult r = merge();
    assertThat(r.notObserved())
        .extracting(a -> a.assetTag().orElse(""))
        .containsExactlyInAnyOrder("PUMP-0042", "OLD-0006");
    Device pump =
        r.notObservedDevices().stream()
            .filter(d -> d.id().equals("cmdb:PUMP-0042"))
            .findFirst()
            .orElseThrow();
    assertThat(pump.evidence()).allMatch(e -> e.source().startsWith("cmdb:"));
    assertThat(r.devicesForMatching()).hasSize(OBSERVED.size() + 2);
    // Each unobserved asset is paired with the device it became.
    assertThat(r.unobserved())
        .allSatisfy(
            u ->
                assertThat(u.device().orElseThrow().id())
                    .isEqualTo("cmdb:" + u.asset().assetTag().orElseThrow()));
    List<Finding> findings =
        MatchIndex.build(List.of(RealAdvisories.icsma("icsma-23-194-01")), VendorAliases.defaults())
            .match(pump, List.of());
    assertThat(findings).isNotEmpty().allMatch(f -> f.status() == FindingStatus.AFFECTED);
    assertThat(findings.get(0).matchedBy().evidence())
        .extracting(Evidence::source)
        .contains("cmdb:manufacturer", "cmdb:model", "cmdb:softwareVersion");
  }

  @Test
  void shouldLeaveDevicesWithoutAnAssetUntouched() {
    Device lone =
        device(
            "mac:00:50:56:00:00:99",
            "00:50:56:00:00:99",
            "10.9.9.9",
            null,
            "Dell",
            null,
            null,
            null);
    CmdbMergeResult r = new CmdbMerger().merge(List.of(lone), assets);
    assertThat(r.devices()).singleElement().satisfies(m -> assertThat(m.device()).isEqualTo(lone));
    assertThat(r.matchedCount()).isZero();
    assertThat(r.notObserved()).hasSize(assets.size());
  }

  @Test
  void shouldKeepAnUnseenAssetWithoutAModelButMatchNothingForIt() {
    CmdbAsset bare =
        new CmdbAsset(
            Optional.of("SPARE-7"),
            Optional.of("Welch Allyn"),
            Optional.empty(),
            Optional.of("WA-7"),
            Optional.empty(),
            Optional.of("Stores"),
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            Map.of(),
            "spares.csv",
            2);
    CmdbMergeResult r = new CmdbMerger().merge(OBSERVED, List.of(bare));
    assertThat(r.unobserved())
        .singleElement()
        .satisfies(
            u -> {
              assertThat(u.asset()).isEqualTo(bare);
              assertThat(u.device()).isEmpty();
            });
    assertThat(r.notObservedDevices()).isEmpty();
    assertThat(r.devicesForMatching()).hasSize(OBSERVED.size());
  }
}

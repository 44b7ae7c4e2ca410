package io.ward.server.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import io.ward.exposure.cmdb.CmdbConflict;
import io.ward.exposure.cmdb.CmdbMergeResult;
import io.ward.model.Category;
import io.ward.model.Criticality;
import io.ward.model.Device;
import io.ward.model.Evidence;
import io.ward.model.IpAddress;
import io.ward.model.MacAddress;
import io.ward.model.exposure.CmdbAsset;
import io.ward.server.StoreContract;
import io.ward.server.TestDatabase;
import io.ward.server.audit.Actor;
import io.ward.server.exposure.KnowledgeImporter;
import io.ward.server.ingest.IngestService;
import io.ward.server.ingest.Job;
import io.ward.server.ingest.JobKind;
import io.ward.server.ingest.JobState;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * A CMDB export merged into stored devices by the exposure module's merger, through a real import
 * job of a real CSV file, on both databases: a row matched by serial only, a row whose IP names a
 * device with another MAC (not merged), two rows claiming one device (the MAC row wins, the other
 * is a duplicate), a vendor disagreement with the evidence behind the network's value, and assets
 * nobody saw; the stored rows are what the merger gives {@code ward vulns --cmdb} for the same
 * devices, and a second import replaces the first's rows.
 */
class CmdbReconciliationTest {

  @Nested
  class OnH2 extends Contract implements TestDatabase.H2 {}

  @Nested
  class OnPostgres extends Contract implements TestDatabase.Postgres {}

  abstract static class Contract extends StoreContract {
    static final long SEEN = 1_650_000_000_000_000_000L;
    static final String PUMP = "00:0a:0b:00:30:01";
    static final String MONITOR = "00:0a:0b:00:30:02";
    static final String CT = "00:0a:0b:00:30:03";
    static final String GATEWAY = "00:0a:0b:00:30:04";

    final Actor actor = new Actor("analyst", "127.0.0.1");

    /** The devices as a capture would have found them (ids are the engine's). */
    List<Device> observed;

    @Override
    protected void seed() {
      observed =
          List.of(
              device(PUMP, "10.30.0.1", "BD", "Alaris 8015", "SN-PUMP-0001", List.of()),
              device(MONITOR, "10.30.0.2", "Philips", "IntelliVue MX450", null, List.of()),
              device(
                  CT,
                  "10.30.0.3",
                  "Siemens",
                  null,
                  null,
                  List.of(
                      new Evidence(
                          "vendor", "Siemens", "mac.oui", "00:0a:0b", Optional.empty(), 0.5, SEEN),
                      new Evidence(
                          "vendor",
                          "Siemens",
                          "dicom.implementationClassUid",
                          "1.3.12.2.1107.5.2",
                          Optional.empty(),
                          0.9,
                          SEEN))),
              device(GATEWAY, "10.30.0.4", "GE", null, null, List.of()));
      StoredDevices.merge(store, "c".repeat(64), observed);
    }

    static Device device(
        String mac, String ip, String vendor, String model, String serial, List<Evidence> ev) {
      return new Device(
          "mac:" + mac,
          Optional.of(MacAddress.parse(mac)),
          List.of(IpAddress.parse(ip)),
          List.of(),
          Set.of(),
          Optional.of(vendor),
          Optional.ofNullable(model),
          Optional.empty(),
          Optional.empty(),
          Optional.ofNullable(serial),
          Category.OTHER_MEDICAL,
          Optional.empty(),
          true,
          Criticality.HIGH,
          Set.of(),
          Set.of(),
          Set.of(),
          Set.of(),
          SEEN,
          SEEN,
          ev);
    }

    static Path csv(String name) throws URISyntaxException {
      return Path.of(CmdbReconciliationTest.class.getResource(name).toURI());
    }

    Job importCmdb(Path file) throws Exception {
      try (InputStream in = Files.newInputStream(file)) {
        return store.finished(
            store
                .bean(IngestService.class)
                .submitFile(JobKind.CMDB, in, file.getFileName().toString(), actor)
                .id());
      }
    }

    long id(String mac) {
      return store.bean(DeviceQueryService.class).deviceByKey("mac:" + mac).orElseThrow().id();
    }

    DeviceRow row(String mac) {
      return store.bean(DeviceQueryService.class).device(id(mac)).orElseThrow();
    }

    List<CmdbConflictRow> stored() {
      return store
          .bean(CmdbConflicts.class)
          .search(Optional.empty(), Optional.empty(), Optional.empty(), CmdbConflicts.MAX_LIMIT)
          .items();
    }

    @Test
    void shouldMergeAsTheExposureMergerDecidesAndStoreItsConflictsAndUnseenAssets()
        throws Exception {
      Path file = csv("cmdb-reconcile.csv");
      Job job = importCmdb(file);
      assertThat(job.state()).as(job.message()).isEqualTo(JobState.SUCCEEDED);
      assertThat(job.message())
          .startsWith("6 CMDB assets: ")
          .contains("3 matched to devices, 2 not seen on the network, 2 conflicts, ")
          .contains("4 attribute changes");

      // A-1 names only a serial: matched by it, and its location becomes the pump's site.
      assertThat(row(PUMP).site()).contains("Ward 3 North");
      // A-2's IP is the monitor's, but its MAC is another: not merged, nothing of it applied.
      DeviceRow monitor = row(MONITOR);
      assertThat(monitor.serial()).isEmpty();
      assertThat(monitor.site()).isEmpty();
      // A-4 (by IP) and A-3 (by MAC) both name the gateway: the MAC row wins though it comes
      // second, and fills the model; A-4's model is not applied.
      DeviceRow gateway = row(GATEWAY);
      assertThat(gateway.model()).contains("Carescape B650");
      // What the CMDB filled in is found by free-text search.
      assertThat(
              store
                  .bean(DeviceQueryService.class)
                  .search(DeviceQuery.all().withText("carescape b650"))
                  .items())
          .extracting(DeviceRow::id)
          .containsExactly(gateway.id());
      assertThat(gateway.site()).contains("ICU bay 4");
      DeviceDetail detail = store.bean(DeviceQueryService.class).detail(gateway.id()).orElseThrow();
      assertThat(detail.changes())
          .anySatisfy(
              c -> {
                assertThat(c.attribute()).isEqualTo("model");
                assertThat(c.newValue()).isEqualTo("Carescape B650");
                assertThat(c.jobId()).contains(job.id());
              });
      assertThat(detail.evidence())
          .anySatisfy(
              e -> {
                assertThat(e.source()).isEqualTo("cmdb");
                assertThat(e.observed()).isEqualTo("cmdb-reconcile.csv line 5 asset A-3");
              });
      // The CT's vendor is not overwritten.
      assertThat(row(CT).vendor()).contains("Siemens");

      List<CmdbConflictRow> rows = stored();
      assertThat(rows)
          .extracting(r -> r.kind() + " " + r.asset() + " " + r.deviceId().orElse(0L))
          .containsExactly(
              "VENDOR asset A-5 " + id(CT),
              "DUPLICATE_ASSET asset A-4 " + id(GATEWAY),
              "NOT_OBSERVED asset A-2 0",
              "NOT_OBSERVED asset A-6 0");
      CmdbConflictRow vendor = rows.get(0);
      assertThat(vendor.observed()).contains("Siemens");
      assertThat(vendor.observedSource()).contains("dicom.implementationClassUid");
      assertThat(vendor.recorded()).contains("GE Healthcare");
      assertThat(vendor.source()).isEqualTo("cmdb-reconcile.csv:6");
      assertThat(vendor.deviceKey()).contains("mac:" + CT);
      assertThat(vendor.jobId()).contains(job.id());
      assertThat(rows.get(1).message())
          .contains("already claimed by asset A-3 (cmdb-reconcile.csv:5)");
      CmdbConflictRow unseen = rows.get(3);
      assertThat(unseen.source()).isEqualTo("cmdb-reconcile.csv:7");
      assertThat(unseen.recorded().orElseThrow())
          .contains("Baxter Sigma Spectrum")
          .contains("MAC 02:00:00:00:77:77")
          .contains("ICU store room");
      assertThat(unseen.message())
          .startsWith("asset A-6 (")
          .contains("was not seen on the network");
      assertThat(unseen.observed()).isEmpty();

      // Filters: by device and by kind.
      CmdbConflicts conflicts = store.bean(CmdbConflicts.class);
      assertThat(conflicts.forDevice(id(GATEWAY)))
          .extracting(CmdbConflictRow::kind)
          .containsExactly(CmdbConflictKind.DUPLICATE_ASSET);
      assertThat(conflicts.forDevice(id(MONITOR))).isEmpty();
      assertThat(conflicts.count(Optional.empty(), Optional.of(CmdbConflictKind.NOT_OBSERVED)))
          .isEqualTo(2);
      Page<CmdbConflictRow> first =
          conflicts.search(Optional.empty(), Optional.empty(), Optional.empty(), 3);
      assertThat(first.items()).hasSize(3);
      Page<CmdbConflictRow> second =
          conflicts.search(Optional.empty(), Optional.empty(), first.nextCursor(), 3);
      assertThat(second.items()).extracting(CmdbConflictRow::asset).containsExactly("asset A-6");
      assertThat(second.nextCursor()).isEmpty();

      // The same answers as the exposure merger gives ward vulns --cmdb for these devices.
      List<Device> asStored = new ArrayList<>();
      for (Device d : observed) {
        asStored.add(withId(d, Long.toString(id(d.mac().orElseThrow().toString()))));
      }
      List<CmdbAsset> assets = new ArrayList<>();
      for (CmdbAsset a :
          store
              .bean(KnowledgeImporter.class)
              .read(file, KnowledgeImporter.Source.CMDB)
              .knowledge()
              .cmdb()) {
        assets.add(named(a, "cmdb-reconcile.csv"));
      }
      CmdbMergeResult cli = new io.ward.exposure.cmdb.CmdbMerger().merge(asStored, assets);
      List<String> expected = new ArrayList<>();
      for (CmdbConflict c : cli.conflicts()) {
        expected.add(
            String.join(
                "|",
                c.kind().name(),
                c.deviceId().orElse(""),
                c.asset(),
                c.source(),
                c.observed().orElse(""),
                c.observedSource().orElse(""),
                c.recorded().orElse(""),
                c.message()));
      }
      cli.unobserved().forEach(u -> expected.add("NOT_OBSERVED|" + u.asset().line()));
      List<String> actual = new ArrayList<>();
      for (CmdbConflictRow r : rows) {
        actual.add(
            r.kind() == CmdbConflictKind.NOT_OBSERVED
                ? "NOT_OBSERVED|" + r.source().substring(r.source().lastIndexOf(':') + 1)
                : String.join(
                    "|",
                    r.kind().name(),
                    r.deviceId().map(String::valueOf).orElse(""),
                    r.asset(),
                    r.source(),
                    r.observed().orElse(""),
                    r.observedSource().orElse(""),
                    r.recorded().orElse(""),
                    r.message()));
      }
      assertThat(actual).isEqualTo(expected);
      assertThat(cli.matchedCount()).isEqualTo(3);
    }

    @Test
    void shouldReplaceThePreviousImportsRowsWithTheNewImports() throws Exception {
      Job first = importCmdb(csv("cmdb-replace-first.csv"));
      assertThat(first.state()).as(first.message()).isEqualTo(JobState.SUCCEEDED);
      assertThat(stored())
          .extracting(r -> r.kind() + " " + r.asset() + " " + r.jobId().orElse(0L))
          .containsExactly(
              "VENDOR asset B-1 " + first.id(), "NOT_OBSERVED asset B-2 " + first.id());

      Job second = importCmdb(csv("cmdb-replace-second.csv"));
      assertThat(second.state()).as(second.message()).isEqualTo(JobState.SUCCEEDED);
      assertThat(second.message()).contains("0 matched to devices, 1 not seen on the network");
      assertThat(stored())
          .extracting(r -> r.kind() + " " + r.asset() + " " + r.jobId().orElse(0L))
          .containsExactly("NOT_OBSERVED asset B-3 " + second.id());
      assertThat(store.count("cmdb_conflict")).isEqualTo(1);
      assertThat(store.bean(CmdbConflicts.class).forDevice(id(CT))).isEmpty();
      assertThat(store.bean(CmdbConflicts.class).lastImport())
          .hasValueSatisfying(
              i -> {
                assertThat(i.jobId()).isEqualTo(second.id());
                assertThat(i.filename()).isEqualTo("cmdb-replace-second.csv");
              });
    }

    static Device withId(Device d, String id) {
      return d.withId(id);
    }

    static CmdbAsset named(CmdbAsset a, String source) {
      return new CmdbAsset(
          a.assetTag(),
          a.manufacturer(),
          a.model(),
          a.serial(),
          a.softwareVersion(),
          a.department(),
          a.location(),
          a.mac(),
          a.ip(),
          a.hostname(),
          a.extra(),
          source,
          a.line());
    }
  }
}

package io.ward.server.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.ward.capture.ProgressListener;
import io.ward.inventory.KnowledgeBase;
import io.ward.model.ExternalEndpoint;
import io.ward.server.StoreContract;
import io.ward.server.TestDatabase;
import io.ward.server.audit.Actor;
import io.ward.server.inventory.DeviceExternalRow;
import io.ward.server.inventory.ExternalEndpointQueries;
import io.ward.simulate.HospitalSimulator;
import io.ward.simulate.SimulationConfig;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The external endpoints of ingested captures, stored apart from the devices with the devices that
 * talked with them, and merged across captures as devices are; on both databases. No capture of
 * shared/data shows a router carrying internet traffic (the inventory's sign of an external
 * endpoint), so the captures are the simulated hospital's, written as pcap files and ingested
 * through the job service; what `ward analyze` finds in each ({@link CapturePipeline}) is what the
 * stored rows must add up to.
 */
class ExternalEndpointIngestTest {
  static final long DAY_MILLIS = 86_400_000L;

  @Nested
  class OnH2 extends Contract implements TestDatabase.H2 {}

  @Nested
  class OnPostgres extends Contract implements TestDatabase.Postgres {}

  /** One stored endpoint row, as compared with the analyses. */
  record Stored(
      long id,
      Set<String> hostnames,
      Set<String> protocols,
      long flows,
      long packets,
      long bytes,
      int deviceCount,
      int captures,
      Instant firstSeen,
      Instant lastSeen) {}

  /** What the analyses of the captures ingested so far add up to, per address. */
  record Expected(
      Set<String> hostnames,
      Set<String> protocols,
      long flows,
      long packets,
      long bytes,
      Set<String> devices,
      int captures,
      Instant firstSeen,
      Instant lastSeen) {

    static Expected of(ExternalEndpoint e, Set<String> talkers) {
      return new Expected(
          new TreeSet<>(e.hostnames()),
          new TreeSet<>(e.protocols()),
          e.flows(),
          e.packets(),
          e.bytes(),
          talkers,
          1,
          micros(e.firstSeenEpochNanos()),
          micros(e.lastSeenEpochNanos()));
    }

    Expected plus(Expected o) {
      Set<String> names = new TreeSet<>(hostnames);
      names.addAll(o.hostnames);
      Set<String> protocolsBoth = new TreeSet<>(protocols);
      protocolsBoth.addAll(o.protocols);
      Set<String> both = new TreeSet<>(devices);
      both.addAll(o.devices);
      return new Expected(
          names,
          protocolsBoth,
          flows + o.flows,
          packets + o.packets,
          bytes + o.bytes,
          both,
          captures + o.captures,
          firstSeen.isBefore(o.firstSeen) ? firstSeen : o.firstSeen,
          lastSeen.isAfter(o.lastSeen) ? lastSeen : o.lastSeen);
    }
  }

  static Instant micros(long epochNanos) {
    return Instant.ofEpochSecond(0, epochNanos).truncatedTo(ChronoUnit.MICROS);
  }

  @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
  abstract static class Contract extends StoreContract {
    final Actor actor = new Actor("tester", "127.0.0.1");
    final Map<String, Expected> expected = new LinkedHashMap<>();
    Path dir;

    @Override
    protected void seed() throws Exception {
      dir = Files.createTempDirectory("ward-external-");
    }

    /** A simulated hospital's capture, {@code days} after the simulator's default start. */
    Path simulate(String name, long seed, long days) throws Exception {
      Path pcap = dir.resolve(name);
      SimulationConfig config =
          new SimulationConfig(
              80,
              3,
              seed,
              List.of(),
              SimulationConfig.DEFAULT_START_EPOCH_MILLIS + days * DAY_MILLIS);
      try (OutputStream out = Files.newOutputStream(pcap)) {
        new HospitalSimulator(config).run(out, Optional.empty());
      }
      return pcap;
    }

    /** What `ward analyze` finds in the capture: its external endpoints, by address. */
    Map<String, Expected> analyse(Path pcap) throws Exception {
      CapturePipeline.Result r =
          new CapturePipeline(KnowledgeBase.load(Optional.empty()), 1, List.of())
              .analyze(pcap, pcap.getFileName().toString(), ProgressListener.NONE);
      Map<String, Expected> out = new LinkedHashMap<>();
      for (ExternalEndpoint e : r.external()) {
        out.put(e.ip().toString(), Expected.of(e, new TreeSet<>(e.deviceIds())));
      }
      return out;
    }

    Job ingest(Path pcap) throws Exception {
      try (InputStream in = Files.newInputStream(pcap)) {
        Job job =
            store.bean(IngestService.class).submitCapture(in, pcap.getFileName().toString(), actor);
        Job done = store.finished(job.id());
        assertThat(done.state()).as(done.message()).isEqualTo(JobState.SUCCEEDED);
        return done;
      }
    }

    /** Ingests a capture and adds what its analysis found to {@link #expected}. */
    Job ingestAndExpect(Path pcap) throws Exception {
      Map<String, Expected> found = analyse(pcap);
      assertThat(found).as("external endpoints in " + pcap.getFileName()).isNotEmpty();
      Job job = ingest(pcap);
      found.forEach((ip, e) -> expected.merge(ip, e, Expected::plus));
      return job;
    }

    Map<String, Stored> stored() {
      Map<String, Stored> out = new HashMap<>();
      store
          .jdbc()
          .sql(
              "SELECT e.*, (SELECT COUNT(*) FROM external_endpoint_sighting s"
                  + " WHERE s.endpoint_id = e.id) AS captures FROM external_endpoint e")
          .query(
              (rs, n) -> {
                out.put(
                    rs.getString("ip"),
                    new Stored(
                        rs.getLong("id"),
                        set(rs.getString("hostnames")),
                        set(rs.getString("protocols")),
                        rs.getLong("flows"),
                        rs.getLong("packets"),
                        rs.getLong("bytes"),
                        rs.getInt("device_count"),
                        rs.getInt("captures"),
                        rs.getObject("first_seen", OffsetDateTime.class).toInstant(),
                        rs.getObject("last_seen", OffsetDateTime.class).toInstant()));
                return null;
              })
          .list();
      return out;
    }

    static Set<String> set(String csv) {
      return csv.isEmpty() ? Set.of() : new TreeSet<>(List.of(csv.split(",")));
    }

    /** The engine ids of the devices linked to the endpoint with this address. */
    Set<String> linkedDeviceKeys(String ip) {
      return new TreeSet<>(
          store
              .jdbc()
              .sql(
                  "SELECT d.device_key FROM external_endpoint_device l"
                      + " JOIN device d ON d.id = l.device_id"
                      + " JOIN external_endpoint e ON e.id = l.endpoint_id WHERE e.ip = ?")
              .param(ip)
              .query(String.class)
              .list());
    }

    /** Every stored endpoint matches the analyses ingested so far, and no other is stored. */
    void assertStoredAsExpected() {
      Map<String, Stored> stored = stored();
      assertThat(stored.keySet()).containsExactlyInAnyOrderElementsOf(expected.keySet());
      expected.forEach(
          (ip, e) -> {
            Stored s = stored.get(ip);
            assertThat(s.hostnames()).as(ip).isEqualTo(e.hostnames());
            assertThat(s.protocols()).as(ip).isEqualTo(e.protocols());
            assertThat(List.of(s.flows(), s.packets(), s.bytes()))
                .as(ip + " flows, packets, bytes")
                .containsExactly(e.flows(), e.packets(), e.bytes());
            assertThat(s.firstSeen()).as(ip).isEqualTo(e.firstSeen());
            assertThat(s.lastSeen()).as(ip).isEqualTo(e.lastSeen());
            // Linked by the server's device ids, to the devices the analyses named: counted once
            // each, however many captures they talked with it in.
            assertThat(linkedDeviceKeys(ip)).as(ip).isEqualTo(e.devices());
            assertThat(s.deviceCount()).as(ip).isEqualTo(e.devices().size());
            // Seen in as many captures as showed it, each capture's sighting with its own times.
            assertThat(s.captures()).as(ip + ": captures").isEqualTo(e.captures());
          });
      assertThat(
              store
                  .jdbc()
                  .sql(
                      "SELECT COUNT(*) FROM external_endpoint_sighting s JOIN external_endpoint e"
                          + " ON e.id = s.endpoint_id WHERE s.first_seen < e.first_seen"
                          + " OR s.last_seen > e.last_seen OR s.first_seen > s.last_seen")
                  .query(Long.class)
                  .single())
          .as("sightings outside their endpoint's first and last seen")
          .isZero();
      // Each device's traffic with an endpoint adds up to the endpoint's.
      store
          .jdbc()
          .sql(
              "SELECT e.ip, e.flows, e.packets, e.bytes, SUM(l.flows) AS lf, SUM(l.packets) AS lp,"
                  + " SUM(l.bytes) AS lb FROM external_endpoint e JOIN external_endpoint_device l"
                  + " ON l.endpoint_id = e.id GROUP BY e.ip, e.flows, e.packets, e.bytes")
          .query(
              (rs, n) -> {
                assertThat(List.of(rs.getLong("lf"), rs.getLong("lp"), rs.getLong("lb")))
                    .as(rs.getString("ip") + ": the devices' traffic with it")
                    .containsExactly(
                        rs.getLong("flows"), rs.getLong("packets"), rs.getLong("bytes"));
                return null;
              })
          .list();
    }

    long auditedCaptures(String detail) {
      return store
          .jdbc()
          .sql(
              "SELECT COUNT(*) FROM audit_log WHERE action = 'ingest.capture' AND actor = ?"
                  + " AND detail LIKE ?")
          .params(actor.name(), "%" + detail + "%")
          .query(Long.class)
          .single();
    }

    @Test
    @Order(1)
    void shouldStoreTheExternalEndpointsOfACaptureApartFromTheDevicesWithTheirDevices()
        throws Exception {
      Path monday = simulate("monday.pcap", 7, 0);

      Job job = ingestAndExpect(monday);

      int n = expected.size();
      assertThat(job.message()).contains(n + " external endpoints (" + n + " new)");
      assertThat(auditedCaptures(n + " external endpoints (" + n + " new)")).isEqualTo(1);
      assertThat(expected.keySet()).anyMatch(ip -> ip.startsWith("203.0.113."));
      assertThat(expected.values()).allMatch(e -> !e.hostnames().isEmpty());
      assertStoredAsExpected();
      // Not devices: no stored device holds an external endpoint's address.
      for (String ip : expected.keySet()) {
        assertThat(
                store
                    .jdbc()
                    .sql("SELECT COUNT(*) FROM device WHERE device_key = ? OR ips LIKE ?")
                    .params("ip:" + ip, "%" + ip + "%")
                    .query(Long.class)
                    .single())
            .as(ip)
            .isZero();
      }
      // A device's endpoints, with its own traffic with each.
      String ip = expected.keySet().iterator().next();
      String talker = expected.get(ip).devices().iterator().next();
      long deviceId =
          store
              .jdbc()
              .sql("SELECT id FROM device WHERE device_key = ?")
              .param(talker)
              .query(Long.class)
              .single();
      List<DeviceExternalRow> contacts =
          store.bean(ExternalEndpointQueries.class).forDevice(deviceId, 100);
      assertThat(contacts).extracting(DeviceExternalRow::ip).contains(ip);
      assertThat(contacts).allSatisfy(c -> assertThat(c.flows()).isPositive());
    }

    @Test
    @Order(2)
    void shouldChangeNothingWhenTheSameCaptureComesAgain() throws Exception {
      Map<String, Stored> before = stored();
      long links = store.count("external_endpoint_device");

      Job again = ingest(dir.resolve("monday.pcap"));

      assertThat(again.message()).contains("already ingested");
      assertThat(stored()).isEqualTo(before);
      assertThat(store.count("external_endpoint_device")).isEqualTo(links);
    }

    @Test
    @Order(3)
    void shouldMergeEndpointsSeenAgainAddingCountsAndWideningTimesAndDevices() throws Exception {
      Set<String> before = new HashSet<>(expected.keySet());
      // Another hospital's day later: other devices (another seed) reaching the same services.
      Path tuesday = simulate("tuesday.pcap", 8, 1);
      Map<String, Expected> found = analyse(tuesday);
      assertThat(found.keySet()).as("endpoints seen on both days").containsAnyElementsOf(before);
      long fresh = found.keySet().stream().filter(ip -> !before.contains(ip)).count();

      Job job = ingestAndExpect(tuesday);

      assertThat(job.message()).contains(found.size() + " external endpoints (" + fresh + " new)");
      assertStoredAsExpected();
      assertThat(stored().values()).anyMatch(s -> s.deviceCount() > 1);
      assertThat(stored().values()).anyMatch(s -> s.captures() == 2);
    }

    @Test
    @Order(4)
    void shouldWidenFirstSeenButKeepLastSeenWhenAnOlderCaptureComesLater() throws Exception {
      // The first day's devices and services, the day before it, ingested last.
      Path sunday = simulate("sunday.pcap", 7, -1);
      Map<String, Stored> before = stored();

      ingestAndExpect(sunday);

      assertStoredAsExpected();
      Map<String, Stored> after = stored();
      for (Map.Entry<String, Stored> e : before.entrySet()) {
        Stored now = after.get(e.getKey());
        assertThat(now.lastSeen()).as(e.getKey()).isEqualTo(e.getValue().lastSeen());
        assertThat(now.firstSeen()).as(e.getKey()).isBeforeOrEqualTo(e.getValue().firstSeen());
      }
      // The same devices as on the first day: counted once, not again.
      assertThat(before.keySet().stream().mapToInt(ip -> after.get(ip).deviceCount()).sum())
          .isEqualTo(before.values().stream().mapToInt(Stored::deviceCount).sum());
    }
  }
}

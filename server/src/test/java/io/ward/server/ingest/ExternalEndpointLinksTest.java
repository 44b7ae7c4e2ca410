package io.ward.server.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.ward.capture.ProgressListener;
import io.ward.inventory.KnowledgeBase;
import io.ward.model.Device;
import io.ward.model.ExternalEndpoint;
import io.ward.server.StoreContract;
import io.ward.server.TestDatabase;
import io.ward.server.audit.Actor;
import io.ward.server.inventory.ExternalTrafficRow;
import io.ward.simulate.HospitalSimulator;
import io.ward.simulate.SimulationConfig;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.RowCallbackHandler;

/**
 * A capture's traffic with the external endpoints is added to the links of its own devices, one
 * link per device and endpoint, and every other device's link is left as it was, on both databases:
 * a link stored already is summed into (counts add, first and last seen widen), a new one is added,
 * and each endpoint counts each device once. The stored links of the endpoints the capture touches
 * are mostly other devices' (the simulated hospital of another seed, reaching the same services),
 * as a cloud service's are in a hospital where tens of thousands of workstations reach it.
 *
 * <p>On H2, the database's own query statistics also show that the merge reads back only the links
 * of the (endpoint, device) pairs its capture brings, not every link of the endpoints it touches:
 * the rows it holds do not grow with the other devices' links. PostgreSQL keeps no such statistics
 * here (pg_stat_statements is not loaded), so there the behaviour alone is checked.
 */
class ExternalEndpointLinksTest {

  @Nested
  class OnH2 extends Contract implements TestDatabase.H2 {
    @Override
    void beforeMerge() {
      // Turned off and on again: statistics start empty.
      store.jdbc().sql("SET QUERY_STATISTICS FALSE").update();
      store.jdbc().sql("SET QUERY_STATISTICS_MAX_ENTRIES 100000").update();
      store.jdbc().sql("SET QUERY_STATISTICS TRUE").update();
    }

    @Override
    void afterMerge(int storedPairsBrought, int otherDevicesLinks) {
      long read =
          store
              .jdbc()
              .sql(
                  "SELECT COALESCE(SUM(cumulative_row_count), 0)"
                      + " FROM information_schema.query_statistics"
                      + " WHERE LOWER(sql_statement) LIKE 'select %from external_endpoint_device%'")
              .query(Long.class)
              .single();
      store.jdbc().sql("SET QUERY_STATISTICS FALSE").update();
      assertThat(read)
          .as(
              "link rows read by the merge, with %d other devices' links of the same endpoints"
                  + " stored",
              otherDevicesLinks)
          .isLessThanOrEqualTo(storedPairsBrought);
    }
  }

  @Nested
  class OnPostgres extends Contract implements TestDatabase.Postgres {}

  /** A device's traffic with an endpoint, as its link stores it or a capture brings it. */
  record Link(long flows, long packets, long bytes, Instant firstSeen, Instant lastSeen) {
    Link plus(Link o) {
      return new Link(
          flows + o.flows,
          packets + o.packets,
          bytes + o.bytes,
          firstSeen.isBefore(o.firstSeen) ? firstSeen : o.firstSeen,
          lastSeen.isAfter(o.lastSeen) ? lastSeen : o.lastSeen);
    }
  }

  /** A link's key: the endpoint's address and the device's engine id. */
  record Pair(String ip, String deviceKey) {}

  abstract static class Contract extends StoreContract {
    final Actor actor = new Actor("tester", "127.0.0.1");
    Path dir;

    /** Before the capture under test is merged; nothing unless overridden. */
    void beforeMerge() {}

    /**
     * After it was merged, told how many of its pairs were linked already and how many links of
     * other devices the endpoints it touched had; nothing unless overridden.
     */
    void afterMerge(int storedPairsBrought, int otherDevicesLinks) {}

    /** Two days of two hospitals reaching the same internet services. */
    @Override
    protected void seed() throws Exception {
      dir = Files.createTempDirectory("ward-external-links-");
      ingest(simulate("monday.pcap", 80, 7, 0));
      ingest(simulate("tuesday.pcap", 80, 8, 1));
    }

    @Test
    void shouldAddACapturesTrafficToItsOwnDevicesLinksOnlyAndCountEachDeviceOnce()
        throws Exception {
      // The first hospital's devices the day before: their links are stored already.
      Merged sunday = mergeAndCheck(simulate("sunday.pcap", 80, 7, -1));
      assertThat(sunday.summedInto()).as("links Sunday's capture adds to").isPositive();
      // A third hospital's devices: new links of endpoints already linked to others.
      Merged wednesday = mergeAndCheck(simulate("wednesday.pcap", 80, 9, 2));
      assertThat(wednesday.addedToStoredEndpoints())
          .as("links Wednesday's capture adds to stored endpoints")
          .isPositive();
    }

    /**
     * What a merge brought: links stored already that it added to, and new links of endpoints
     * stored already.
     */
    record Merged(int summedInto, int addedToStoredEndpoints) {}

    /**
     * Ingests the capture and checks that the stored links are those before it plus what it
     * brought, and each endpoint's device count the number of its links.
     */
    Merged mergeAndCheck(Path capture) throws Exception {
      Map<Pair, Link> brought = brought(capture);
      Map<Pair, Link> before = links();
      Set<String> endpointsBefore = deviceCounts().keySet();
      Set<String> touched = brought.keySet().stream().map(Pair::ip).collect(Collectors.toSet());
      Set<Pair> others = new HashSet<>(before.keySet());
      others.removeIf(p -> !touched.contains(p.ip()) || brought.containsKey(p));
      assertThat(others).as("other devices' links of the endpoints it touches").isNotEmpty();
      int summedInto = (int) brought.keySet().stream().filter(before::containsKey).count();
      int added =
          (int)
              brought.keySet().stream()
                  .filter(p -> !before.containsKey(p) && endpointsBefore.contains(p.ip()))
                  .count();

      beforeMerge();
      ingest(capture);
      afterMerge(summedInto, others.size());

      Map<Pair, Link> expected = new HashMap<>(before);
      brought.forEach((pair, link) -> expected.merge(pair, link, Link::plus));
      assertThat(links()).isEqualTo(expected);
      Map<String, Long> linked =
          expected.keySet().stream()
              .collect(Collectors.groupingBy(Pair::ip, Collectors.counting()));
      Map<String, Long> counts = deviceCounts();
      Map<String, Long> devicesLinked = new HashMap<>();
      counts.keySet().forEach(ip -> devicesLinked.put(ip, linked.getOrDefault(ip, 0L)));
      assertThat(counts).isEqualTo(devicesLinked);
      return new Merged(summedInto, added);
    }

    /**
     * A simulated hospital's capture of {@code devices}, {@code days} after the simulator's default
     * start.
     */
    Path simulate(String name, int devices, long seed, long days) throws Exception {
      Path pcap = dir.resolve(name);
      SimulationConfig config =
          new SimulationConfig(
              devices,
              3,
              seed,
              List.of(),
              SimulationConfig.DEFAULT_START_EPOCH_MILLIS
                  + days * ExternalEndpointIngestTest.DAY_MILLIS);
      try (OutputStream out = Files.newOutputStream(pcap)) {
        new HospitalSimulator(config).run(out, Optional.empty());
      }
      return pcap;
    }

    void ingest(Path pcap) throws Exception {
      try (InputStream in = Files.newInputStream(pcap)) {
        Job job =
            store.bean(IngestService.class).submitCapture(in, pcap.getFileName().toString(), actor);
        Job done = store.finished(job.id());
        assertThat(done.state()).as(done.message()).isEqualTo(JobState.SUCCEEDED);
      }
    }

    /**
     * What `ward analyze` finds each device of the capture exchanged with each endpoint: its flows
     * with it, or none for a device the inventory names as a talker without flows of its own (at
     * the endpoint's times).
     */
    static Map<Pair, Link> brought(Path pcap) throws Exception {
      CapturePipeline.Result r =
          new CapturePipeline(KnowledgeBase.load(Optional.empty()), 1, List.of())
              .analyze(pcap, pcap.getFileName().toString(), ProgressListener.NONE);
      Set<String> devices = r.devices().stream().map(Device::id).collect(Collectors.toSet());
      Set<String> endpoints =
          r.external().stream().map(e -> e.ip().toString()).collect(Collectors.toSet());
      Map<Pair, Link> out = new HashMap<>();
      for (ExternalTrafficRow t : r.externalSeen().traffic()) {
        if (devices.contains(t.deviceKey()) && endpoints.contains(t.ip().toString())) {
          out.put(
              new Pair(t.ip().toString(), t.deviceKey()),
              new Link(
                  t.flows(),
                  t.packets(),
                  t.bytes(),
                  ExternalEndpointIngestTest.micros(t.firstSeenEpochNanos()),
                  ExternalEndpointIngestTest.micros(t.lastSeenEpochNanos())));
        }
      }
      for (ExternalEndpoint e : r.external()) {
        for (String key : e.deviceIds()) {
          if (devices.contains(key)) {
            out.putIfAbsent(
                new Pair(e.ip().toString(), key),
                new Link(
                    0,
                    0,
                    0,
                    ExternalEndpointIngestTest.micros(e.firstSeenEpochNanos()),
                    ExternalEndpointIngestTest.micros(e.lastSeenEpochNanos())));
          }
        }
      }
      return out;
    }

    /** Every stored link. */
    Map<Pair, Link> links() {
      Map<Pair, Link> out = new HashMap<>();
      store
          .jdbc()
          .sql(
              "SELECT e.ip, d.device_key, l.flows, l.packets, l.bytes, l.first_seen, l.last_seen"
                  + " FROM external_endpoint_device l JOIN external_endpoint e"
                  + " ON e.id = l.endpoint_id JOIN device d ON d.id = l.device_id")
          .query(
              (RowCallbackHandler)
                  rs -> {
                    out.put(
                        new Pair(rs.getString("ip"), rs.getString("device_key")),
                        new Link(
                            rs.getLong("flows"),
                            rs.getLong("packets"),
                            rs.getLong("bytes"),
                            rs.getObject("first_seen", OffsetDateTime.class).toInstant(),
                            rs.getObject("last_seen", OffsetDateTime.class).toInstant()));
                  });
      return out;
    }

    /** Each stored endpoint's device count, by address. */
    Map<String, Long> deviceCounts() {
      Map<String, Long> out = new HashMap<>();
      store
          .jdbc()
          .sql("SELECT ip, device_count FROM external_endpoint")
          .query(
              (RowCallbackHandler) rs -> out.put(rs.getString("ip"), rs.getLong("device_count")));
      return out;
    }
  }
}

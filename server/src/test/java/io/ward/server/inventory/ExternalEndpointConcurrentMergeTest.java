package io.ward.server.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import io.ward.model.Category;
import io.ward.model.Criticality;
import io.ward.model.Device;
import io.ward.model.ExternalEndpoint;
import io.ward.model.IpAddress;
import io.ward.server.StoreContract;
import io.ward.server.TestDatabase;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Two merges of the same external endpoints at once, in two transactions on two connections of a
 * real PostgreSQL, as two server processes on one database run them: both succeed, and the stored
 * endpoint and links hold the traffic of both. The race is made certain, not left to timing: the
 * first merge is held open before it commits until the second is seen waiting for one of its locks
 * (PostgreSQL's {@code pg_stat_activity}), or has finished.
 */
class ExternalEndpointConcurrentMergeTest {
  static final long SEEN = 1_700_000_000_000_000_000L;
  static final String ONE = "02:00:5e:20:00:01";
  static final String TWO = "02:00:5e:20:00:02";

  @Nested
  class OnPostgres extends StoreContract implements TestDatabase.Postgres {
    List<Device> devices;

    @Override
    protected void seed() {
      devices =
          List.of(
              StoredDevices.device(
                  ONE,
                  "10.20.0.1",
                  "Dell",
                  null,
                  null,
                  Category.WORKSTATION,
                  Criticality.LOW,
                  SEEN,
                  List.of()),
              StoredDevices.device(
                  TWO,
                  "10.20.0.2",
                  "Dell",
                  null,
                  null,
                  Category.WORKSTATION,
                  Criticality.LOW,
                  SEEN,
                  List.of()));
      StoredDevices.merge(store, "0".repeat(64), devices);
    }

    /** An endpoint new to the store: both merges insert it and a link to it. */
    @Test
    void shouldStoreANewEndpointOnceWithTheTrafficOfBothMerges() throws Exception {
      String ip = "198.51.100.10";

      race(seen(ip, "a.example", 3, ONE), seen(ip, "b.example", 4, ONE));

      assertEndpoint(ip, 7, 1, Set.of("a.example", "b.example"));
      assertThat(links(ip)).isEqualTo(Map.of("mac:" + ONE, 7L));
    }

    /**
     * An endpoint stored already, with a link stored already: both merges add to them, and both
     * insert a link new to the endpoint.
     */
    @Test
    void shouldAddBothMergesTrafficToAStoredEndpointAndItsLinks() throws Exception {
      String ip = "198.51.100.20";
      merge("1".repeat(64), seen(ip, "old.example", 5, ONE));

      race(seen(ip, "a.example", 3, ONE, TWO), seen(ip, "b.example", 4, ONE, TWO));

      assertEndpoint(ip, 5 + 2 * 3 + 2 * 4, 2, Set.of("old.example", "a.example", "b.example"));
      assertThat(links(ip)).isEqualTo(Map.of("mac:" + ONE, 5L + 3 + 4, "mac:" + TWO, 3L + 4));
    }

    /**
     * Runs the first merge up to its commit and holds it there, starts the second, and lets the
     * first commit once the second waits for it; both must succeed.
     */
    void race(ExternalEndpointsSeen first, ExternalEndpointsSeen second) throws Exception {
      TransactionTemplate tx =
          new TransactionTemplate(store.bean(PlatformTransactionManager.class));
      ExecutorService threads = Executors.newFixedThreadPool(2);
      try {
        CountDownLatch merged = new CountDownLatch(1);
        CountDownLatch commit = new CountDownLatch(1);
        Future<?> a =
            threads.submit(
                () ->
                    tx.executeWithoutResult(
                        s -> {
                          merge(sha(), first);
                          merged.countDown();
                          await(commit);
                        }));
        assertThat(merged.await(5, java.util.concurrent.TimeUnit.MINUTES)).isTrue();
        AtomicInteger pid = new AtomicInteger();
        Future<?> b =
            threads.submit(
                () ->
                    tx.executeWithoutResult(
                        s -> {
                          pid.set(
                              store
                                  .jdbc()
                                  .sql("SELECT pg_backend_pid()")
                                  .query(Integer.class)
                                  .single());
                          merge(sha(), second);
                        }));
        Instant deadline = Instant.now().plus(Duration.ofMinutes(5));
        while (!b.isDone() && !(pid.get() != 0 && waitingForALock(pid.get()))) {
          assertThat(Instant.now())
              .as("the second merge neither waits nor ends")
              .isBefore(deadline);
          Thread.sleep(10);
        }
        boolean waited = !b.isDone();
        commit.countDown();
        a.get();
        b.get();
        assertThat(waited).as("the second merge waited for the first").isTrue();
      } finally {
        threads.shutdownNow();
      }
    }

    boolean waitingForALock(int pid) {
      return "Lock"
          .equals(
              store
                  .jdbc()
                  .sql("SELECT wait_event_type FROM pg_stat_activity WHERE pid = ?")
                  .param(pid)
                  .query(String.class)
                  .optional()
                  .orElse(""));
    }

    static void await(CountDownLatch latch) {
      try {
        latch.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }

    final AtomicInteger captures = new AtomicInteger(1);

    /** A content hash of a capture of its own. */
    String sha() {
      return "%064x".formatted(1000 + captures.incrementAndGet());
    }

    void merge(String sha, ExternalEndpointsSeen seen) {
      store
          .bean(InventoryWriter.class)
          .merge(StoredDevices.capture(sha), devices, List.of(), seen, 0, "tester");
    }

    /** A capture's endpoint at {@code ip} and each device's {@code flows} flows with it. */
    static ExternalEndpointsSeen seen(String ip, String name, long flows, String... macs) {
      List<String> keys = new ArrayList<>();
      List<ExternalTrafficRow> traffic = new ArrayList<>();
      for (String mac : macs) {
        keys.add("mac:" + mac);
        traffic.add(
            new ExternalTrafficRow(
                "mac:" + mac, IpAddress.parse(ip), flows, flows, flows, SEEN, SEEN + 1));
      }
      long total = flows * macs.length;
      return new ExternalEndpointsSeen(
          List.of(
              new ExternalEndpoint(
                  IpAddress.parse(ip),
                  List.of(name),
                  Set.of("tls"),
                  total,
                  total,
                  total,
                  SEEN,
                  SEEN + 1,
                  keys,
                  keys.size(),
                  true,
                  ExternalEndpoint.Reason.BEHIND_ROUTER)),
          traffic,
          List.of());
    }

    void assertEndpoint(String ip, long flows, int devices, Set<String> names) {
      Map<String, Object> row =
          store
              .jdbc()
              .sql(
                  "SELECT flows, packets, bytes, device_count, hostnames FROM external_endpoint"
                      + " WHERE ip = ?")
              .param(ip)
              .query()
              .singleRow();
      assertThat(((Number) row.get("flows")).longValue()).as("flows").isEqualTo(flows);
      assertThat(((Number) row.get("packets")).longValue()).as("packets").isEqualTo(flows);
      assertThat(((Number) row.get("bytes")).longValue()).as("bytes").isEqualTo(flows);
      assertThat(((Number) row.get("device_count")).intValue()).as("devices").isEqualTo(devices);
      assertThat(Set.of(((String) row.get("hostnames")).split(","))).isEqualTo(names);
    }

    Map<String, Long> links(String ip) {
      Map<String, Long> out = new TreeMap<>();
      store
          .jdbc()
          .sql(
              "SELECT d.device_key, l.flows FROM external_endpoint_device l"
                  + " JOIN device d ON d.id = l.device_id"
                  + " JOIN external_endpoint e ON e.id = l.endpoint_id WHERE e.ip = ?")
          .param(ip)
          .query(
              rs -> {
                out.put(rs.getString(1), rs.getLong(2));
              });
      return out;
    }
  }
}

package io.ward.server.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.ward.capture.ProgressListener;
import io.ward.inventory.KnowledgeBase;
import io.ward.model.IpNetwork;
import io.ward.server.StoreContract;
import io.ward.server.TestDatabase;
import io.ward.server.api.ExternalEndpointJson;
import io.ward.server.audit.Actor;
import io.ward.server.inventory.ExternalEndpointQueries;
import io.ward.server.inventory.InventoryWriter;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Why each stored external endpoint is one, and what the audit log says of it: an address a capture
 * carried no MAC for was said to be "seen only behind a router" like every other. On both
 * databases, through the job service, with the captures of a hospital server that {@code tcpdump -i
 * any} wrote (the engine's {@code nolinklayer} test captures, see their README): its raw IP copy
 * shows every internet host with no link layer, the Linux cooked one shows ten of them behind the
 * router's MAC.
 */
class ExternalEndpointReasonTest {
  /** The engine module's captures with no link layer; tests run in the server module. */
  static final Path CAPTURES = Path.of("../engine/src/test/resources/io/ward/engine/nolinklayer");

  /** An internet host the server fetched a page from, through the router. */
  static final String WEB = "198.51.100.20";

  @Nested
  class OnH2 extends Contract implements TestDatabase.H2 {}

  @Nested
  class OnPostgres extends Contract implements TestDatabase.Postgres {}

  @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
  abstract static class Contract extends StoreContract {
    final Actor actor = new Actor("tester", "127.0.0.1");
    Path dir;

    @Override
    protected void seed() throws Exception {
      dir = Files.createTempDirectory("ward-reason-");
    }

    Path capture(String name) throws Exception {
      Path copy = dir.resolve(name);
      if (!Files.exists(copy)) {
        Files.copy(CAPTURES.resolve(name), copy);
      }
      return copy;
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

    /** The endpoint at {@code ip} as the API shows it. */
    ExternalEndpointJson endpoint(String ip) {
      long id =
          store
              .jdbc()
              .sql("SELECT id FROM external_endpoint WHERE ip = ?")
              .param(ip)
              .query(Long.class)
              .single();
      return ExternalEndpointJson.of(
          store.bean(ExternalEndpointQueries.class).endpoint(id, 10).orElseThrow());
    }

    String moveAudit(String ip) {
      return store
          .jdbc()
          .sql(
              "SELECT detail FROM audit_log WHERE actor = 'system' AND action = 'device.remove'"
                  + " AND detail LIKE ? ORDER BY seq")
          .param("ip:" + ip + " %")
          .query(String.class)
          .single();
    }

    @Test
    @Order(1)
    void shouldSayAnInternetHostOfARawIpCaptureHadNoLinkLayerNotThatARouterCarriedIt()
        throws Exception {
      // A server that stored the hosts as devices before external endpoints were told apart (as
      // ExternalEndpointReconciliationTest writes them: the internet ranges declared internal),
      // from another capture of the lab (the same one would be a capture sent again).
      Path earlier = capture("server-any-sll2.pcap");
      CapturePipeline.Result old =
          new CapturePipeline(
                  KnowledgeBase.load(Optional.empty()),
                  1,
                  List.of(IpNetwork.parse("198.51.100.0/24"), IpNetwork.parse("203.0.113.0/24")))
              .analyze(earlier, "old.pcap", ProgressListener.NONE);
      assertThat(old.devices()).extracting(d -> d.id()).contains("ip:" + WEB);
      store
          .bean(InventoryWriter.class)
          .merge(
              ExternalEndpointReconciliationTest.Contract.facts(earlier, old),
              old.devices(),
              old.flowHours(),
              0,
              "old-server");

      ingest(capture("server-rawip.pcap"));

      assertThat(endpoint(WEB).reasons()).containsExactly("no-link-layer");
      assertThat(moveAudit(WEB))
          .contains(
              "shows "
                  + WEB
                  + " is an internet host (a public address seen with no link layer (no MAC),"
                  + " talking with a private or internal address, outside the internal ranges")
          .doesNotContain("router");
    }

    @Test
    @Order(2)
    void shouldKeepEveryReasonTheCapturesGaveForAnAddress() throws Exception {
      ingest(capture("server-any-sll.pcap")); // the router's MAC carried WEB here

      assertThat(endpoint(WEB).reasons()).containsExactly("behind-router", "no-link-layer");
      // The syslog collector nothing answered: no MAC in either capture.
      assertThat(endpoint("198.51.100.99").reasons()).containsExactly("no-link-layer");
      long server =
          store
              .jdbc()
              .sql("SELECT id FROM device WHERE device_key = 'mac:02:00:00:00:00:10'")
              .query(Long.class)
              .single();
      assertThat(store.bean(ExternalEndpointQueries.class).forDevice(server, 100))
          .filteredOn(r -> r.ip().equals(WEB))
          .singleElement()
          .satisfies(
              r -> assertThat(r.reasons()).containsExactly("behind-router", "no-link-layer"));
    }

    @Test
    @Order(3)
    void shouldShowNoReasonForAnEndpointStoredBeforeReasonsWere() {
      OffsetDateTime t = OffsetDateTime.of(2024, 3, 4, 8, 0, 0, 0, ZoneOffset.UTC);
      // The columns the table had before the reasons column.
      store
          .jdbc()
          .sql(
              "INSERT INTO external_endpoint (ip, hostnames, protocols, flows, packets, bytes,"
                  + " device_count, first_seen, last_seen, created_at, updated_at)"
                  + " VALUES ('192.0.2.200', '', 'tls', 1, 2, 3, 0, ?, ?, ?, ?)")
          .params(t, t, t, t)
          .update();

      assertThat(endpoint("192.0.2.200").reasons()).isEmpty();
    }
  }
}

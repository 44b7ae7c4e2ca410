package io.ward.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.ward.server.RunningServer;
import io.ward.server.ServerSettings;
import io.ward.server.TestData;
import io.ward.server.TestStore;
import io.ward.server.WardServer;
import io.ward.server.audit.Actor;
import io.ward.server.security.Role;
import io.ward.server.security.TokenService;
import io.ward.server.security.UserService;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * Feed sync through the server: the real KEV catalog fetched over HTTP from a feed server on
 * loopback (conditional requests answered with 304), a real CSAF advisory imported from a
 * directory, an admin's "sync now" over the API and the console, other roles refused, every sync
 * audited; and a scheduled sync, which is off unless configured, failing cleanly when the feed
 * server is unreachable. On both databases.
 */
class FeedSyncTest {
  static final String KEV = "advisories/cisa-kev/known_exploited_vulnerabilities.json";
  static final String CSAF = "advisories/cisa-csaf/medical-icsma/icsma-17-017-02.json";

  @Nested
  @TestInstance(TestInstance.Lifecycle.PER_CLASS)
  class OnH2 extends Contract {
    @Override
    ServerSettings settings(Path dir) {
      return TestStore.h2Settings(dir);
    }
  }

  @Nested
  @TestInstance(TestInstance.Lifecycle.PER_CLASS)
  @EnabledIfEnvironmentVariable(named = "WARD_TEST_POSTGRES", matches = "1")
  class OnPostgres extends Contract {
    @Override
    ServerSettings settings(Path dir) {
      String schema = TestStore.newSchemaName();
      schemas.add(schema);
      return TestStore.postgresSettings(dir, schema);
    }
  }

  abstract static class Contract {
    final List<String> schemas = new ArrayList<>();
    final List<String> feedRequests = Collections.synchronizedList(new ArrayList<>());
    HttpServer feeds;
    Path dir;
    RunningServer server;
    Http admin;
    Http analyst;

    abstract ServerSettings settings(Path dir);

    @BeforeAll
    void start() throws Exception {
      dir = Files.createTempDirectory("ward-feed-sync-");
      byte[] kev = Files.readAllBytes(TestData.file(KEV));
      feeds = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
      feeds.createContext(
          "/kev.json",
          exchange -> {
            String etag = "\"kev-1\"";
            boolean current = etag.equals(exchange.getRequestHeaders().getFirst("If-None-Match"));
            feedRequests.add(current ? "304" : "200");
            exchange.getResponseHeaders().add("ETag", etag);
            if (current) {
              exchange.sendResponseHeaders(304, -1);
            } else {
              exchange.sendResponseHeaders(200, kev.length);
              try (OutputStream out = exchange.getResponseBody()) {
                out.write(kev);
              }
            }
            exchange.close();
          });
      feeds.start();
      Path config = dir.resolve("feeds.yaml");
      Files.writeString(
          config,
          "timeoutSeconds: 20\n"
              + "feeds:\n"
              + "  - name: cisa-kev\n"
              + "    kind: KEV\n"
              + "    url: http://127.0.0.1:"
              + feeds.getAddress().getPort()
              + "/kev.json\n");
      Path carried = Files.createDirectories(dir.resolve("carried-in"));
      Files.copy(TestData.file(CSAF), carried.resolve("icsma-17-017-02.json"));

      server =
          WardServer.start(
              settings(dir.resolve("manual")),
              Map.of(
                  "ward.feeds.sync.config", config.toString(),
                  "ward.feeds.sync.from", carried.toString(),
                  "ward.feeds.refresh", "0s"));
      admin = Http.bearer(server.url(), userWithToken(server, "sync-admin", Role.ADMIN));
      analyst =
          Http.bearer(server.url(), userWithToken(server, "sync-analyst", Role.SECURITY_ANALYST));
    }

    @AfterAll
    void stop() throws Exception {
      if (server != null) {
        server.close();
      }
      if (feeds != null) {
        feeds.stop(0);
      }
      for (String schema : schemas) {
        TestStore.dropSchema(schema);
      }
    }

    static String userWithToken(RunningServer s, String name, Role role) {
      s.context()
          .getBean(UserService.class)
          .create(name, SharedServer.PASSWORD, role, Actor.system());
      return s.context().getBean(TokenService.class).create(name, "tests", Actor.system()).secret();
    }

    JdbcClient jdbc(RunningServer s) {
      return s.context().getBean(JdbcClient.class);
    }

    long count(RunningServer s, String sql, Object... params) {
      return jdbc(s).sql(sql).params(params).query(Long.class).single();
    }

    @Test
    void shouldSyncNowForAnAdminFetchingOverHttpAndImportingADirectoryThenReadingBoth()
        throws Exception {
      HttpResponse<String> refused = analyst.json("POST", "/api/v1/feeds/sync", null);
      ApiContract.assertProblem(refused, 403);
      assertThat(count(server, "SELECT COUNT(*) FROM ingest_job")).isZero();

      HttpResponse<String> r = admin.json("POST", "/api/v1/feeds/sync", null);
      assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
      JsonNode job = Http.json(r.body());
      assertThat(job.get("kind").asString()).isEqualTo("feed-sync");
      JsonNode done = Fixtures.awaitJob(admin, job.get("id").asLong());
      assertThat(done.get("state").asString()).as(done.toString()).isEqualTo("succeeded");
      assertThat(done.get("message").asString())
          .startsWith("feed sync: 1 feeds fetched: 1 updated, 0 not modified, 0 failed")
          .contains("1 files imported from");
      long kevEntries = count(server, "SELECT COUNT(*) FROM kev_entry");
      assertThat(kevEntries).isGreaterThan(1000);
      assertThat(
              count(
                  server,
                  "SELECT COUNT(*) FROM advisory WHERE LOWER(advisory_key) LIKE ?",
                  "%icsma-17-017-02%"))
          .isEqualTo(1);
      assertThat(feedRequests).containsExactly("200");

      // Again: the feed server answers 304 to the conditional request; the stored copy stays.
      Fixtures.awaitJob(
          admin,
          Http.json(admin.json("POST", "/api/v1/feeds/sync", null).body()).get("id").asLong());
      assertThat(feedRequests).containsExactly("200", "304");
      assertThat(count(server, "SELECT COUNT(*) FROM kev_entry")).isEqualTo(kevEntries);

      List<String> audit =
          jdbc(server)
              .sql(
                  "SELECT action || ' ' || actor FROM audit_log WHERE action IN"
                      + " ('ingest.submit', 'ingest.feed-sync') ORDER BY seq")
              .query(String.class)
              .list();
      assertThat(audit)
          .containsExactly(
              "ingest.submit sync-admin",
              "ingest.feed-sync sync-admin",
              "ingest.submit sync-admin",
              "ingest.feed-sync sync-admin");
    }

    @Test
    void shouldOfferSyncNowOnTheConsoleToAdminsOnly() throws Exception {
      assertThat(admin.page("/upload").body())
          .contains("Feed sync")
          .contains("Sync feeds now")
          .contains("only when started here");
      assertThat(analyst.page("/upload").body())
          .contains("Feed sync")
          .doesNotContain("Sync feeds now");
      long jobs = count(server, "SELECT COUNT(*) FROM ingest_job WHERE kind = 'feed-sync'");
      HttpResponse<String> refused = analyst.form("/admin/feeds/sync", Map.of());
      assertThat(refused.statusCode()).isEqualTo(403);
      HttpResponse<String> queued = admin.form("/admin/feeds/sync", Map.of());
      assertThat(queued.statusCode()).isEqualTo(302);
      assertThat(queued.headers().firstValue("Location"))
          .hasValueSatisfying(l -> assertThat(l).endsWith("/upload"));
      assertThat(count(server, "SELECT COUNT(*) FROM ingest_job WHERE kind = 'feed-sync'"))
          .isEqualTo(jobs + 1);
      long id = count(server, "SELECT MAX(id) FROM ingest_job WHERE kind = 'feed-sync'");
      assertThat(Fixtures.awaitJob(admin, id).get("createdBy").asString()).isEqualTo("sync-admin");
    }

    @Test
    void shouldBeOffByDefaultAndRunOnScheduleWhenConfiguredFailingCleanlyWhenOffline()
        throws Exception {
      assertThat(
              server
                  .context()
                  .getBean(io.ward.server.config.WardProperties.class)
                  .feeds()
                  .sync()
                  .scheduled())
          .as("no ward.feeds.sync.every given")
          .isFalse();

      // A feed server that is not there: the machine is offline.
      int closed;
      try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
        closed = s.getLocalPort();
      }
      Path config = dir.resolve("offline-feeds.yaml");
      Files.writeString(
          config,
          "timeoutSeconds: 5\nfeeds:\n  - name: cisa-kev\n    kind: KEV\n"
              + "    url: http://127.0.0.1:"
              + closed
              + "/kev.json\n");
      try (RunningServer scheduled =
          WardServer.start(
              settings(dir.resolve("scheduled")),
              Map.of(
                  "ward.feeds.sync.config", config.toString(),
                  "ward.feeds.sync.every", "1s",
                  "ward.feeds.refresh", "0s"))) {
        Optional<Long> id = Optional.empty();
        for (int i = 0; i < 1200 && id.isEmpty(); i++) {
          id =
              jdbc(scheduled)
                  .sql(
                      "SELECT MIN(id) FROM ingest_job WHERE kind = 'feed-sync'"
                          + " AND state IN ('failed', 'succeeded')")
                  .query(Long.class)
                  .optional();
          if (id.isEmpty()) {
            Thread.sleep(100);
          }
        }
        assertThat(id).as("a scheduled sync ran").isPresent();
        var job =
            jdbc(scheduled)
                .sql("SELECT state, created_by, message FROM ingest_job WHERE id = ?")
                .param(id.get())
                .query((rs, n) -> List.of(rs.getString(1), rs.getString(2), rs.getString(3)))
                .single();
        assertThat(job.get(0)).isEqualTo("failed");
        assertThat(job.get(1)).isEqualTo("system");
        assertThat(job.get(2))
            .startsWith("feed sync: 1 feeds fetched: 0 updated, 0 not modified, 1 failed")
            .contains("cisa-kev: fetch failed")
            .endsWith("nothing new, the stored feeds were kept");
        assertThat(
                count(
                    scheduled,
                    "SELECT COUNT(*) FROM audit_log WHERE action = 'ingest.submit'"
                        + " AND actor = 'system' AND target = ?",
                    "job:" + id.get()))
            .isEqualTo(1);
        assertThat(count(scheduled, "SELECT COUNT(*) FROM kev_entry")).isZero();
      }
    }
  }
}

package io.ward.exposure.feeds.sync;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import io.ward.exposure.feeds.ExposureKnowledge;
import io.ward.exposure.feeds.FeedConfig;
import io.ward.exposure.feeds.FeedKind;
import io.ward.exposure.feeds.FeedProblem;
import io.ward.exposure.feeds.FeedStore;
import io.ward.exposure.feeds.Json;
import io.ward.exposure.feeds.KnowledgeLoader;
import io.ward.exposure.feeds.LoadRequest;
import io.ward.exposure.feeds.SyncReport;
import io.ward.exposure.feeds.TestData;
import io.ward.model.exposure.Advisory;
import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The NVD CVE API 2.0 served from loopback, over the 26 real CVE JSON 5 records of the test data
 * put into NVD's {@code vulnerabilities[].cve} shape (no real NVD API page is in the test data).
 * The server pages like NVD but at most 10 results per page, so the 26 CVEs take three pages.
 */
class NvdApiSyncTest {

  private static final int SERVER_PAGE_LIMIT = 10;
  private static final String KEY_ENV = "WARD_TEST_NVD_KEY";
  private static final String KEY = "3f1c0a4e-test-key-9b7d";
  private static final Instant FIRST = Instant.parse("2025-01-01T00:00:00Z");

  @TempDir Path dir;

  private LoopbackServer server;
  private final MutableClock clock = new MutableClock(FIRST);
  private final List<JsonNode> all = new ArrayList<>();
  private final List<JsonNode> changes = new ArrayList<>();

  /** The request number (from 1) to answer with 503; 0 = none. */
  private final AtomicInteger failAt = new AtomicInteger();

  private final AtomicInteger seen = new AtomicInteger();
  private FeedStore store;

  @BeforeEach
  void start() throws IOException {
    try (Stream<Path> records = Files.list(TestData.path("advisories/cve-json5-vulnrichment"))) {
      for (Path file : records.sorted().toList()) {
        all.add(nvdEntry(Json.read(file)));
      }
    }
    server = new LoopbackServer();
    server.on("/rest/json/cves/2.0", this::api);
    store =
        new FeedStore(
            dir.resolve("store"),
            // Following redirects, as FeedStore's own client does.
            HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL).build(),
            clock,
            name -> name.equals(KEY_ENV) ? Optional.of(KEY) : Optional.empty());
  }

  @AfterEach
  void stop() {
    server.close();
  }

  /** A CVE JSON 5 record in NVD's shape: id, dates, description, references. */
  private static JsonNode nvdEntry(JsonNode record) {
    JsonNode meta = record.path("cveMetadata");
    JsonNode cna = record.path("containers").path("cna");
    ObjectNode cve = Json.mapper().createObjectNode();
    cve.put("id", meta.path("cveId").asText());
    cve.put("sourceIdentifier", meta.path("assignerShortName").asText());
    cve.put("published", meta.path("datePublished").asText());
    cve.put("lastModified", meta.path("dateUpdated").asText());
    cve.put("vulnStatus", "Analyzed");
    cve.putArray("descriptions")
        .addObject()
        .put("lang", "en")
        .put("value", cna.path("descriptions").path(0).path("value").asText());
    ArrayNode refs = cve.putArray("references");
    for (JsonNode ref : cna.path("references")) {
      refs.addObject().put("url", ref.path("url").asText());
    }
    ObjectNode item = Json.mapper().createObjectNode();
    item.set("cve", cve);
    return item;
  }

  private void api(HttpExchange exchange) throws IOException {
    if (seen.incrementAndGet() == failAt.get()) {
      LoopbackServer.send(exchange, 503, new byte[0], Map.of());
      return;
    }
    Map<String, String> query = query(exchange.getRequestURI());
    List<JsonNode> results = query.containsKey("lastModStartDate") ? changes : all;
    int start = Integer.parseInt(query.getOrDefault("startIndex", "0"));
    int per =
        Math.min(SERVER_PAGE_LIMIT, Integer.parseInt(query.getOrDefault("resultsPerPage", "2000")));
    List<JsonNode> slice =
        results.subList(Math.min(start, results.size()), Math.min(start + per, results.size()));
    ObjectNode page = Json.mapper().createObjectNode();
    page.put("resultsPerPage", slice.size());
    page.put("startIndex", start);
    page.put("totalResults", results.size());
    page.put("format", "NVD_CVE");
    page.put("version", "2.0");
    page.put("timestamp", "2025-01-01T00:00:00.000");
    page.putArray("vulnerabilities").addAll(slice);
    LoopbackServer.send(exchange, 200, Json.mapper().writeValueAsBytes(page), Map.of());
  }

  private static Map<String, String> query(URI uri) {
    Map<String, String> params = new LinkedHashMap<>();
    if (uri.getRawQuery() != null) {
      for (String pair : uri.getRawQuery().split("&")) {
        String[] kv = pair.split("=", 2);
        params.put(kv[0], kv.length > 1 ? URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "");
      }
    }
    return params;
  }

  private FeedConfig config(Optional<String> keyEnv) {
    FeedConfig.Options options =
        new FeedConfig.Options(
            FeedConfig.Mode.AUTO,
            100,
            64L * 1024 * 1024,
            1024L * 1024 * 1024,
            Optional.of(Duration.ZERO),
            keyEnv,
            2000);
    return new FeedConfig(
        List.of(
            new FeedConfig.Source(
                "nvd",
                FeedKind.NVD,
                URI.create(server.base() + "/rest/json/cves/2.0?noRejected"),
                options)),
        Duration.ofSeconds(10));
  }

  private SyncReport.Outcome sync(FeedConfig config) throws InterruptedException {
    return store.sync(config).outcome("nvd").orElseThrow();
  }

  private ExposureKnowledge load() {
    return KnowledgeLoader.load(LoadRequest.of(LocalDate.of(2025, 8, 1)).withFeeds(store.root()));
  }

  @Test
  void shouldPageThroughEveryResultAndStorePagesTheReaderLoads() throws Exception {
    SyncReport.Outcome outcome = sync(config(Optional.empty()));

    assertThat(outcome.status()).isEqualTo(SyncReport.Status.UPDATED);
    assertThat(outcome.summary()).contains("26 CVEs in 3 pages (full sync)");
    assertThat(server.requests())
        .extracting(r -> query(r.uri()).get("startIndex"))
        .containsExactly("0", "10", "20");
    assertThat(server.requests())
        .allSatisfy(
            r -> {
              assertThat(query(r.uri()))
                  .containsEntry("resultsPerPage", "2000")
                  .containsKey("noRejected");
              assertThat(query(r.uri())).doesNotContainKey("lastModStartDate");
            });
    try (Stream<Path> pages = Files.list(store.root().resolve("nvd/nvd"))) {
      assertThat(pages.map(p -> p.getFileName().toString()).sorted())
          .containsExactly("page-00000.json", "page-00001.json", "page-00002.json");
    }
    ExposureKnowledge knowledge = load();
    assertThat(knowledge.advisories())
        .extracting(Advisory::id)
        .hasSize(26)
        .containsAll(all.stream().map(e -> e.path("cve").path("id").asText()).toList());
    assertThat(knowledge.problems()).noneMatch(FeedProblem::isError);
  }

  @Test
  void shouldAskOnlyForChangesSinceTheLastSyncInWindowsOfAtMost120Days() throws Exception {
    sync(config(Optional.empty()));
    server.clear();
    clock.set(FIRST.plus(Duration.ofDays(200)));
    JsonNode changed = all.get(5).deepCopy();
    String changedId = changed.path("cve").path("id").asText();
    ((ObjectNode) changed.path("cve").path("descriptions").path(0))
        .put("value", "Changed upstream.");
    JsonNode added = all.get(0).deepCopy();
    ((ObjectNode) added.path("cve")).put("id", "CVE-2025-0001");
    changes.addAll(List.of(changed, added));

    SyncReport.Outcome outcome = sync(config(Optional.empty()));

    assertThat(outcome.status()).isEqualTo(SyncReport.Status.UPDATED);
    assertThat(outcome.summary().orElseThrow())
        .startsWith("2 CVEs changed since 2025-01-01T00:00:00Z (1 replaced, 1 new; 2 windows)");
    assertThat(server.requests())
        .extracting(
            r ->
                query(r.uri()).get("lastModStartDate")
                    + " .. "
                    + query(r.uri()).get("lastModEndDate"))
        .containsExactly(
            "2025-01-01T00:00:00.000+00:00 .. 2025-05-01T00:00:00.000+00:00",
            "2025-05-01T00:00:00.000+00:00 .. 2025-07-20T00:00:00.000+00:00");
    ExposureKnowledge knowledge = load();
    assertThat(knowledge.advisories()).hasSize(27);
    assertThat(knowledge.advisories())
        .filteredOn(a -> a.id().equals(changedId))
        .singleElement()
        .satisfies(
            a ->
                assertThat(a.vulnerabilities().get(0).description()).contains("Changed upstream."));
    // each CVE is held once: no "also read from" warnings
    assertThat(knowledge.problems()).isEmpty();

    server.clear();
    changes.clear();
    clock.set(FIRST.plus(Duration.ofDays(201)));
    SyncReport.Outcome quiet = sync(config(Optional.empty()));
    assertThat(quiet.status()).isEqualTo(SyncReport.Status.NOT_MODIFIED);
    assertThat(server.requests())
        .singleElement()
        .satisfies(
            r ->
                assertThat(query(r.uri()))
                    .containsEntry("lastModStartDate", "2025-07-20T00:00:00.000+00:00"));
  }

  @Test
  void shouldSendTheApiKeyInTheHeaderOnlyAndNeverStoreIt() throws Exception {
    SyncReport report = store.sync(config(Optional.of(KEY_ENV)));

    assertThat(server.requests())
        .hasSize(3)
        .allSatisfy(
            r -> {
              assertThat(r.header("apiKey")).isEqualTo(KEY);
              assertThat(r.uri().toString()).doesNotContain(KEY);
            });
    assertThat(report.toString()).doesNotContain(KEY);
    try (Stream<Path> files = Files.walk(store.root())) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        assertThat(Files.readString(file)).as(file.toString()).doesNotContain(KEY);
      }
    }
  }

  @Test
  void shouldNotFollowARedirectWithTheApiKey() throws Exception {
    try (LoopbackServer elsewhere = new LoopbackServer()) {
      elsewhere.on("/", exchange -> LoopbackServer.send(exchange, 200, new byte[0], Map.of()));
      server.on(
          "/moved",
          exchange ->
              LoopbackServer.send(
                  exchange,
                  302,
                  new byte[0],
                  Map.of("Location", elsewhere.base() + "/rest/json/cves/2.0")));
      FeedConfig keyed = config(Optional.of(KEY_ENV));
      FeedConfig.Source api = keyed.feeds().get(0);
      FeedConfig moved =
          new FeedConfig(
              List.of(
                  new FeedConfig.Source(
                      api.name(),
                      api.kind(),
                      URI.create(server.base() + "/moved/rest/json/cves/2.0"),
                      api.options())),
              Duration.ofSeconds(10));

      SyncReport.Outcome outcome = sync(moved);

      assertThat(outcome.status()).isEqualTo(SyncReport.Status.FAILED);
      assertThat(outcome.problem().orElseThrow().message()).contains("HTTP 302");
      // The key went to the configured host only; the redirect's target was never asked.
      assertThat(elsewhere.requests()).isEmpty();
    }
  }

  @Test
  void shouldWarnAndGoOnWithoutAKeyWhenItsVariableIsUnset() throws Exception {
    SyncReport.Outcome outcome = sync(config(Optional.of("WARD_TEST_UNSET")));

    assertThat(outcome.status()).isEqualTo(SyncReport.Status.UPDATED);
    assertThat(outcome.problem().orElseThrow().message()).contains("WARD_TEST_UNSET is not set");
    assertThat(outcome.hasErrors()).isFalse();
    assertThat(server.requests()).allSatisfy(r -> assertThat(r.header("apiKey")).isNull());
  }

  @Test
  void shouldKeepThePagesHeldAndTheSyncTimeWhenAPageFails() throws Exception {
    failAt.set(2);
    SyncReport.Outcome first = sync(config(Optional.empty()));
    assertThat(first.status()).isEqualTo(SyncReport.Status.FAILED);
    assertThat(first.problem().orElseThrow().message())
        .contains("HTTP 503")
        .contains("nothing stored yet");
    assertThat(store.root().resolve("nvd/nvd")).doesNotExist();

    failAt.set(0);
    seen.set(0);
    sync(config(Optional.empty()));
    clock.set(FIRST.plus(Duration.ofDays(1)));
    changes.add(all.get(1));
    seen.set(0);
    failAt.set(1);
    SyncReport.Outcome failed = sync(config(Optional.empty()));

    assertThat(failed.status()).isEqualTo(SyncReport.Status.FAILED);
    assertThat(failed.problem().orElseThrow().message()).contains("pages held are kept");
    assertThat(store.readMeta("nvd").path("lastSyncStart").asText()).isEqualTo(FIRST.toString());
    assertThat(load().advisories()).hasSize(26);
    try (Stream<Path> left = Files.list(store.root().resolve(".tmp"))) {
      assertThat(left).isEmpty();
    }
  }

  /** A clock the test moves. */
  private static final class MutableClock extends Clock {
    private final AtomicReference<Instant> now;

    MutableClock(Instant start) {
      now = new AtomicReference<>(start);
    }

    void set(Instant instant) {
      now.set(instant);
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now.get();
    }
  }
}

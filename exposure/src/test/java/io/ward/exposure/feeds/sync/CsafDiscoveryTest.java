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
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A CSAF provider served from loopback: a provider-metadata.json (built here; no real one is in the
 * test data) naming CISA's real ROLIE feed, re-pointed at this server, and real CISA documents with
 * their upstream .sha512 files.
 */
class CsafDiscoveryTest {

  private static final Path CSAF = TestData.path("advisories/cisa-csaf");
  private static final String UPSTREAM =
      "https://raw.githubusercontent.com/cisagov/CSAF/develop/csaf_files/IT/white/2024/";
  private static final String LAST_MODIFIED = "Thu, 10 Oct 2024 18:21:27 GMT";

  /** Served documents: the two IT advisories of the feed and a medical one in place of a third. */
  private static final Map<String, Path> DOCUMENTS =
      Map.of(
          "va-24-201-01.json", CSAF.resolve("it-va/va-24-201-01.json"),
          "va-24-254-01.json", CSAF.resolve("it-va/va-24-254-01.json"),
          "icsma-20-254-01.json", CSAF.resolve("medical-icsma/icsma-20-254-01.json"));

  @TempDir Path dir;

  private LoopbackServer server;
  private FeedStore store;

  /** Document name → replacement body (a changed, corrupt or hash-mismatching version). */
  private final Map<String, byte[]> override = new ConcurrentHashMap<>();

  /** Document names whose .sha512 is computed from the served body instead of the real file. */
  private final Map<String, Boolean> consistentHash = new ConcurrentHashMap<>();

  @BeforeEach
  void start() throws IOException {
    server = new LoopbackServer();
    server.on("/.well-known/csaf/provider-metadata.json", this::providerMetadata);
    server.on("/feed.json", this::rolieFeed);
    server.on("/docs/", this::document);
    store =
        new FeedStore(
            dir.resolve("store"),
            HttpClient.newHttpClient(),
            Clock.fixed(Instant.parse("2024-10-24T00:00:00Z"), ZoneOffset.UTC));
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private void providerMetadata(HttpExchange exchange) throws IOException {
    String base = server.base();
    String json =
        """
        {"canonical_url": "%1$s/.well-known/csaf/provider-metadata.json",
         "distributions": [{"rolie": {"feeds": [
           {"summary": "TLP:WHITE advisories", "tlp_label": "WHITE", "url": "%1$s/feed.json"}]}}],
         "last_updated": "2024-10-10T18:21:27Z", "list_on_CSAF_aggregators": true,
         "metadata_version": "2.0", "mirror_on_CSAF_aggregators": true,
         "public_openpgp_keys": [],
         "publisher": {"category": "coordinator", "name": "Test Provider",
                       "namespace": "https://provider.example"},
         "role": "csaf_trusted_provider"}
        """
            .formatted(base);
    LoopbackServer.send(
        exchange,
        200,
        json.getBytes(StandardCharsets.UTF_8),
        Map.of("Content-Type", "application/json"));
  }

  /**
   * CISA's real IT ROLIE feed pointed at this server; its va-24-262-01 entry (a file not in the
   * test data) names the medical icsma-20-254-01 instead, and va-24-254-02 (also absent) is
   * dropped.
   */
  private void rolieFeed(HttpExchange exchange) throws IOException {
    LoopbackServer.send(exchange, 200, rolieBytes(), Map.of());
  }

  private byte[] rolieBytes() throws IOException {
    String text =
        Files.readString(CSAF.resolve("feed-metadata/cisa-csaf-it-feed-tlp-white.json"))
            .replace(UPSTREAM, server.base() + "/docs/")
            .replace("va-24-262-01.json", "icsma-20-254-01.json");
    ObjectNode feed = (ObjectNode) Json.mapper().readTree(text);
    ArrayNode entries = (ArrayNode) feed.path("feed").path("entry");
    for (int i = entries.size() - 1; i >= 0; i--) {
      if (entries.get(i).path("id").asText().equals("VA-24-254-02")) {
        entries.remove(i);
      }
    }
    return Json.mapper().writeValueAsBytes(feed);
  }

  private void document(HttpExchange exchange) throws IOException {
    String name = exchange.getRequestURI().getPath().substring("/docs/".length());
    boolean hash = name.endsWith(".sha512");
    String doc = hash ? name.substring(0, name.length() - ".sha512".length()) : name;
    if (!DOCUMENTS.containsKey(doc)) {
      LoopbackServer.send(exchange, 404, new byte[0], Map.of());
      return;
    }
    byte[] body = override.getOrDefault(doc, Files.readAllBytes(DOCUMENTS.get(doc)));
    if (hash) {
      byte[] sum =
          consistentHash.containsKey(doc)
              ? (sha512(body) + "  " + doc + "\n").getBytes(StandardCharsets.UTF_8)
              : Files.readAllBytes(DOCUMENTS.get(doc).resolveSibling(doc + ".sha512"));
      LoopbackServer.send(exchange, 200, sum, Map.of());
      return;
    }
    String etag = "\"" + sha512(body).substring(0, 16) + "\"";
    if (etag.equals(exchange.getRequestHeaders().getFirst("If-None-Match"))) {
      LoopbackServer.send(exchange, 304, new byte[0], Map.of("ETag", etag));
      return;
    }
    LoopbackServer.send(exchange, 200, body, Map.of("ETag", etag, "Last-Modified", LAST_MODIFIED));
  }

  private static String sha512(byte[] body) {
    try {
      return java.util.HexFormat.of()
          .formatHex(java.security.MessageDigest.getInstance("SHA-512").digest(body));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private FeedConfig config(String path, FeedConfig.Options options) {
    return new FeedConfig(
        List.of(
            new FeedConfig.Source(
                "provider", FeedKind.CSAF, URI.create(server.base() + path), options)),
        Duration.ofSeconds(10));
  }

  private FeedConfig providerConfig() {
    return config(
        "/.well-known/csaf/provider-metadata.json", FeedConfig.Options.defaults(FeedKind.CSAF));
  }

  private Path documents() {
    return store.root().resolve("csaf/provider");
  }

  private ExposureKnowledge load() {
    return KnowledgeLoader.load(LoadRequest.of(LocalDate.of(2024, 10, 24)).withFeeds(store.root()));
  }

  @Test
  void shouldFollowProviderMetadataThroughRolieAndStoreEveryValidDocument() throws Exception {
    SyncReport.Outcome outcome = store.sync(providerConfig()).outcome("provider").orElseThrow();

    assertThat(outcome.status()).isEqualTo(SyncReport.Status.UPDATED);
    assertThat(outcome.details()).isEmpty();
    assertThat(outcome.summary())
        .contains("3 documents listed: 3 updated, 0 not modified, 0 failed");
    assertThat(outcome.file()).contains(documents());
    for (Map.Entry<String, Path> doc : DOCUMENTS.entrySet()) {
      assertThat(Files.readAllBytes(documents().resolve(doc.getKey())))
          .isEqualTo(Files.readAllBytes(doc.getValue()));
    }
    // the hash files were fetched and checked, not stored
    assertThat(server.requests("/docs/"))
        .extracting(r -> r.uri().getPath())
        .contains("/docs/icsma-20-254-01.json.sha512");
    try (Stream<Path> stored = Files.list(documents())) {
      assertThat(stored).hasSize(3);
    }
    JsonNode meta = store.readMeta("provider").path("documents");
    JsonNode entry = meta.path(server.base() + "/docs/icsma-20-254-01.json");
    assertThat(entry.path("file").asText()).isEqualTo("icsma-20-254-01.json");
    assertThat(entry.path("etag").asText()).startsWith("\"");
    assertThat(entry.path("lastModified").asText()).isEqualTo(LAST_MODIFIED);
    ExposureKnowledge knowledge = load();
    assertThat(knowledge.advisories())
        .extracting(Advisory::id)
        .containsExactlyInAnyOrder("ICSMA-20-254-01", "VA-24-201-01", "VA-24-254-01");
    assertThat(knowledge.problems()).noneMatch(FeedProblem::isError);
  }

  @Test
  void shouldAskEachDocumentConditionallyAndChangeNothingOn304() throws Exception {
    store.sync(providerConfig());
    Map<String, byte[]> before = snapshot();
    server.clear();

    SyncReport.Outcome second = store.sync(providerConfig()).outcome("provider").orElseThrow();

    assertThat(second.status()).isEqualTo(SyncReport.Status.NOT_MODIFIED);
    assertThat(second.summary().orElseThrow()).contains("0 updated, 3 not modified, 0 failed");
    List<LoopbackServer.Request> documentRequests =
        server.requests("/docs/").stream()
            .filter(r -> r.uri().getPath().endsWith(".json"))
            .toList();
    assertThat(documentRequests).hasSize(3);
    JsonNode meta = store.readMeta("provider").path("documents");
    for (LoopbackServer.Request r : documentRequests) {
      JsonNode held = meta.path(server.base() + r.uri().getPath());
      assertThat(r.header("If-None-Match")).isEqualTo(held.path("etag").asText());
      assertThat(r.header("If-Modified-Since")).isEqualTo(LAST_MODIFIED);
    }
    // a 304 sends no body, so no hash file is fetched either
    assertThat(server.requests("/docs/")).noneMatch(r -> r.uri().getPath().endsWith(".sha512"));
    Map<String, byte[]> after = snapshot();
    assertThat(after).containsOnlyKeys(before.keySet());
    before.forEach((name, bytes) -> assertThat(after.get(name)).isEqualTo(bytes));
  }

  @Test
  void shouldReportACorruptDocumentByUrlAndKeepTheGoodCopy() throws Exception {
    store.sync(providerConfig());
    byte[] good = Files.readAllBytes(documents().resolve("icsma-20-254-01.json"));
    byte[] real = Files.readAllBytes(DOCUMENTS.get("icsma-20-254-01.json"));
    // A provider publishing a truncated file with a matching hash: the validator catches it.
    override.put("icsma-20-254-01.json", java.util.Arrays.copyOf(real, real.length / 2));
    consistentHash.put("icsma-20-254-01.json", true);

    SyncReport.Outcome outcome = store.sync(providerConfig()).outcome("provider").orElseThrow();

    String url = server.base() + "/docs/icsma-20-254-01.json";
    assertThat(outcome.hasErrors()).isTrue();
    assertThat(outcome.status()).isEqualTo(SyncReport.Status.NOT_MODIFIED);
    assertThat(outcome.details())
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.file()).isEqualTo(url);
              assertThat(p.message())
                  .contains("not a usable CSAF document")
                  .contains("copy held is kept");
            });
    assertThat(outcome.problem().orElseThrow().message()).contains("1 failed");
    assertThat(Files.readAllBytes(documents().resolve("icsma-20-254-01.json"))).isEqualTo(good);

    // The same truncated file against the real upstream .sha512: the hash check catches it.
    consistentHash.clear();
    SyncReport.Outcome mismatch = store.sync(providerConfig()).outcome("provider").orElseThrow();
    assertThat(mismatch.details())
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.file()).isEqualTo(url);
              assertThat(p.message()).contains("does not match its hash file " + url + ".sha512");
            });
    assertThat(Files.readAllBytes(documents().resolve("icsma-20-254-01.json"))).isEqualTo(good);
    assertThat(load().advisories()).extracting(Advisory::id).contains("ICSMA-20-254-01");
    try (Stream<Path> left = Files.list(store.root().resolve(".tmp"))) {
      assertThat(left).isEmpty();
    }
  }

  @Test
  void shouldStopAHugeFeedAtTheDocumentLimitWithAClearReport() throws Exception {
    // 10,000 entries, each a distinct URL of the same real document.
    ObjectNode feed = (ObjectNode) Json.mapper().readTree(rolieBytes());
    ArrayNode entries = ((ObjectNode) feed.path("feed")).putArray("entry");
    for (int i = 0; i < 10_000; i++) {
      entries.addObject().putObject("content").put("src", server.base() + "/many/a-" + i + ".json");
    }
    byte[] huge = Json.mapper().writeValueAsBytes(feed);
    server.on("/huge.json", e -> LoopbackServer.send(e, 200, huge, Map.of()));
    byte[] doc = Files.readAllBytes(DOCUMENTS.get("va-24-201-01.json"));
    server.on("/many/", e -> LoopbackServer.send(e, 200, doc, Map.of()));
    FeedConfig.Options defaults = FeedConfig.Options.defaults(FeedKind.CSAF);
    FeedConfig.Options three =
        defaults.withLimits(3, defaults.maxDocumentBytes(), defaults.maxTotalBytes());

    SyncReport.Outcome outcome =
        store.sync(config("/huge.json", three)).outcome("provider").orElseThrow();

    assertThat(server.requests("/many/")).hasSize(3);
    assertThat(outcome.status()).isEqualTo(SyncReport.Status.UPDATED);
    assertThat(outcome.hasErrors()).isTrue();
    assertThat(outcome.details())
        .extracting(FeedProblem::message)
        .containsExactly(
            "the provider lists 10000 documents, more than maxDocuments 3; only the first 3 were"
                + " fetched (raise maxDocuments for this feed to take more)");
    try (Stream<Path> stored = Files.list(documents())) {
      assertThat(stored).hasSize(3);
    }
  }

  @Test
  void shouldRefuseADocumentLargerThanTheSizeLimit() throws Exception {
    FeedConfig.Options defaults = FeedConfig.Options.defaults(FeedKind.CSAF);
    FeedConfig.Options small = defaults.withLimits(100, 20_000, defaults.maxTotalBytes());

    SyncReport.Outcome outcome =
        store
            .sync(config("/.well-known/csaf/provider-metadata.json", small))
            .outcome("provider")
            .orElseThrow();

    // icsma-20-254-01 is 89 KB; the two IT advisories are under 20 KB
    assertThat(outcome.details())
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.file()).endsWith("/docs/icsma-20-254-01.json");
              assertThat(p.message())
                  .contains("larger than the limit of 20000 bytes")
                  .contains("not stored");
            });
    assertThat(Files.exists(documents().resolve("icsma-20-254-01.json"))).isFalse();
    assertThat(Files.exists(documents().resolve("va-24-201-01.json"))).isTrue();
    assertThat(defaults.maxDocumentBytes()).isEqualTo(16L * 1024 * 1024);
  }

  @Test
  void shouldStopOnceTheTotalSizeLimitIsPassed() throws Exception {
    FeedConfig.Options defaults = FeedConfig.Options.defaults(FeedKind.CSAF);
    // the feed lists icsma-20-254-01 (89 KB) first: stored, then the 50 KB budget is spent
    FeedConfig.Options budget = defaults.withLimits(100, defaults.maxDocumentBytes(), 50_000);

    SyncReport.Outcome outcome =
        store
            .sync(config("/.well-known/csaf/provider-metadata.json", budget))
            .outcome("provider")
            .orElseThrow();

    assertThat(outcome.summary().orElseThrow()).contains("1 updated");
    assertThat(outcome.details())
        .singleElement()
        .satisfies(p -> assertThat(p.message()).contains("maxTotalMegabytes"));
    try (Stream<Path> stored = Files.list(documents())) {
      assertThat(stored).hasSize(1);
    }
  }

  @Test
  void shouldReadADirectoryDistributionFromItsRealChangesCsv() throws Exception {
    String base = server.base();
    server.on(
        "/dir-provider.json",
        e ->
            LoopbackServer.send(
                e,
                200,
                ("{\"canonical_url\":\""
                        + base
                        + "/dir-provider.json\",\"metadata_version\":\"2.0\","
                        + "\"distributions\":[{\"directory_url\":\""
                        + base
                        + "/dir\"}]}")
                    .getBytes(StandardCharsets.UTF_8),
                Map.of()));
    byte[] changes = Files.readAllBytes(CSAF.resolve("feed-metadata/IT-changes.csv"));
    server.on("/dir/changes.csv", e -> LoopbackServer.send(e, 200, changes, Map.of()));
    server.on(
        "/dir/csaf_files/",
        e -> {
          Path file =
              CSAF.resolve("it-va").resolve(Path.of(e.getRequestURI().getPath()).getFileName());
          LoopbackServer.send(
              e,
              Files.isRegularFile(file) ? 200 : 404,
              Files.isRegularFile(file) ? Files.readAllBytes(file) : new byte[0],
              Map.of());
        });

    SyncReport.Outcome outcome =
        store
            .sync(config("/dir-provider.json", FeedConfig.Options.defaults(FeedKind.CSAF)))
            .outcome("provider")
            .orElseThrow();

    // IT-changes.csv lists four files; two of them are not in the test data (404)
    assertThat(outcome.summary())
        .contains("4 documents listed: 2 updated, 0 not modified, 2 failed");
    assertThat(outcome.details())
        .extracting(FeedProblem::file)
        .containsExactlyInAnyOrder(
            base + "/dir/csaf_files/IT/white/2024/va-24-254-02.json",
            base + "/dir/csaf_files/IT/white/2024/va-24-262-01.json");
    assertThat(outcome.details()).allSatisfy(p -> assertThat(p.message()).startsWith("HTTP 404"));
    assertThat(load().advisories())
        .extracting(Advisory::id)
        .containsExactlyInAnyOrder("VA-24-201-01", "VA-24-254-01");
  }

  @Test
  void shouldStoreASingleDocumentUrlAsOneFileAsBefore() throws Exception {
    FeedConfig config =
        config("/docs/va-24-254-01.json", FeedConfig.Options.defaults(FeedKind.CSAF));

    SyncReport.Outcome first = store.sync(config).outcome("provider").orElseThrow();
    server.clear();
    SyncReport.Outcome second = store.sync(config).outcome("provider").orElseThrow();

    assertThat(first.status()).isEqualTo(SyncReport.Status.UPDATED);
    assertThat(first.file()).contains(store.root().resolve("csaf/provider.json"));
    assertThat(second.status()).isEqualTo(SyncReport.Status.NOT_MODIFIED);
    // once stored as one file, the document is asked for once per sync, conditionally
    assertThat(server.requests())
        .singleElement()
        .satisfies(r -> assertThat(r.header("If-None-Match")).isNotNull());
  }

  private Map<String, byte[]> snapshot() throws IOException {
    Map<String, byte[]> files = new java.util.TreeMap<>();
    try (Stream<Path> list = Files.list(documents())) {
      for (Path p : list.toList()) {
        files.put(p.getFileName().toString(), Files.readAllBytes(p));
      }
    }
    return files;
  }
}

package io.ward.exposure.feeds;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FeedStoreTest {

  private static final Path KEV =
      TestData.path("advisories/cisa-kev/known_exploited_vulnerabilities.json");
  private static final String ETAG = "\"kev-2025.08.25\"";
  private static final String LAST_MODIFIED = "Mon, 25 Aug 2025 17:04:19 GMT";

  @TempDir Path dir;

  private HttpServer server;
  private final AtomicReference<String> mode = new AtomicReference<>("ok");
  private final List<String> conditionalHeaders = new ArrayList<>();
  private FeedStore store;
  private FeedConfig config;

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/kev.json", this::serve);
    server.start();
    URI url = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/kev.json");
    config =
        new FeedConfig(
            List.of(new FeedConfig.Source("cisa-kev", FeedKind.KEV, url)), Duration.ofSeconds(10));
    store =
        new FeedStore(
            dir.resolve("store"),
            HttpClient.newHttpClient(),
            Clock.fixed(Instant.parse("2025-08-26T00:00:00Z"), ZoneOffset.UTC));
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  private void serve(HttpExchange exchange) throws IOException {
    conditionalHeaders.add(String.valueOf(exchange.getRequestHeaders().getFirst("If-None-Match")));
    byte[] body;
    int status;
    switch (mode.get()) {
      case "ok" -> {
        if (ETAG.equals(exchange.getRequestHeaders().getFirst("If-None-Match"))) {
          exchange.sendResponseHeaders(304, -1);
          exchange.close();
          return;
        }
        body = Files.readAllBytes(KEV);
        status = 200;
      }
      case "corrupt" -> {
        byte[] real = Files.readAllBytes(KEV);
        body = java.util.Arrays.copyOf(real, real.length / 3);
        status = 200;
      }
      case "wrong-kind" -> {
        body =
            "{\"vulnerabilities\":[{\"cve\":{\"id\":\"CVE-2024-1\"}}],\"format\":\"NVD_CVE\"}"
                .getBytes();
        status = 200;
      }
      default -> {
        body = "boom".getBytes();
        status = 500;
      }
    }
    exchange.getResponseHeaders().add("ETag", ETAG);
    exchange.getResponseHeaders().add("Last-Modified", LAST_MODIFIED);
    exchange.sendResponseHeaders(status, body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  @Test
  void shouldStoreThenAskConditionallyThenKeepTheLastGoodCopyOnFailures() throws Exception {
    SyncReport first = store.sync(config);
    Path stored = first.outcome("cisa-kev").orElseThrow().file().orElseThrow();
    byte[] good = Files.readAllBytes(stored);

    assertThat(first.outcome("cisa-kev").orElseThrow().status())
        .isEqualTo(SyncReport.Status.UPDATED);
    assertThat(good).isEqualTo(Files.readAllBytes(KEV));
    assertThat(store.readMeta("cisa-kev").path("etag").asText()).isEqualTo(ETAG);
    assertThat(store.readMeta("cisa-kev").path("lastModified").asText()).isEqualTo(LAST_MODIFIED);
    assertThat(store.readMeta("cisa-kev").path("sha256").asText())
        .isEqualTo(KnowledgeLoader.hash(KEV, "SHA-256"));
    assertThat(store.readMeta("cisa-kev").path("fetchedAt").asText())
        .isEqualTo("2025-08-26T00:00:00Z");

    assertThat(store.sync(config).outcome("cisa-kev").orElseThrow().status())
        .isEqualTo(SyncReport.Status.NOT_MODIFIED);
    assertThat(conditionalHeaders).containsExactly("null", ETAG);

    for (String failure : List.of("corrupt", "server-error", "wrong-kind")) {
      mode.set(failure);
      // A new ETag would be sent for a changed file: drop ours so the server sends a body.
      Files.deleteIfExists(dir.resolve("store/.meta/cisa-kev.json"));
      SyncReport.Outcome outcome = store.sync(config).outcome("cisa-kev").orElseThrow();
      assertThat(outcome.status()).as(failure).isEqualTo(SyncReport.Status.FAILED);
      assertThat(outcome.problem().orElseThrow().message())
          .as(failure)
          .contains("last good copy kept");
      assertThat(Files.readAllBytes(stored)).as(failure).isEqualTo(good);
    }
    try (var left = Files.list(dir.resolve("store/.tmp"))) {
      assertThat(left).isEmpty();
    }
    assertThat(
            KnowledgeLoader.load(
                    LoadRequest.of(java.time.LocalDate.of(2025, 8, 26)).withFeeds(store.root()))
                .kev())
        .hasSize(1404);
  }

  @Test
  void shouldReportAFailedFirstFetchWithNoCopy() throws Exception {
    mode.set("server-error");

    SyncReport.Outcome outcome = store.sync(config).outcome("cisa-kev").orElseThrow();

    assertThat(outcome.status()).isEqualTo(SyncReport.Status.FAILED);
    assertThat(outcome.file()).isEmpty();
    assertThat(outcome.problem().orElseThrow().message())
        .contains("HTTP 500")
        .contains("no copy stored yet");
  }

  @Test
  void shouldImportADirectoryOfMixedFilesSkippingWhatIsNotKnowledge() throws IOException {
    Path source = dir.resolve("carried-in");
    Files.createDirectories(source.resolve("sub"));
    Files.copy(KEV, source.resolve("kev.json"));
    Files.copy(
        TestData.path("advisories/cisa-csaf/medical-icsma/icsma-20-254-01.json"),
        source.resolve("sub/icsma-20-254-01.json"));
    Files.copy(
        TestData.path("advisories/cisa-csaf/medical-icsma/icsma-20-254-01.json.sha512"),
        source.resolve("sub/icsma-20-254-01.json.sha512"));
    Files.writeString(source.resolve("notes.txt"), "hello");
    Files.writeString(source.resolve("broken.json"), "{\"document\":{\"csaf_version\":\"2.0\"");

    ImportReport report = store.importDirectory(source);

    assertThat(report.imported())
        .extracting(p -> store.root().relativize(p).toString())
        .containsExactlyInAnyOrder("kev/kev.json", "csaf/sub/icsma-20-254-01.json");
    assertThat(report.problems())
        .extracting(p -> Path.of(p.file()).getFileName().toString())
        .contains("notes.txt", "broken.json");
  }

  @Test
  void shouldKeepTheGzipExtensionOfAGzippedJsonFeed() {
    FeedConfig.Source nvd =
        new FeedConfig.Source(
            "nvd-2024",
            FeedKind.NVD,
            java.net.URI.create("https://nvd.nist.gov/feeds/json/cve/2.0/nvdcve-2.0-2024.json.gz"));
    assertThat(store.target(nvd)).isEqualTo(store.root().resolve("nvd/nvd-2024.json.gz"));
  }
}

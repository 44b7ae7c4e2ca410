package io.ward.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ward feeds sync} against a CSAF provider on loopback: a ROLIE feed naming two real CISA
 * documents, one of which the server sends truncated.
 */
class FeedsSyncCommandTest {

  private static final Path CSAF =
      Path.of(System.getenv().getOrDefault("WARD_TESTDATA", "../../shared/data"))
          .resolve("advisories/cisa-csaf/it-va");

  @TempDir Path tmp;

  private HttpServer server;
  private String base;

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    base = "http://127.0.0.1:" + server.getAddress().getPort();
    byte[] feed =
        ("{\"feed\":{\"id\":\"test\",\"entry\":["
                + "{\"content\":{\"src\":\""
                + base
                + "/docs/va-24-201-01.json\"}},"
                + "{\"content\":{\"src\":\""
                + base
                + "/docs/va-24-254-01.json\"}}]}}")
            .getBytes(StandardCharsets.UTF_8);
    server.createContext("/feed.json", e -> send(e, feed));
    server.createContext(
        "/docs/",
        e -> {
          String name = Path.of(e.getRequestURI().getPath()).getFileName().toString();
          byte[] body = Files.readAllBytes(CSAF.resolve(name));
          send(e, name.equals("va-24-254-01.json") ? java.util.Arrays.copyOf(body, 100) : body);
        });
    server.start();
  }

  private static void send(com.sun.net.httpserver.HttpExchange e, byte[] body) throws IOException {
    e.sendResponseHeaders(200, body.length);
    try (OutputStream out = e.getResponseBody()) {
      out.write(body);
    }
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  @Test
  void shouldStoreTheGoodDocumentNameTheBadOneByUrlAndExitWithWarnings() throws IOException {
    Path config = tmp.resolve("feeds.yaml");
    Files.writeString(
        config, "feeds:\n  - name: vendor\n    kind: CSAF\n    url: " + base + "/feed.json\n");
    Path store = tmp.resolve("store");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream oldOut = System.out;
    PrintStream oldErr = System.err;
    int code;
    try {
      System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
      System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
      code =
          WardCommand.execute(
              "feeds", "sync", "--store", store.toString(), "--config", config.toString());
    } finally {
      System.setOut(oldOut);
      System.setErr(oldErr);
    }

    assertThat(code).isEqualTo(4);
    assertThat(out.toString(StandardCharsets.UTF_8))
        .contains("vendor")
        .contains("updated (2 documents listed: 1 updated, 0 not modified, 1 failed)");
    assertThat(err.toString(StandardCharsets.UTF_8))
        .contains(base + "/docs/va-24-254-01.json: error: not a usable CSAF document");
    assertThat(store.resolve("csaf/vendor/va-24-201-01.json")).exists();
    assertThat(store.resolve("csaf/vendor/va-24-254-01.json")).doesNotExist();
  }

  @Test
  void shouldNameTheConfigurationLineAndColumnOfAYamlErrorInOneLine() throws IOException {
    Path config =
        Files.writeString(
            tmp.resolve("bad.yaml"), "feeds:\n  - name: x\n    kind: csaf\n  url: [unclosed\n");
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream savedErr = System.err;
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    int code;
    try {
      code =
          WardCommand.execute(
              "feeds",
              "sync",
              "--store",
              tmp.resolve("store").toString(),
              "--config",
              config.toString());
    } finally {
      System.setErr(savedErr);
    }
    String stderr = err.toString(StandardCharsets.UTF_8);
    assertThat(code).as(stderr).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(stderr.lines().toList()).as(stderr).hasSize(1);
    assertThat(stderr).startsWith("ward: " + config + ": line ").contains("not valid YAML (");
  }

  /** A misspelt key stops the sync before anything is fetched, like any bad configuration. */
  @Test
  void shouldRefuseAMisspeltKeyInOneLineWithExitCode3AndFetchNothing() throws IOException {
    Path config = tmp.resolve("feeds.yaml");
    Files.writeString(
        config,
        "feeds:\n  - name: vendor\n    kind: CSAF\n    url: "
            + base
            + "/feed.json\n    maxDocument: 1\n");
    Path store = tmp.resolve("store");
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream savedErr = System.err;
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    int code;
    try {
      code =
          WardCommand.execute(
              "feeds", "sync", "--store", store.toString(), "--config", config.toString());
    } finally {
      System.setErr(savedErr);
    }
    String stderr = err.toString(StandardCharsets.UTF_8);
    assertThat(code).as(stderr).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(stderr.lines().toList()).as(stderr).hasSize(1);
    assertThat(stderr)
        .startsWith("ward: " + config + ": feed vendor: unknown key 'maxDocument'; the keys are")
        .contains("maxDocuments");
    assertThat(store.resolve("csaf/vendor")).doesNotExist();
  }
}

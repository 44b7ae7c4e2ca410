package io.ward.exposure.feeds.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Redirects followed by {@link Download#getChecked}: each target is checked before it is asked. */
class DownloadTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(10);
  private static final byte[] DOC = "{\"document\":{}}".getBytes(StandardCharsets.UTF_8);

  @TempDir Path dir;

  /** A client that would follow redirects on its own, as FeedStore's does. */
  private final HttpClient following =
      HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL).build();

  @Test
  void shouldRefuseARedirectWhoseTargetIsRefusedWithoutAskingIt() throws Exception {
    try (LoopbackServer listed = new LoopbackServer();
        LoopbackServer inside = new LoopbackServer()) {
      inside.on("/secret", e -> LoopbackServer.send(e, 200, DOC, Map.of()));
      listed.on(
          "/doc.json",
          e ->
              LoopbackServer.send(
                  e, 302, new byte[0], Map.of("Location", inside.base() + "/secret")));
      URI insideBase = URI.create(inside.base());
      Path into = dir.resolve("doc.json");

      assertThatThrownBy(
              () ->
                  Download.getChecked(
                      Download.withoutRedirects(following),
                      URI.create(listed.base() + "/doc.json"),
                      TIMEOUT,
                      Map.of(),
                      into,
                      1 << 20,
                      u ->
                          u.getPort() == insideBase.getPort()
                              ? Optional.of("refused: internal")
                              : Optional.empty()))
          .isInstanceOf(IOException.class)
          .hasMessageContaining(inside.base() + "/secret")
          .hasMessageContaining("refused: internal");
      assertThat(inside.requests()).isEmpty();
      assertThat(listed.requests("/doc.json")).hasSize(1);
    }
  }

  @Test
  void shouldFollowAnAllowedRedirectAndWriteTheBody() throws Exception {
    try (LoopbackServer first = new LoopbackServer();
        LoopbackServer second = new LoopbackServer()) {
      second.on("/doc.json", e -> LoopbackServer.send(e, 200, DOC, Map.of("ETag", "\"v1\"")));
      first.on(
          "/doc.json",
          e ->
              LoopbackServer.send(
                  e, 301, new byte[0], Map.of("Location", second.base() + "/doc.json")));
      Path into = dir.resolve("doc.json");

      Download.Answer answer =
          Download.getChecked(
              Download.withoutRedirects(following),
              URI.create(first.base() + "/doc.json"),
              TIMEOUT,
              Map.of(),
              into,
              1 << 20,
              u -> Optional.empty());

      assertThat(answer.ok()).isTrue();
      assertThat(answer.etag()).contains("\"v1\"");
      assertThat(Files.readAllBytes(into)).isEqualTo(DOC);
    }
  }

  @Test
  void shouldGiveUpOnARedirectLoop() throws Exception {
    try (LoopbackServer server = new LoopbackServer()) {
      server.on(
          "/loop", e -> LoopbackServer.send(e, 302, new byte[0], Map.of("Location", "/loop")));

      assertThatThrownBy(
              () ->
                  Download.getChecked(
                      Download.withoutRedirects(following),
                      URI.create(server.base() + "/loop"),
                      TIMEOUT,
                      Map.of(),
                      dir.resolve("x"),
                      1 << 20,
                      u -> Optional.empty()))
          .isInstanceOf(IOException.class)
          .hasMessageContaining("more than " + Download.MAX_REDIRECTS + " redirects");
      assertThat(server.requests("/loop")).hasSize(Download.MAX_REDIRECTS + 1);
    }
  }
}

package io.ward.capture.dissect.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.ward.capture.dissect.testing.DissectorDriver;
import io.ward.capture.dissect.testing.RecordingFlowContext;
import io.ward.model.ObservationFields;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class HttpDissectorTest {

  private final RecordingFlowContext ctx = RecordingFlowContext.between(50000, 80);
  private final DissectorDriver driver = new DissectorDriver(new HttpDissector(), ctx);

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.ISO_8859_1);
  }

  @Test
  void shouldReportHostUserAgentServerAndAuthSchemesButNeverCredentials() {
    driver.feed(
        true,
        1L,
        ascii(
            "GET /status HTTP/1.1\r\nHost: pump-12.icu.example\r\nUser-Agent: Alaris/8015\r\n"
                + "Authorization: Basic dXNlcjpwYXNz\r\n\r\n"));
    driver.feed(
        false,
        2L,
        ascii(
            "HTTP/1.1 401 Unauthorized\r\nServer: GoAhead-Webs\r\n"
                + "WWW-Authenticate: Digest realm=\"pump\", nonce=\"x\"\r\n"
                + "WWW-Authenticate: Basic realm=\"pump\"\r\nContent-Length: 0\r\n\r\n"));

    assertThat(ctx.about(ctx.client()))
        .extracting(o -> o.field() + "=" + o.value())
        .containsExactly("http.userAgent=Alaris/8015");
    assertThat(ctx.about(ctx.server()))
        .extracting(o -> o.field() + "=" + o.value())
        .containsExactly(
            "http.host=pump-12.icu.example",
            "http.authScheme=Basic",
            "http.server=GoAhead-Webs",
            "http.authScheme=Digest",
            "http.authScheme=Basic");
    assertThat(ctx.observations()).noneMatch(o -> o.value().contains("dXNl"));
  }

  @Test
  void shouldReadHeadSplitAcrossSegmentsAndSkipBodyByContentLength() {
    String body = "x".repeat(300);
    String first = "POST /a HTTP/1.1\r\nHost: a\r\nContent-Length: 300\r\n\r\n" + body;
    String second = "GET /b HTTP/1.1\r\nHost: b\r\nUser-Agent: second\r\n\r\n";
    byte[] all = ascii(first + second);

    for (int i = 0; i < all.length; i += 7) {
      driver.feedUnprobed(
          true, 1L, java.util.Arrays.copyOfRange(all, i, Math.min(all.length, i + 7)));
    }

    assertThat(ctx.values(ObservationFields.HTTP_HOST)).containsExactly("a", "b");
    assertThat(ctx.values(ObservationFields.HTTP_USER_AGENT)).containsExactly("second");
    assertThat(ctx.anomalies()).isEmpty();
  }

  @Test
  void shouldStopAfterChunkedResponseAndRequestLimit() {
    driver.feed(true, 1L, ascii("GET / HTTP/1.1\r\nHost: h\r\n\r\n"));

    boolean more =
        driver.feed(
            false,
            2L,
            ascii("HTTP/1.1 200 OK\r\nServer: s\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello"));
    for (int i = 0; i < 3; i++) {
      more = driver.feed(true, 3L, ascii("GET / HTTP/1.1\r\nHost: h\r\n\r\n"));
    }

    assertThat(more).isFalse();
  }

  @Test
  void shouldNotExpectBodyAfterHeadOr304() {
    driver.feed(true, 1L, ascii("HEAD / HTTP/1.1\r\nHost: h\r\n\r\n"));
    driver.feed(false, 2L, ascii("HTTP/1.1 200 OK\r\nContent-Length: 999\r\n\r\n"));
    driver.feed(false, 3L, ascii("HTTP/1.1 304 Not Modified\r\nServer: later\r\n\r\n"));

    assertThat(ctx.values(ObservationFields.HTTP_SERVER)).containsExactly("later");
  }

  @Test
  void shouldGiveUpOnHeadLongerThanLimit() {
    driver.feed(true, 1L, ascii("GET / HTTP/1.1\r\nX: " + "a".repeat(20_000)));

    assertThat(ctx.anomalies()).containsEntry("http.head_too_long", 1);
  }

  @Test
  void shouldCountMalformedStartLine() {
    driver.feed(true, 1L, ascii("GET / HTTP/1.1\r\nHost: a\r\n\r\n"));
    driver.feed(true, 2L, ascii("garbage line\r\n\r\n"));

    assertThat(ctx.anomalies()).containsEntry("http.bad_start_line", 1);
  }

  @Test
  void shouldProbeRequestAndStatusLinesOnly() {
    HttpDissector d = new HttpDissector();
    byte[] get = ascii("GET /index.html HTTP/1.1\r\n");
    byte[] status = ascii("HTTP/1.1 200 OK\r\n");
    byte[] tls = {22, 3, 1, 0, 5, 1, 0, 0, 1};
    byte[] ssdp = ascii("NOTIFY * HTTP/1.1\r\n");

    assertThat(d.probe(get, 0, get.length, true)).isTrue();
    assertThat(d.probe(status, 0, status.length, false)).isTrue();
    assertThat(d.probe(tls, 0, tls.length, true)).isFalse();
    assertThat(d.probe(ssdp, 0, ssdp.length, true)).isFalse();
  }

  @Test
  void shouldTakeOnlyTheSchemeToken() {
    assertThat(HttpHeadParser.authScheme(" NTLM TlRMTVNTUAABAAAA")).contains("NTLM");
    assertThat(HttpHeadParser.authScheme("Bearer eyJhbGciOi")).contains("Bearer");
    assertThat(HttpHeadParser.authScheme("=")).isEmpty();
    assertThat(HttpHeadParser.authScheme("digest username=\"x\"")).contains("digest");
  }

  @Test
  void shouldNeverReportABareKeyAsTheScheme() {
    // A device's API key sent as the whole value: its first token is the credential.
    assertThat(HttpHeadParser.authScheme("5f4dcc3b5aa765d61d8327deb882cf99")).contains("other");
    assertThat(HttpHeadParser.authScheme("dG9rZW4=")).contains("other");
    assertThat(HttpHeadParser.authScheme("Basicdm9yZ2U6cGFzcw==")).contains("other");
  }
}

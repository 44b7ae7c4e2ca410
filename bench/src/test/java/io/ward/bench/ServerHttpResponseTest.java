package io.ward.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ServerHttpResponseTest {

  private static InputStream stream(String s) {
    return new ByteArrayInputStream(s.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void shouldReadABodyByContentLengthAndLeaveTheNextResponse() throws IOException {
    InputStream in =
        stream(
            "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 11\r\n\r\n"
                + "{\"items\":[]"
                + "HTTP/1.1 404 Not Found\r\nContent-Length: 2\r\n\r\nno");
    ServerHttpResponse first = ServerHttpResponse.read(in);
    ServerHttpResponse second = ServerHttpResponse.read(in);
    assertThat(first).isEqualTo(new ServerHttpResponse(200, "{\"items\":[]", false));
    assertThat(second).isEqualTo(new ServerHttpResponse(404, "no", false));
  }

  @Test
  void shouldJoinChunksSkippingExtensionsAndTrailers() throws IOException {
    ServerHttpResponse r =
        ServerHttpResponse.read(
            stream(
                "HTTP/1.1 200 \r\nTransfer-Encoding: chunked\r\n\r\n"
                    + "5;name=value\r\nPLUMA\r\n6\r\n-0042 \r\n0\r\nX-Trailer: 1\r\n\r\n"));
    assertThat(r.body()).isEqualTo("PLUMA-0042 ");
    assertThat(r.close()).isFalse();
  }

  @Test
  void shouldDecodeUtf8AcrossChunks() throws IOException {
    byte[] head =
        "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
    byte[] ae = "Dräger".getBytes(StandardCharsets.UTF_8);
    // Split inside the two-byte ä.
    String chunks =
        "3\r\n"
            + new String(ae, 0, 3, StandardCharsets.ISO_8859_1)
            + "\r\n"
            + Integer.toHexString(ae.length - 3)
            + "\r\n"
            + new String(ae, 3, ae.length - 3, StandardCharsets.ISO_8859_1)
            + "\r\n0\r\n\r\n";
    byte[] tail = chunks.getBytes(StandardCharsets.ISO_8859_1);
    byte[] all = new byte[head.length + tail.length];
    System.arraycopy(head, 0, all, 0, head.length);
    System.arraycopy(tail, 0, all, head.length, tail.length);
    assertThat(ServerHttpResponse.read(new ByteArrayInputStream(all)).body()).isEqualTo("Dräger");
  }

  @Test
  void shouldNoteThatTheServerClosesTheConnection() throws IOException {
    assertThat(
            ServerHttpResponse.read(
                    stream("HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 0\r\n\r\n"))
                .close())
        .isTrue();
    ServerHttpResponse untilEnd =
        ServerHttpResponse.read(stream("HTTP/1.1 200 OK\r\n\r\nall of it"));
    assertThat(untilEnd.body()).isEqualTo("all of it");
    assertThat(untilEnd.close()).isTrue();
  }

  @Test
  void shouldRefuseATruncatedBodyOrAMissingStatusLine() {
    assertThatThrownBy(
            () ->
                ServerHttpResponse.read(
                    stream("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nshort")))
        .isInstanceOf(EOFException.class);
    assertThatThrownBy(() -> ServerHttpResponse.read(stream("SSH-2.0-OpenSSH\r\n\r\n")))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("status line");
  }
}

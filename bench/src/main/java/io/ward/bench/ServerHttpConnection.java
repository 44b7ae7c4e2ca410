package io.ward.bench;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/**
 * One load client's kept-alive HTTP/1.1 connection to the server, as wrk keeps one: a GET is
 * written in one go and its response read whole. A connection the server closes (Tomcat does after
 * 100 requests) is opened again for the next request. Not thread-safe: one per client thread.
 */
final class ServerHttpConnection implements AutoCloseable {

  private static final int TIMEOUT_MILLIS = 60_000;

  private final String host;
  private final int port;
  private final String authorization;
  private Socket socket;
  private InputStream in;
  private OutputStream out;

  /**
   * @param baseUrl e.g. {@code http://127.0.0.1:8080}
   * @param token the API token sent with every request
   */
  ServerHttpConnection(String baseUrl, String token) {
    URI uri = URI.create(baseUrl);
    if (!"http".equals(uri.getScheme())) {
      throw new IllegalArgumentException("plain HTTP only: " + baseUrl);
    }
    this.host = uri.getHost();
    this.port = uri.getPort();
    this.authorization = "Bearer " + token;
  }

  /** GETs {@code pathAndQuery} (already URL-encoded), asking for {@code accept}. */
  ServerHttpResponse get(String pathAndQuery, String accept) throws IOException {
    if (socket == null) {
      open();
    }
    String request =
        "GET "
            + pathAndQuery
            + " HTTP/1.1\r\nHost: "
            + host
            + ":"
            + port
            + "\r\nAuthorization: "
            + authorization
            + "\r\nAccept: "
            + accept
            + "\r\nUser-Agent: ward-bench\r\n\r\n";
    try {
      out.write(request.getBytes(StandardCharsets.US_ASCII));
      out.flush();
      ServerHttpResponse response = ServerHttpResponse.read(in);
      if (response.close()) {
        close();
      }
      return response;
    } catch (IOException e) {
      close();
      throw e;
    }
  }

  private void open() throws IOException {
    socket = new Socket();
    socket.setTcpNoDelay(true);
    socket.setSoTimeout(TIMEOUT_MILLIS);
    socket.connect(new InetSocketAddress(host, port), TIMEOUT_MILLIS);
    in = new BufferedInputStream(socket.getInputStream(), 64 * 1024);
    out = socket.getOutputStream();
  }

  @Override
  public void close() {
    if (socket != null) {
      try {
        socket.close();
      } catch (IOException e) {
        // closing a connection we no longer use
      }
      socket = null;
    }
  }
}

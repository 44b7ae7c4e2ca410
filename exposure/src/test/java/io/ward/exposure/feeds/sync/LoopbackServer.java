package io.ward.exposure.feeds.sync;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/** An HTTP server on 127.0.0.1 (port chosen by the system) that records every request it gets. */
final class LoopbackServer implements AutoCloseable {

  /**
   * One request as received.
   *
   * @param uri path and query
   * @param headers the request headers (first value each, names lower-case)
   */
  record Request(URI uri, Map<String, String> headers) {
    String header(String name) {
      return headers.get(name.toLowerCase(java.util.Locale.ROOT));
    }
  }

  /** Answers one request. */
  interface Handler {
    void handle(HttpExchange exchange) throws IOException;
  }

  private final HttpServer server;
  private final List<Request> requests = new CopyOnWriteArrayList<>();

  LoopbackServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.start();
  }

  /** Serves {@code path} (and below) with {@code handler}. */
  void on(String path, Handler handler) {
    server.createContext(
        path,
        exchange -> {
          Map<String, String> headers = new java.util.TreeMap<>();
          exchange
              .getRequestHeaders()
              .forEach((k, v) -> headers.put(k.toLowerCase(java.util.Locale.ROOT), v.get(0)));
          requests.add(new Request(exchange.getRequestURI(), headers));
          try {
            handler.handle(exchange);
          } finally {
            exchange.close();
          }
        });
  }

  /** The base URL, without a trailing slash. */
  String base() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  /** Every request so far, in arrival order. */
  List<Request> requests() {
    return List.copyOf(requests);
  }

  /** Requests whose path starts with {@code prefix}. */
  List<Request> requests(String prefix) {
    return requests.stream().filter(r -> r.uri().getPath().startsWith(prefix)).toList();
  }

  void clear() {
    requests.clear();
  }

  /** Sends a body with a status and headers. */
  static void send(HttpExchange exchange, int status, byte[] body, Map<String, String> headers)
      throws IOException {
    headers.forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
    if (status == 304 || body.length == 0) {
      exchange.sendResponseHeaders(status, -1);
      return;
    }
    exchange.sendResponseHeaders(status, body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}

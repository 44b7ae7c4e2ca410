package io.ward.bench;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Closed-loop load on loopback, as wrk makes it: {@code clients} threads, each with its own API
 * token and kept-alive connection, send one request after another with no pause for a fixed period
 * and record every response time by request kind. A request counts only when it answers 200 with
 * the body its kind should have. The CPU the server, its PostgreSQL backends and this client used
 * in the period is measured alongside.
 */
final class ServerLoadClient {

  private static final Pattern NEXT_CURSOR = Pattern.compile("\"nextCursor\":\"([^\"]+)\"");

  private final String baseUrl;
  private final List<String> tokens;
  private final Supplier<ServerCpu.Snapshot> cpu;

  /**
   * @param baseUrl the server, e.g. {@code http://127.0.0.1:8080}
   * @param tokens one API token per client
   * @param cpu takes a CPU snapshot of the server, its backends and this client
   */
  ServerLoadClient(String baseUrl, List<String> tokens, Supplier<ServerCpu.Snapshot> cpu) {
    if (tokens.isEmpty()) {
      throw new IllegalArgumentException("no API tokens");
    }
    this.baseUrl = baseUrl;
    this.tokens = List.copyOf(tokens);
    this.cpu = cpu;
  }

  /**
   * What one load period gave.
   *
   * @param latencies every response time
   * @param seconds from the first request to the last answer
   * @param cpu CPU used in the period
   */
  record Period(ServerLatencies latencies, double seconds, ServerCpu.Snapshot cpu) {

    /** Answered requests per second. */
    double requestsPerSecond() {
      return latencies.count() / seconds;
    }

    /** CPU milliseconds per answered request of the server JVM, PostgreSQL, the client. */
    double[] cpuMillisPerRequest() {
      double n = Math.max(1, latencies.count());
      return new double[] {
        1000 * cpu.server() / n, 1000 * cpu.postgres() / n, 1000 * cpu.client() / n
      };
    }
  }

  /**
   * One load period.
   *
   * @param requests what the clients ask
   * @param clients concurrent clients (at most one per token)
   * @param length how long clients start new requests
   * @param seed where the clients' random choices start
   */
  Period run(ServerRequests requests, int clients, Duration length, long seed)
      throws InterruptedException {
    if (clients > tokens.size()) {
      throw new IllegalArgumentException(clients + " clients but " + tokens.size() + " tokens");
    }
    ExecutorService pool = Executors.newFixedThreadPool(clients);
    ServerCpu.Snapshot before = cpu.get();
    long start = System.nanoTime();
    long deadline = start + length.toNanos();
    List<Future<ServerLatencies>> results = new ArrayList<>();
    for (int i = 0; i < clients; i++) {
      String token = tokens.get(i);
      SplittableRandom random = new SplittableRandom(seed * 1_000_003L + i);
      results.add(pool.submit(() -> client(requests, token, random, deadline)));
    }
    List<ServerLatencies> parts = new ArrayList<>();
    try {
      for (Future<ServerLatencies> f : results) {
        parts.add(f.get());
      }
    } catch (ExecutionException e) {
      throw new IllegalStateException("a load client failed: " + e.getCause(), e.getCause());
    } finally {
      pool.shutdownNow();
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    return new Period(ServerLatencies.merge(parts), seconds, cpu.get().minus(before));
  }

  private ServerLatencies client(
      ServerRequests requests, String token, SplittableRandom random, long deadline) {
    ServerLatencies latencies = new ServerLatencies();
    ServerRequests.Reading reading = new ServerRequests.Reading();
    try (ServerHttpConnection connection = new ServerHttpConnection(baseUrl, token)) {
      while (System.nanoTime() < deadline) {
        ServerRequests.Request r = requests.next(random, reading);
        long t0 = System.nanoTime();
        ServerHttpResponse response;
        try {
          response = connection.get(r.path(), accept(r));
        } catch (IOException e) {
          latencies.error(r.kind(), e + " for " + r.path());
          reading.answered(r, null);
          continue;
        }
        long elapsed = System.nanoTime() - t0;
        String problem = problem(r, response);
        if (problem != null) {
          latencies.error(r.kind(), problem + " for " + r.path());
          reading.answered(r, null);
          continue;
        }
        latencies.record(r.kind(), elapsed);
        Matcher m = NEXT_CURSOR.matcher(response.body());
        reading.answered(
            r, r.path().startsWith("/api/v1/devices?") && m.find() ? m.group(1) : null);
      }
    }
    return latencies;
  }

  private static String accept(ServerRequests.Request r) {
    return r.kind().equals(ServerRequests.CONSOLE) ? "text/html" : "application/json";
  }

  /** Why the answer is not what the request should get, or null when it is. */
  private static String problem(ServerRequests.Request r, ServerHttpResponse response) {
    if (response.status() != 200) {
      return "HTTP " + response.status();
    }
    String body = response.body();
    if (r.kind().equals(ServerRequests.CONSOLE)) {
      return body.contains("<html") ? null : "no HTML page";
    }
    if (r.kind().equals(ServerRequests.DETAIL)) {
      return body.startsWith("{") && body.contains("\"evidence\"") ? null : "no device detail";
    }
    if (r.kind().equals(ServerRequests.PEERS) || r.kind().equals(ServerRequests.FINDINGS)) {
      return body.startsWith("[") ? null : "no JSON list";
    }
    return body.startsWith("{\"items\":[") ? null : "no device listing";
  }
}

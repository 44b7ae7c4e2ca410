package io.ward.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Response times of one load period, per request kind: every latency is kept (a few hundred
 * thousand longs), so the percentiles are exact, not estimated from buckets. One instance per
 * client thread; {@link #merge} joins them afterwards.
 */
final class ServerLatencies {

  private static final double NANOS_PER_MILLI = 1e6;

  private final Map<String, long[]> nanos = new LinkedHashMap<>();
  private final Map<String, Integer> sizes = new LinkedHashMap<>();
  private final Map<String, Integer> errors = new LinkedHashMap<>();
  private final List<String> errorSamples = new ArrayList<>();

  /** Records one answered request of {@code kind} that took {@code latencyNanos}. */
  void record(String kind, long latencyNanos) {
    long[] a = nanos.computeIfAbsent(kind, k -> new long[1024]);
    int n = sizes.getOrDefault(kind, 0);
    if (n == a.length) {
      a = Arrays.copyOf(a, n * 2);
      nanos.put(kind, a);
    }
    a[n] = latencyNanos;
    sizes.put(kind, n + 1);
  }

  /** Records a failed request (bad status, broken connection); keeps the first few messages. */
  void error(String kind, String what) {
    errors.merge(kind, 1, Integer::sum);
    if (errorSamples.size() < 10) {
      errorSamples.add(kind + ": " + what);
    }
  }

  /** All latencies of every instance, joined. */
  static ServerLatencies merge(List<ServerLatencies> parts) {
    ServerLatencies all = new ServerLatencies();
    for (ServerLatencies p : parts) {
      p.nanos.forEach(
          (kind, a) -> {
            for (int i = 0; i < p.sizes.get(kind); i++) {
              all.record(kind, a[i]);
            }
          });
      p.errors.forEach((kind, n) -> all.errors.merge(kind, n, Integer::sum));
      for (String s : p.errorSamples) {
        if (all.errorSamples.size() < 10) {
          all.errorSamples.add(s);
        }
      }
    }
    return all;
  }

  /** The kinds seen, in the order they were first recorded. */
  List<String> kinds() {
    List<String> kinds = new ArrayList<>(nanos.keySet());
    errors.keySet().stream().filter(k -> !kinds.contains(k)).forEach(kinds::add);
    return kinds;
  }

  /** Answered requests of every kind. */
  long count() {
    return sizes.values().stream().mapToLong(Integer::longValue).sum();
  }

  /** Failed requests of every kind. */
  long errorCount() {
    return errors.values().stream().mapToLong(Integer::longValue).sum();
  }

  /** The first few failures, for the report. */
  List<String> errorSamples() {
    return List.copyOf(errorSamples);
  }

  /** The summary of the kinds {@code which} accepts, under the name {@code label}. */
  Summary summary(String label, Predicate<String> which) {
    int total = 0;
    int failed = 0;
    for (String k : kinds()) {
      if (which.test(k)) {
        total += sizes.getOrDefault(k, 0);
        failed += errors.getOrDefault(k, 0);
      }
    }
    long[] all = new long[total];
    int at = 0;
    for (Map.Entry<String, long[]> e : nanos.entrySet()) {
      if (which.test(e.getKey())) {
        int n = sizes.get(e.getKey());
        System.arraycopy(e.getValue(), 0, all, at, n);
        at += n;
      }
    }
    Arrays.sort(all);
    if (all.length == 0) {
      return new Summary(label, 0, failed, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
    }
    return new Summary(
        label,
        all.length,
        failed,
        percentile(all, 50) / NANOS_PER_MILLI,
        percentile(all, 95) / NANOS_PER_MILLI,
        percentile(all, 99) / NANOS_PER_MILLI,
        all[all.length - 1] / NANOS_PER_MILLI);
  }

  /**
   * The nearest-rank percentile of sorted values: the smallest value that at least {@code p}
   * percent of the values are less than or equal to.
   *
   * @param sorted values in ascending order, at least one
   * @param p the percentile, in (0, 100]
   */
  static long percentile(long[] sorted, double p) {
    if (sorted.length == 0) {
      throw new IllegalArgumentException("percentile of no values");
    }
    if (!(p > 0 && p <= 100)) {
      throw new IllegalArgumentException("percentile must lie in (0, 100]: " + p);
    }
    int rank = (int) Math.ceil(p / 100.0 * sorted.length);
    return sorted[Math.max(1, rank) - 1];
  }

  /**
   * Response times of some requests, in milliseconds.
   *
   * @param label what was asked
   * @param count answered requests
   * @param errors failed requests
   * @param p50 median
   * @param p95 95th percentile
   * @param p99 99th percentile
   * @param max slowest
   */
  record Summary(
      String label, long count, long errors, double p50, double p95, double p99, double max) {}
}

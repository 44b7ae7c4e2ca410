package io.ward.capture;

import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/** Anomaly counts of one thread: decoder kinds by ordinal, dissector kinds by name. */
final class Counters {
  private final long[] byAnomaly = new long[Anomaly.VALUES.length];
  private final Map<String, long[]> byName = new HashMap<>();

  void add(Anomaly anomaly) {
    byAnomaly[anomaly.ordinal()]++;
  }

  /** Counts a dissector's kind; bounded so a hostile stream cannot grow the map without end. */
  void add(String kind) {
    long[] c = byName.get(kind);
    if (c == null) {
      if (byName.size() >= 4096) {
        kind = "anomaly.other";
        c = byName.get(kind);
      }
      if (c == null) {
        c = new long[1];
        byName.put(kind, c);
      }
    }
    c[0]++;
  }

  long get(Anomaly anomaly) {
    return byAnomaly[anomaly.ordinal()];
  }

  /** Adds this thread's counts into {@code into}. */
  void addTo(Map<String, Long> into) {
    for (Anomaly a : Anomaly.VALUES) {
      long n = byAnomaly[a.ordinal()];
      if (n > 0) {
        into.merge(a.key, n, Long::sum);
      }
    }
    byName.forEach((k, v) -> into.merge(k, v[0], Long::sum));
  }

  /** A sorted copy of the counts. */
  Map<String, Long> toMap() {
    Map<String, Long> m = new TreeMap<>();
    addTo(m);
    return m;
  }
}

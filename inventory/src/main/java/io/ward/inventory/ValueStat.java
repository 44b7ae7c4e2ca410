package io.ward.inventory;

import java.util.TreeSet;

/**
 * How often and when one value was seen. Every update is commutative (sum, min, max, the smallest k
 * times), so the result does not depend on the order of input.
 */
final class ValueStat {
  /** Sample of capture times kept per value where pairing needs it (HL7 application/facility). */
  static final int MAX_TIMES = 16;

  long count;
  long first = Long.MAX_VALUE;
  long last = Long.MIN_VALUE;
  private TreeSet<Long> times;

  void add(long epochNanos, boolean keepTime) {
    count++;
    first = Math.min(first, epochNanos);
    last = Math.max(last, epochNanos);
    if (keepTime) {
      if (times == null) {
        times = new TreeSet<>();
      }
      times.add(epochNanos);
      if (times.size() > MAX_TIMES) {
        times.pollLast();
      }
    }
  }

  void merge(ValueStat o) {
    count += o.count;
    first = Math.min(first, o.first);
    last = Math.max(last, o.last);
    if (o.times != null) {
      for (Long t : o.times) {
        if (times == null) {
          times = new TreeSet<>();
        }
        times.add(t);
        if (times.size() > MAX_TIMES) {
          times.pollLast();
        }
      }
    }
  }

  /** True when both values were seen at one same capture time (the same message). */
  boolean sharesTimeWith(ValueStat o) {
    if (times == null || o.times == null) {
      return false;
    }
    for (Long t : times) {
      if (o.times.contains(t)) {
        return true;
      }
    }
    return false;
  }

  ValueStat copy() {
    ValueStat c = new ValueStat();
    c.merge(this);
    return c;
  }
}

package io.ward.inventory;

import java.util.Arrays;

/**
 * How often and when one value was seen. Every update is commutative (sum, min, max, the smallest k
 * times), so the result does not depend on the order of input.
 */
final class ValueStat {
  /** Sample of capture times kept per value where pairing needs it (HL7 application/facility). */
  static final int MAX_TIMES = 16;

  long count;

  /**
   * Set when the value was dropped from its field's bounded map: {@link RecentFacts} must then stop
   * counting into it.
   */
  boolean dropped;

  long first = Long.MAX_VALUE;
  long last = Long.MIN_VALUE;

  /**
   * The smallest distinct times, ascending, in {@code times[0..timeCount)}; null until the first
   * timed value. A sorted array rather than a TreeSet: it is updated for every timed observation.
   */
  private long[] times;

  private int timeCount;

  void add(long epochNanos, boolean keepTime) {
    count++;
    first = Math.min(first, epochNanos);
    last = Math.max(last, epochNanos);
    if (keepTime) {
      addTime(epochNanos);
    }
  }

  private void addTime(long t) {
    if (times == null) {
      times = new long[MAX_TIMES];
    }
    if (timeCount == MAX_TIMES && t >= times[MAX_TIMES - 1]) {
      return; // later than every kept time (the usual case: input comes in capture order)
    }
    int at = Arrays.binarySearch(times, 0, timeCount, t);
    if (at >= 0) {
      return;
    }
    int insert = -at - 1;
    int moved = Math.min(timeCount, MAX_TIMES - 1) - insert;
    System.arraycopy(times, insert, times, insert + 1, moved);
    times[insert] = t;
    timeCount = Math.min(timeCount + 1, MAX_TIMES);
  }

  void merge(ValueStat o) {
    count += o.count;
    first = Math.min(first, o.first);
    last = Math.max(last, o.last);
    for (int i = 0; i < o.timeCount; i++) {
      addTime(o.times[i]);
    }
  }

  /** True when both values were seen at one same capture time (the same message). */
  boolean sharesTimeWith(ValueStat o) {
    if (o.timeCount == 0) {
      return false;
    }
    for (int i = 0; i < timeCount; i++) {
      if (Arrays.binarySearch(o.times, 0, o.timeCount, times[i]) >= 0) {
        return true;
      }
    }
    return false;
  }

  /** The kept times, ascending (for tests). */
  long[] times() {
    return times == null ? new long[0] : Arrays.copyOf(times, timeCount);
  }

  ValueStat copy() {
    ValueStat c = new ValueStat();
    c.merge(this);
    return c;
  }
}

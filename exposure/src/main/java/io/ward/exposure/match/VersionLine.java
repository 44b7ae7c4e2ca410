package io.ward.exposure.match;

import io.ward.exposure.version.Version;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Every version that bounds an advisory range, in Ward's version order, each with a numeric key
 * that keeps that order: interval ends become longs once, and a subject's version is placed among
 * them by one binary search, so a range test is two long comparisons. Keys leave gaps, so a version
 * added later (a new advisory) slots in without renumbering the others; when a gap runs out, every
 * key is renumbered and the caller recomputes its codes ({@link #epoch()} changes).
 *
 * <p>Codes: a bound with key {@code k} is {@code 2k+1}; a version strictly between the bounds with
 * keys {@code a < b} is {@code 2a+2} (which is at most {@code 2b}). An interval {@code [lo, hi]}
 * holds a version exactly when its code lies between the interval's codes: lower inclusive {@code
 * 2k+1}, exclusive {@code 2k+2}; upper inclusive {@code 2k+1}, exclusive {@code 2k}.
 */
final class VersionLine {

  /** Code of an absent lower bound. */
  static final long UNBOUNDED_LOW = Long.MIN_VALUE;

  /** Code of an absent upper bound. */
  static final long UNBOUNDED_HIGH = Long.MAX_VALUE;

  private static final long GAP = 1L << 24;
  private static final int OVERFLOW_LIMIT = 2048;

  private final Map<Version, Integer> ids = new HashMap<>();
  private final List<Version> bounds = new ArrayList<>();
  private long[] keyOf = new long[1024];

  /** The bounds in order, with their keys; recent additions wait in the overflow. */
  private Version[] sorted = new Version[0];

  private long[] sortedKeys = new long[0];
  private Version[] overflow = new Version[16];
  private long[] overflowKeys = new long[16];
  private int overflowSize;
  private int epoch;
  private int changes;
  private boolean ordered = true;

  /** The id of a bound version, adding it (unordered until {@link #order()}) when new. */
  int intern(Version v) {
    Integer id = ids.get(v);
    if (id != null) {
      return id;
    }
    int n = bounds.size();
    ids.put(v, n);
    bounds.add(v);
    changes++;
    if (n == keyOf.length) {
      keyOf = Arrays.copyOf(keyOf, n * 2);
    }
    ordered = false;
    return n;
  }

  /** Gives every bound added since the last call its key (bulk: sorts and renumbers all). */
  void order() {
    if (ordered) {
      return;
    }
    Version[] all = bounds.toArray(new Version[0]);
    Arrays.sort(all);
    sorted = all;
    sortedKeys = new long[all.length];
    for (int i = 0; i < all.length; i++) {
      sortedKeys[i] = (i + 1L) * GAP;
      keyOf[ids.get(all[i])] = sortedKeys[i];
    }
    overflowSize = 0;
    ordered = true;
    epoch++;
  }

  /**
   * The id of a bound version, keyed at once (the incremental path): slots a new version between
   * its neighbours, renumbering everything only when no gap is left.
   */
  int internOrdered(Version v) {
    order();
    Integer known = ids.get(v);
    if (known != null) {
      return known;
    }
    long below = predecessorKey(v);
    long above = successorKey(v);
    int id = intern(v);
    if (above - below < 2) {
      order();
      return id;
    }
    long key = below + (above - below) / 2;
    keyOf[id] = key;
    int at = insertionPoint(overflow, overflowSize, v);
    if (overflowSize == overflow.length) {
      overflow = Arrays.copyOf(overflow, overflowSize * 2);
      overflowKeys = Arrays.copyOf(overflowKeys, overflowSize * 2);
    }
    System.arraycopy(overflow, at, overflow, at + 1, overflowSize - at);
    System.arraycopy(overflowKeys, at, overflowKeys, at + 1, overflowSize - at);
    overflow[at] = v;
    overflowKeys[at] = key;
    overflowSize++;
    ordered = true;
    if (overflowSize > OVERFLOW_LIMIT) {
      mergeOverflow();
    }
    return id;
  }

  /** The key of a bound id. */
  long key(int id) {
    return keyOf[id];
  }

  /** Changes whenever keys were renumbered: interval codes computed before are then stale. */
  int epoch() {
    return epoch;
  }

  /**
   * Changes whenever a bound is added: the code of a version (not of a bound) may change then, when
   * the new bound equals it or falls between it and its old neighbour.
   */
  int changes() {
    return changes;
  }

  int size() {
    return bounds.size();
  }

  /** The code of a lower bound. */
  long lowerCode(int id, boolean inclusive) {
    return id < 0 ? UNBOUNDED_LOW : 2 * keyOf[id] + (inclusive ? 1 : 2);
  }

  /** The code of an upper bound. */
  long upperCode(int id, boolean inclusive) {
    return id < 0 ? UNBOUNDED_HIGH : 2 * keyOf[id] + (inclusive ? 1 : 0);
  }

  /** The code of any version (see the class comment). */
  long code(Version v) {
    // Subject versions are often releases that bound some range: one hash lookup, no search.
    Integer id = ids.get(v);
    if (id != null && ordered) {
      return 2 * keyOf[id] + 1;
    }
    int i = Arrays.binarySearch(sorted, v);
    if (i >= 0) {
      return 2 * sortedKeys[i] + 1;
    }
    int j = Arrays.binarySearch(overflow, 0, overflowSize, v);
    if (j >= 0) {
      return 2 * overflowKeys[j] + 1;
    }
    long below = Math.max(keyBefore(sortedKeys, -i - 1), keyBefore(overflowKeys, -j - 1));
    return 2 * below + 2;
  }

  /** The key of the greatest bound below {@code v} (not a bound itself), 0 when none. */
  private long predecessorKey(Version v) {
    int i = -Arrays.binarySearch(sorted, v) - 1;
    int j = -Arrays.binarySearch(overflow, 0, overflowSize, v) - 1;
    return Math.max(keyBefore(sortedKeys, i), keyBefore(overflowKeys, j));
  }

  private long successorKey(Version v) {
    int i = -Arrays.binarySearch(sorted, v) - 1;
    int j = -Arrays.binarySearch(overflow, 0, overflowSize, v) - 1;
    long a = i < sorted.length ? sortedKeys[i] : Long.MAX_VALUE;
    long b = j < overflowSize ? overflowKeys[j] : Long.MAX_VALUE;
    long next = Math.min(a, b);
    if (next == Long.MAX_VALUE) {
      long last =
          Math.max(keyBefore(sortedKeys, sorted.length), keyBefore(overflowKeys, overflowSize));
      return last + 2 * GAP;
    }
    return next;
  }

  /** The key of the element before insertion point {@code at}, 0 when there is none. */
  private static long keyBefore(long[] keys, int at) {
    return at == 0 ? 0 : keys[at - 1];
  }

  private static int insertionPoint(Version[] a, int size, Version v) {
    int i = Arrays.binarySearch(a, 0, size, v);
    return i >= 0 ? i : -i - 1;
  }

  private void mergeOverflow() {
    Version[] merged = new Version[sorted.length + overflowSize];
    long[] mergedKeys = new long[merged.length];
    int i = 0;
    int j = 0;
    int k = 0;
    while (i < sorted.length || j < overflowSize) {
      boolean takeSorted =
          j == overflowSize || (i < sorted.length && sortedKeys[i] < overflowKeys[j]);
      if (takeSorted) {
        merged[k] = sorted[i];
        mergedKeys[k++] = sortedKeys[i++];
      } else {
        merged[k] = overflow[j];
        mergedKeys[k++] = overflowKeys[j++];
      }
    }
    sorted = merged;
    sortedKeys = mergedKeys;
    overflowSize = 0;
  }
}

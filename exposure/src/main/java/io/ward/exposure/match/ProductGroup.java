package io.ward.exposure.match;

import java.util.Arrays;

/**
 * Every version statement filed under one {@link ProductIdentity}: the entries in the order they
 * were added, each with its kind and its intervals as codes on the {@link VersionLine}. A subject
 * whose identity matches the group's is tested against all of them in one tight loop; a large group
 * is also indexed ({@link #reindex}): one-version intervals sorted by code, ranges sorted by their
 * upper code, so a known version reads only the statements that can hold it.
 */
final class ProductGroup {

  /** The statement is a set of intervals (possibly none). */
  static final byte RANGE = 0;

  /** The statement covers every version. */
  static final byte ALL = 1;

  /** There is no statement. */
  static final byte NO_STATEMENT = 2;

  /** The statement could not be read. */
  static final byte UNREADABLE = 3;

  /** Flag: matched by purl, the purl's own version is the statement (see {@link MatchIndex}). */
  static final byte PURL_VERSION = 4;

  final int id;
  final ProductIdentity identity;

  /** The identity's words, for {@link PairEvaluator#identify} over every candidate. */
  final String[] tokens;

  final long[] keys;

  private int size;
  private int[] entries = new int[2];
  private byte[] kinds = new byte[2];

  /**
   * For entries of single-vulnerability advisories (NVD's shape): the finding key and product
   * status kept beside the entry, so the scan reads them in order; -1 for the others.
   */
  private int[] soleKey = new int[2];

  private byte[] soleStatus = new byte[2];

  /** Interval ends of entry {@code j}: {@code ivEnd[j-1]} (or 0) to {@code ivEnd[j]}. */
  private int[] ivEnd = new int[2];

  private int intervals;
  private long[] lo = new long[2];
  private long[] hi = new long[2];
  private int[] owner = new int[2];
  private int[] loBound = new int[2];
  private int[] hiBound = new int[2];
  private byte[] inclusive = new byte[2];

  ProductGroup(int id, ProductIdentity identity, long[] keys) {
    this.id = id;
    this.identity = identity;
    this.tokens = PairEvaluator.tokenArray(identity.tokens());
    this.keys = keys;
  }

  /**
   * Adds an entry of the given kind; its intervals follow with {@link #addInterval}. {@code
   * soleKey} is the finding key when the advisory has one vulnerability (else -1), {@code
   * soleStatus} its product status code then.
   */
  void addEntry(int entry, byte kind, int soleKey, byte soleStatus) {
    if (size == entries.length) {
      int n = size * 2;
      entries = Arrays.copyOf(entries, n);
      kinds = Arrays.copyOf(kinds, n);
      ivEnd = Arrays.copyOf(ivEnd, n);
      this.soleKey = Arrays.copyOf(this.soleKey, n);
      this.soleStatus = Arrays.copyOf(this.soleStatus, n);
    }
    entries[size] = entry;
    kinds[size] = kind;
    this.soleKey[size] = soleKey;
    this.soleStatus[size] = soleStatus;
    ivEnd[size] = intervals;
    size++;
  }

  /** Adds an interval to the last entry: bound ids on the line, -1 for unbounded. */
  void addInterval(int lower, boolean lowerInclusive, int upper, boolean upperInclusive) {
    if (intervals == lo.length) {
      int n = intervals * 2;
      lo = Arrays.copyOf(lo, n);
      hi = Arrays.copyOf(hi, n);
      owner = Arrays.copyOf(owner, n);
      loBound = Arrays.copyOf(loBound, n);
      hiBound = Arrays.copyOf(hiBound, n);
      inclusive = Arrays.copyOf(inclusive, n);
    }
    owner[intervals] = size - 1;
    loBound[intervals] = lower;
    hiBound[intervals] = upper;
    inclusive[intervals] = (byte) ((lowerInclusive ? 1 : 0) | (upperInclusive ? 2 : 0));
    intervals++;
    ivEnd[size - 1] = intervals;
  }

  /** Computes the codes of the intervals from {@code from} on (all after a renumbering). */
  void code(VersionLine line, int from) {
    for (int i = from; i < intervals; i++) {
      lo[i] = line.lowerCode(loBound[i], (inclusive[i] & 1) != 0);
      hi[i] = line.upperCode(hiBound[i], (inclusive[i] & 2) != 0);
    }
  }

  int intervalCount() {
    return intervals;
  }

  int size() {
    return size;
  }

  int entry(int j) {
    return entries[j];
  }

  byte kind(int j) {
    return kinds[j];
  }

  /** The finding key of entry {@code j} when its advisory has one vulnerability, else -1. */
  int soleKey(int j) {
    return soleKey[j];
  }

  /** The product status code (ordinal + 1, 0 for none) of that one vulnerability. */
  byte soleStatus(int j) {
    return soleStatus[j];
  }

  /** The first position whose entry id is at least {@code entry} (entries ascend). */
  int firstAtLeast(int entry) {
    int i = Arrays.binarySearch(entries, 0, size, entry);
    return i >= 0 ? i : -i - 1;
  }

  // ---- the index of a large group -------------------------------------------------------------

  /** Groups smaller than this are only scanned. */
  static final int INDEX_FROM = 24;

  private static final int[] NO_INTS = new int[0];
  private static final long[] NO_LONGS = new long[0];

  /** Positions below this are in the sorted structures; later ones are scanned. */
  private int indexed;

  private int[] always = NO_INTS;
  private long[] pointCode = NO_LONGS;
  private int[] pointPos = NO_INTS;
  private long[] rangeHi = NO_LONGS;
  private long[] rangeLo = NO_LONGS;
  private int[] rangePos = NO_INTS;

  /**
   * Rebuilds the sorted structures over every entry (after the build, after a renumbering, or when
   * the entries added since outgrow a quarter of the group).
   */
  void reindex() {
    if (size < INDEX_FROM) {
      indexed = 0;
      return;
    }
    int nAlways = 0;
    int nPoints = 0;
    int nRanges = 0;
    for (int j = 0; j < size; j++) {
      if ((kinds[j] & 3) != RANGE || (kinds[j] & PURL_VERSION) != 0) {
        nAlways++;
      }
    }
    for (int i = 0; i < intervals; i++) {
      if (lo[i] == hi[i]) {
        nPoints++;
      } else {
        nRanges++;
      }
    }
    always = new int[nAlways];
    pointCode = new long[nPoints];
    pointPos = new int[nPoints];
    rangeHi = new long[nRanges];
    rangeLo = new long[nRanges];
    rangePos = new int[nRanges];
    int a = 0;
    for (int j = 0; j < size; j++) {
      if ((kinds[j] & 3) != RANGE || (kinds[j] & PURL_VERSION) != 0) {
        always[a++] = j;
      }
    }
    int p = 0;
    int r = 0;
    for (int i = 0; i < intervals; i++) {
      if (lo[i] == hi[i]) {
        pointCode[p] = lo[i];
        pointPos[p++] = owner[i];
      } else {
        rangeHi[r] = hi[i];
        rangeLo[r] = lo[i];
        rangePos[r++] = owner[i];
      }
    }
    sort(pointCode, null, pointPos, 0, nPoints - 1);
    sort(rangeHi, rangeLo, rangePos, 0, nRanges - 1);
    indexed = size;
  }

  /** Reindexes when the entries added since the last index outgrow a quarter of the group. */
  void reindexIfGrown() {
    if (size >= INDEX_FROM && size - indexed > Math.max(INDEX_FROM, size / 4)) {
      reindex();
    }
  }

  /** Positions below this are indexed (0 when the group is only scanned). */
  int indexed() {
    return indexed;
  }

  int alwaysCount() {
    return always.length;
  }

  /** The position of the k-th entry whose statement is not a range (all, none, unreadable). */
  int always(int k) {
    return always[k];
  }

  /** The first index among the sorted one-version intervals with this code. */
  int firstPoint(long code) {
    int lo0 = 0;
    int hi0 = pointCode.length;
    while (lo0 < hi0) {
      int mid = (lo0 + hi0) >>> 1;
      if (pointCode[mid] < code) {
        lo0 = mid + 1;
      } else {
        hi0 = mid;
      }
    }
    return lo0;
  }

  int pointCount() {
    return pointCode.length;
  }

  long pointCode(int i) {
    return pointCode[i];
  }

  int pointPos(int i) {
    return pointPos[i];
  }

  /** The first index among the ranges sorted by upper code whose upper code is at least this. */
  int firstRangeReaching(long code) {
    int lo0 = 0;
    int hi0 = rangeHi.length;
    while (lo0 < hi0) {
      int mid = (lo0 + hi0) >>> 1;
      if (rangeHi[mid] < code) {
        lo0 = mid + 1;
      } else {
        hi0 = mid;
      }
    }
    return lo0;
  }

  int rangeCount() {
    return rangeHi.length;
  }

  long rangeLo(int i) {
    return rangeLo[i];
  }

  int rangePos(int i) {
    return rangePos[i];
  }

  /**
   * Sorts {@code [from, to]} by {@code key}, carrying {@code other} (may be null) and {@code pos}.
   */
  private static void sort(long[] key, long[] other, int[] pos, int from, int to) {
    while (from < to) {
      if (to - from < 16) {
        for (int i = from + 1; i <= to; i++) {
          for (int j = i; j > from && key[j - 1] > key[j]; j--) {
            swap(key, other, pos, j, j - 1);
          }
        }
        return;
      }
      long pivot = key[(from + to) >>> 1];
      int i = from;
      int j = to;
      while (i <= j) {
        while (key[i] < pivot) {
          i++;
        }
        while (key[j] > pivot) {
          j--;
        }
        if (i <= j) {
          swap(key, other, pos, i++, j--);
        }
      }
      // Recurse into the smaller part, loop on the larger: the stack stays logarithmic.
      if (j - from < to - i) {
        sort(key, other, pos, from, j);
        from = i;
      } else {
        sort(key, other, pos, i, to);
        to = j;
      }
    }
  }

  private static void swap(long[] key, long[] other, int[] pos, int a, int b) {
    long k = key[a];
    key[a] = key[b];
    key[b] = k;
    if (other != null) {
      long o = other[a];
      other[a] = other[b];
      other[b] = o;
    }
    int t = pos[a];
    pos[a] = pos[b];
    pos[b] = t;
  }

  /** True when a version with this code lies in one of entry {@code j}'s intervals. */
  boolean contains(int j, long code) {
    int end = ivEnd[j];
    for (int i = j == 0 ? 0 : ivEnd[j - 1]; i < end; i++) {
      if (lo[i] <= code && code <= hi[i]) {
        return true;
      }
    }
    return false;
  }
}

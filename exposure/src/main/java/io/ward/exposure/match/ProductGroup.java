package io.ward.exposure.match;

import java.util.Arrays;

/**
 * Every version statement filed under one {@link ProductIdentity}: the entries in the order they
 * were added, each with its kind and its intervals as codes on the {@link VersionLine}. A subject
 * whose identity matches the group's is tested against all of them in one tight loop.
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
  private int[] loBound = new int[2];
  private int[] hiBound = new int[2];
  private byte[] inclusive = new byte[2];

  ProductGroup(int id, ProductIdentity identity, long[] keys) {
    this.id = id;
    this.identity = identity;
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
      loBound = Arrays.copyOf(loBound, n);
      hiBound = Arrays.copyOf(hiBound, n);
      inclusive = Arrays.copyOf(inclusive, n);
    }
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

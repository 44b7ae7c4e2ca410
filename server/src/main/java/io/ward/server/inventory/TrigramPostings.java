package io.ward.server.inventory;

import java.util.Arrays;

/**
 * For each trigram of the texts, the positions of the texts that hold it, ascending: the candidates
 * for a substring of three characters or more, to be confirmed by the substring test itself.
 *
 * <p>Why not a plain scan: testing 100,000 device texts for a word that few hold read 15 MB of text
 * and took about 9 ms, more than the database's trigram index. Trigrams are hashed into {@value
 * #MAX_BUCKETS} buckets at most, so a bucket may also list texts of another trigram: a candidate,
 * never a match by itself, which is why every candidate is tested. Each bucket's positions are
 * stored as gaps in variable-length bytes (about 1.5 bytes a position instead of 4).
 */
final class TrigramPostings {
  static final int MAX_BUCKETS = 1 << 20;

  /**
   * Buckets: about eight per text (a text holds some 120 trigrams, most shared), at most a million.
   */
  private final int bits;

  /** Where each bucket's bytes start in {@link #bytes}; the last entry is the end. */
  private final int[] starts;

  private final int[] counts;
  private final byte[] bytes;

  TrigramPostings(String[] texts, int size) {
    bits = Math.max(10, Math.min(20, 64 - Long.numberOfLeadingZeros(8L * size)));
    int buckets = 1 << bits;
    counts = new int[buckets];
    int[] lengths = new int[buckets];
    int[] last = new int[buckets];
    Arrays.fill(last, -1);
    int[] of = new int[64];
    for (int p = 0; p < size; p++) {
      of = bucketsOf(texts[p], of);
      for (int k = 1; k <= of[0]; k++) {
        int b = of[k];
        counts[b]++;
        lengths[b] += varintLength(p - last[b]);
        last[b] = p;
      }
    }
    starts = new int[buckets + 1];
    long total = 0;
    for (int b = 0; b < buckets; b++) {
      starts[b] = (int) total;
      total += lengths[b];
    }
    if (total > Integer.MAX_VALUE - 8) {
      throw new IllegalStateException("too many trigrams to index: " + total + " bytes");
    }
    starts[buckets] = (int) total;
    bytes = new byte[(int) total];
    int[] write = lengths; // reused: the write position of each bucket
    System.arraycopy(starts, 0, write, 0, buckets);
    Arrays.fill(last, -1);
    for (int p = 0; p < size; p++) {
      of = bucketsOf(texts[p], of);
      for (int k = 1; k <= of[0]; k++) {
        int b = of[k];
        write[b] = putVarint(bytes, write[b], p - last[b]);
        last[b] = p;
      }
    }
  }

  /** The bucket of the trigram at {@code i} of {@code s}. */
  int bucketOf(String s, int i) {
    return bucket(s.charAt(i), s.charAt(i + 1), s.charAt(i + 2));
  }

  /** How many texts {@code bucket} lists. */
  int count(int bucket) {
    return counts[bucket];
  }

  /** The positions {@code bucket} lists, ascending. */
  Cursor positions(int bucket) {
    return new Cursor(starts[bucket], starts[bucket + 1]);
  }

  /** Reads a bucket's positions in ascending order. */
  final class Cursor {
    private int at;
    private final int end;
    private int position = -1;

    private Cursor(int at, int end) {
      this.at = at;
      this.end = end;
    }

    /** The next position, or -1 after the last. */
    int next() {
      if (at >= end) {
        return -1;
      }
      int gap = 0;
      int shift = 0;
      byte b;
      do {
        b = bytes[at++];
        gap |= (b & 0x7f) << shift;
        shift += 7;
      } while (b < 0);
      position += gap;
      return position;
    }
  }

  /**
   * The distinct buckets of {@code text}'s trigrams, count first ({@code out[0]}), then the
   * buckets; {@code out} when it is long enough.
   */
  private int[] bucketsOf(String text, int[] out) {
    int n = Math.max(0, text.length() - 2);
    if (out.length < n + 1) {
      out = new int[n + 1];
    }
    for (int i = 0; i < n; i++) {
      out[i + 1] = bucket(text.charAt(i), text.charAt(i + 1), text.charAt(i + 2));
    }
    Arrays.sort(out, 1, n + 1);
    int distinct = 0;
    for (int i = 1; i <= n; i++) {
      if (distinct == 0 || out[distinct] != out[i]) {
        out[++distinct] = out[i];
      }
    }
    out[0] = distinct;
    return out;
  }

  private int bucket(char a, char b, char c) {
    long h = ((long) a << 32) | ((long) b << 16) | c;
    h *= 0x9E3779B97F4A7C15L;
    return (int) (h >>> (64 - bits));
  }

  private static int varintLength(int v) {
    int n = 1;
    while ((v >>>= 7) != 0) {
      n++;
    }
    return n;
  }

  private static int putVarint(byte[] out, int at, int v) {
    while ((v & ~0x7f) != 0) {
      out[at++] = (byte) ((v & 0x7f) | 0x80);
      v >>>= 7;
    }
    out[at++] = (byte) v;
    return at;
  }
}

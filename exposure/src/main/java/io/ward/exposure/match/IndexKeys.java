package io.ward.exposure.match;

import java.util.Arrays;

/**
 * The keys products are filed under and subjects look up, as longs: a kind, a vendor symbol and a
 * word symbol. A product is filed under its purl and CPE keys, and under (its vendor, each word)
 * and (any vendor, each word), likewise for model-range prefixes. A subject with a known vendor
 * looks up (its vendor, word) and (no vendor, word); one without looks up (any vendor, word). Every
 * pair {@link PairEvaluator#identify} accepts shares a key: purl or CPE equal, or the same vendor
 * (or one side without) and a shared word or a word in a model range.
 */
final class IndexKeys {

  private static final long PURL = 1;
  private static final long CPE = 2;
  private static final long NAME = 3;
  private static final long RANGE = 4;

  private IndexKeys() {}

  /** The keys a product identity is filed under. */
  static long[] of(ProductIdentity p, Symbols symbols) {
    LongSet keys = new LongSet();
    for (String k : p.purlKeys()) {
      keys.add(key(PURL, 0, symbols.intern(k)));
    }
    for (String k : p.cpeKeys()) {
      keys.add(key(CPE, 0, symbols.intern(k)));
    }
    int vendor = symbols.intern(p.vendorId());
    int any = symbols.intern(Symbols.ANY);
    for (String t : p.tokens()) {
      int w = symbols.intern(t);
      keys.add(key(NAME, vendor, w));
      keys.add(key(NAME, any, w));
    }
    for (Names.ModelRange r : p.ranges()) {
      int w = symbols.intern(r.prefix());
      keys.add(key(RANGE, vendor, w));
      keys.add(key(RANGE, any, w));
    }
    return keys.toArray();
  }

  /** The keys a subject identity looks up. */
  static long[] lookups(SubjectIdentity s, Symbols symbols) {
    LongSet keys = new LongSet();
    s.purlKey().ifPresent(k -> keys.add(key(PURL, 0, symbols.intern(k))));
    s.cpeKey().ifPresent(k -> keys.add(key(CPE, 0, symbols.intern(k))));
    int[] vendors =
        s.vendorId().isEmpty()
            ? new int[] {symbols.intern(Symbols.ANY)}
            : new int[] {symbols.intern(s.vendorId()), symbols.intern("")};
    for (int v : vendors) {
      for (String t : s.tokens()) {
        keys.add(key(NAME, v, symbols.intern(t)));
        int i = 0;
        while (i < t.length() && Character.isLetter(t.charAt(i))) {
          i++;
        }
        if (i > 0 && i < t.length()) {
          keys.add(key(RANGE, v, symbols.intern(t.substring(0, i))));
        }
      }
    }
    return keys.toArray();
  }

  private static long key(long kind, int vendor, int word) {
    return (kind << 58) | ((long) vendor << 29) | word;
  }

  /** A small set of longs in insertion order. */
  private static final class LongSet {
    private long[] values = new long[8];
    private int size;

    void add(long v) {
      for (int i = 0; i < size; i++) {
        if (values[i] == v) {
          return;
        }
      }
      if (size == values.length) {
        values = Arrays.copyOf(values, size * 2);
      }
      values[size++] = v;
    }

    long[] toArray() {
      return Arrays.copyOf(values, size);
    }
  }
}

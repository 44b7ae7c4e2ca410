package io.ward.capture;

/**
 * Live flows: an open-addressing hash table (linear probing, backward-shift deletion) keyed by the
 * canonical flow key, plus a least-recently-active list for expiry and eviction. Keys are compared
 * as primitives; nothing is boxed and nothing is allocated on lookup.
 */
final class FlowTable {
  private static final long M1 = 0x9E37_79B9_7F4A_7C15L;
  private static final long M2 = 0xBF58_476D_1CE4_E5B9L;

  private FlowState[] slots;

  /** The hash of each slot's flow, so probing compares in a dense array before dereferencing. */
  private long[] hashes;

  private int mask;
  private int size;
  private FlowState oldest;
  private FlowState newest;

  FlowTable(int initialCapacity) {
    int cap = Integer.highestOneBit(Math.max(16, initialCapacity) - 1) << 1;
    slots = new FlowState[cap];
    hashes = new long[cap];
    mask = cap - 1;
  }

  /**
   * A hash of the canonical key: the same for both directions because callers order the two
   * endpoints first ({@link #srcIsA}). Low bits index this table, high bits pick a worker.
   */
  static long hash(
      long aHigh, long aLow, long bHigh, long bLow, int aPort, int bPort, int proto, int vlan) {
    long h = M1;
    h = (h ^ aHigh) * M2;
    h = (h ^ aLow) * M1;
    h = (h ^ bHigh) * M2;
    h = (h ^ bLow) * M1;
    h = (h ^ (((long) aPort << 40) | ((long) bPort << 20) | ((long) proto << 12) | vlan)) * M2;
    h ^= h >>> 31;
    h *= M1;
    return h ^ (h >>> 29);
  }

  /** True when the packet's source sorts first, i.e. is side A of the canonical key. */
  static boolean srcIsA(
      long srcHigh, long srcLow, int srcPort, long dstHigh, long dstLow, int dstPort) {
    if (srcHigh != dstHigh) {
      return srcHigh < dstHigh;
    }
    if (srcLow != dstLow) {
      return srcLow < dstLow;
    }
    return srcPort <= dstPort;
  }

  int size() {
    return size;
  }

  /** The least recently active flow, or null. */
  FlowState oldest() {
    return oldest;
  }

  FlowState find(
      long hash,
      long aHigh,
      long aLow,
      long bHigh,
      long bLow,
      int aPort,
      int bPort,
      int proto,
      int vlan) {
    int i = (int) hash & mask;
    FlowState f;
    while ((f = slots[i]) != null) {
      if (hashes[i] == hash
          && f.aLow == aLow
          && f.bLow == bLow
          && f.aPort == aPort
          && f.bPort == bPort
          && f.proto == proto
          && f.vlan == vlan
          && f.aHigh == aHigh
          && f.bHigh == bHigh) {
        return f;
      }
      i = (i + 1) & mask;
    }
    return null;
  }

  /** Adds a flow known to be absent, as the most recently active. */
  void add(FlowState f) {
    if (size + 1 > (slots.length >> 1)) {
      resize();
    }
    place(f);
    size++;
    linkNewest(f);
  }

  /** Marks the flow as the most recently active. */
  void touch(FlowState f) {
    if (f != newest) {
      unlink(f);
      linkNewest(f);
    }
  }

  void remove(FlowState f) {
    int i = (int) f.hash & mask;
    while (slots[i] != f) {
      if (slots[i] == null) {
        return;
      }
      i = (i + 1) & mask;
    }
    slots[i] = null;
    // Backward-shift deletion: move later entries of the cluster into the hole when their home
    // slot does not lie cyclically between the hole and their current slot.
    int j = i;
    while (true) {
      j = (j + 1) & mask;
      FlowState s = slots[j];
      if (s == null) {
        break;
      }
      int home = (int) hashes[j] & mask; // the array, not s.hash: no visit to each flow object
      boolean stays = i <= j ? (i < home && home <= j) : (i < home || home <= j);
      if (!stays) {
        slots[i] = s;
        hashes[i] = hashes[j];
        slots[j] = null;
        i = j;
      }
    }
    size--;
    unlink(f);
  }

  private void place(FlowState f) {
    int i = (int) f.hash & mask;
    while (slots[i] != null) {
      i = (i + 1) & mask;
    }
    slots[i] = f;
    hashes[i] = f.hash;
  }

  /** Forgets every flow at once (cheaper than removing them one by one at the end). */
  void clear() {
    java.util.Arrays.fill(slots, null);
    size = 0;
    oldest = null;
    newest = null;
  }

  private void resize() {
    FlowState[] old = slots;
    slots = new FlowState[old.length << 1];
    hashes = new long[slots.length];
    mask = slots.length - 1;
    for (FlowState f : old) {
      if (f != null) {
        place(f);
      }
    }
  }

  private void linkNewest(FlowState f) {
    f.older = newest;
    f.newer = null;
    if (newest != null) {
      newest.newer = f;
    } else {
      oldest = f;
    }
    newest = f;
  }

  private void unlink(FlowState f) {
    if (f.older != null) {
      f.older.newer = f.newer;
    } else if (oldest == f) {
      oldest = f.newer;
    }
    if (f.newer != null) {
      f.newer.older = f.older;
    } else if (newest == f) {
      newest = f.older;
    }
    f.older = null;
    f.newer = null;
  }
}

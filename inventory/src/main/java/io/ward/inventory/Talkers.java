package io.ward.inventory;

import java.util.Arrays;
import java.util.function.IntFunction;
import java.util.function.IntUnaryOperator;

/**
 * The distinct endpoints one key exchanged flows with, whatever the protocol, by their index in the
 * {@link InputStore}: exact up to {@link #MAX} peers, then the {@link #MAX} smallest keys (so that
 * the bound does not make the result depend on input order) and {@link #truncated}. An external
 * endpoint's device count comes from here: the peers a {@link KeyRecord} keeps per protocol are
 * capped at {@link KeyRecord#MAX_PEERS} for the device facts and undercount a busy internet host.
 *
 * <p>An open-addressing table of {@code int}s, 8 to 16 bytes a peer: a 20,000-device hospital whose
 * devices each reach a hundred internet addresses costs 16 to 32 MB, where sets of boxed keys would
 * cost several times that.
 */
final class Talkers {

  /** Peers kept per key: more than any hospital's devices, so the count is exact in practice. */
  static final int MAX = 1 << 16;

  private static final int EMPTY = 0; // slots hold index + 1

  private int[] slots = new int[4];
  private int size;
  private boolean truncated;

  /**
   * Once truncated, the largest key kept: a larger one has {@link #MAX} smaller ones before it and
   * can never be among the smallest.
   */
  private EndpointKey ceiling;

  /** Adds the peer at {@code index}; {@code keyOf} gives the key of an index, to order peers. */
  void add(int index, IntFunction<EndpointKey> keyOf) {
    if (ceiling != null && keyOf.apply(index).compareTo(ceiling) > 0) {
      return;
    }
    if (!insert(index + 1)) {
      return;
    }
    // Some slack above the bound, so that a truncated set is sorted once per MAX / 4 additions.
    if (size > (truncated ? MAX + MAX / 4 : MAX)) {
      keepSmallest(keyOf);
    }
  }

  /** Adds every peer of {@code other}, whose indices {@code translate} maps to this store's. */
  void addAll(Talkers other, IntUnaryOperator translate, IntFunction<EndpointKey> keyOf) {
    truncated |= other.truncated;
    for (int slot : other.slots) {
      if (slot != EMPTY) {
        add(translate.applyAsInt(slot - 1), keyOf);
      }
    }
  }

  /**
   * The peers' indices, the {@link #MAX} smallest keys when there were more. Only reads, so that
   * assembly may call it while other threads read the store.
   */
  int[] indices(IntFunction<EndpointKey> keyOf) {
    int[] all = all();
    return all.length <= MAX ? all : smallest(all, keyOf);
  }

  /** True when peers were left out because there were more than {@link #MAX}. */
  boolean truncated() {
    return truncated;
  }

  private void keepSmallest(IntFunction<EndpointKey> keyOf) {
    int[] kept = smallest(all(), keyOf);
    slots = new int[tableFor(MAX)];
    size = 0;
    for (int index : kept) {
      insert(index + 1);
    }
    truncated = true;
    ceiling = keyOf.apply(kept[MAX - 1]);
  }

  private int[] all() {
    int[] out = new int[size];
    int n = 0;
    for (int slot : slots) {
      if (slot != EMPTY) {
        out[n++] = slot - 1;
      }
    }
    return out;
  }

  /** The {@link #MAX} of {@code indices} with the smallest keys, in key order. */
  private static int[] smallest(int[] indices, IntFunction<EndpointKey> keyOf) {
    Integer[] boxed = Arrays.stream(indices).boxed().toArray(Integer[]::new);
    Arrays.sort(boxed, (a, b) -> keyOf.apply(a).compareTo(keyOf.apply(b)));
    int[] out = new int[MAX];
    for (int i = 0; i < MAX; i++) {
      out[i] = boxed[i];
    }
    return out;
  }

  /** Inserts {@code value} (an index + 1); false when it was there already. */
  private boolean insert(int value) {
    int mask = slots.length - 1;
    int i = mix(value) & mask;
    while (slots[i] != EMPTY) {
      if (slots[i] == value) {
        return false;
      }
      i = (i + 1) & mask;
    }
    slots[i] = value;
    size++;
    if (size * 2 > slots.length) {
      grow();
    }
    return true;
  }

  private void grow() {
    int[] old = slots;
    slots = new int[old.length * 2];
    size = 0;
    for (int value : old) {
      if (value != EMPTY) {
        insert(value);
      }
    }
  }

  /** A table at most half full with {@code entries}. */
  private static int tableFor(int entries) {
    return Integer.highestOneBit(entries) * 4;
  }

  private static int mix(int value) {
    int h = value * 0x9E3779B9;
    return h ^ (h >>> 16);
  }
}

package io.ward.inventory;

import io.ward.model.Endpoint;
import io.ward.model.IpAddress;
import io.ward.model.MacAddress;

/**
 * A cache slot that remembers its subject by address bits, held in the slot itself (a subclass's
 * fields sit in the same object), so a probe compares numbers without following the endpoint's
 * objects. The base of the slots of {@link RecentFacts} and {@link RecentFactSets}.
 */
abstract class SubjectSlot {

  /** Stands for an absent MAC: real MAC bits use 48 bits, so -1 never is one. */
  private static final long ABSENT = -1L;

  private long mac;
  private long ipHigh;
  private long ipLow;
  private boolean hasIp;

  /** Remembers {@code mac} (see {@link #mac(Endpoint)}) and {@code ip} (or null) as the subject. */
  final void subject(long mac, IpAddress ip) {
    this.mac = mac;
    this.hasIp = ip != null;
    this.ipHigh = ip == null ? 0 : ip.high();
    this.ipLow = ip == null ? 0 : ip.low();
  }

  /** True when the subject remembered is {@code mac} and {@code ip} (or null). */
  final boolean isSubject(long mac, IpAddress ip) {
    return this.mac == mac
        && (ip == null ? !hasIp : hasIp && ipHigh == ip.high() && ipLow == ip.low());
  }

  /** Rejects a slot count that is not a power of two (the caches index with a mask). */
  static void checkSlots(int slots) {
    if (Integer.bitCount(slots) != 1) {
      throw new IllegalArgumentException("slots must be a power of two: " + slots);
    }
  }

  /** The MAC bits of an endpoint, or a value no MAC has when it has none. */
  static long mac(Endpoint subject) {
    MacAddress m = subject.mac().orElse(null);
    return m == null ? ABSENT : m.bits();
  }

  /** A slot index from a subject and the hash of what else keys the slot. */
  static int index(long mac, IpAddress ip, long more, int slots) {
    long h = mac * 0x9E3779B97F4A7C15L;
    if (ip != null) {
      h ^= ip.high() * 0xC2B2AE3D27D4EB4FL + ip.low() * 0x165667B19E3779F9L;
    }
    h += more;
    h ^= h >>> 29;
    h *= 0xBF58476D1CE4E5B9L;
    return (int) (h ^ (h >>> 32)) & (slots - 1);
  }
}

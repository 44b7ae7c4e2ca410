package io.ward.inventory;

import io.ward.model.Endpoint;
import io.ward.model.IpAddress;
import io.ward.model.MacAddress;

/**
 * The facts {@link InputStore} counted most recently, each with the record and value statistics it
 * landed in, so that a fact repeated message after message (the same HL7 sending application from a
 * monitor that opens one connection per message, the same User-Agent) is counted with one array
 * probe instead of the endpoint, field and value hash lookups. On the simulator's 1.5M-packet
 * capture those lookups were a fifth of the whole analysis: they miss the processor caches because
 * every device's maps live apart.
 *
 * <p>Direct-mapped: one slot per hash, a newer fact replacing an older one; a miss costs only the
 * ordinary path. The slots are reused in place, so the cache allocates nothing after it is full.
 * Not thread-safe, like the store that owns it.
 */
final class RecentFacts {

  /**
   * A power of two. On the simulator's 1,000-device capture, where devices' facts interleave, 4,096
   * slots still sent two repeats in three down the full path (profiled), 65,536 about one in ten; a
   * slot costs about 80 bytes once used.
   */
  static final int SLOTS = 65_536;

  private final Slot[] slots;

  RecentFacts() {
    this(SLOTS);
  }

  /** With {@code slots} slots, a power of two (tests use one, so that every fact collides). */
  RecentFacts(int slots) {
    if (Integer.bitCount(slots) != 1) {
      throw new IllegalArgumentException("slots must be a power of two: " + slots);
    }
    this.slots = new Slot[slots];
    this.enabled = true;
  }

  private RecentFacts(boolean enabled) {
    this.slots = new Slot[1];
    this.enabled = enabled;
  }

  /** A cache that never finds anything, so every fact takes the full path (tests compare). */
  static RecentFacts disabled() {
    return new RecentFacts(false);
  }

  private final boolean enabled;

  /** Stands for an absent address part: real MAC bits use 48 bits, so -1 never is one. */
  private static final long ABSENT = -1L;

  /** One remembered fact: where its subject, field and value were counted. */
  static final class Slot {
    private long mac;
    private long ipHigh;
    private long ipLow;
    private boolean hasIp;
    private String field;
    private String value;
    KeyRecord record;
    ValueStat stat;
    boolean keepTime;
  }

  /** The slot that counted this fact before, or null. */
  Slot find(Endpoint subject, String field, String value) {
    if (!enabled) {
      return null;
    }
    long mac = mac(subject);
    IpAddress ip = subject.ip().orElse(null);
    Slot s = slots[index(mac, ip, field, value)];
    if (s == null || s.mac != mac || s.field != field && !s.field.equals(field) || s.stat.dropped) {
      return null;
    }
    if (ip == null ? s.hasIp : !s.hasIp || s.ipHigh != ip.high() || s.ipLow != ip.low()) {
      return null;
    }
    return s.value == value || s.value.equals(value) ? s : null;
  }

  /** Remembers where a fact was counted, replacing whatever shared its slot. */
  void remember(
      Endpoint subject,
      String field,
      String value,
      KeyRecord record,
      ValueStat stat,
      boolean keepTime) {
    if (!enabled) {
      return;
    }
    long mac = mac(subject);
    IpAddress ip = subject.ip().orElse(null);
    int i = index(mac, ip, field, value);
    Slot s = slots[i];
    if (s == null) {
      s = new Slot();
      slots[i] = s;
    }
    s.mac = mac;
    s.hasIp = ip != null;
    s.ipHigh = ip == null ? 0 : ip.high();
    s.ipLow = ip == null ? 0 : ip.low();
    s.field = field;
    s.value = value;
    s.record = record;
    s.stat = stat;
    s.keepTime = keepTime;
  }

  /** The MAC bits of an endpoint, or a value no MAC has when it has none. */
  static long mac(Endpoint subject) {
    MacAddress m = subject.mac().orElse(null);
    return m == null ? ABSENT : m.bits();
  }

  private int index(long mac, IpAddress ip, String field, String value) {
    long h = mac * 0x9E3779B97F4A7C15L;
    if (ip != null) {
      h ^= ip.high() * 0xC2B2AE3D27D4EB4FL + ip.low() * 0x165667B19E3779F9L;
    }
    h += field.hashCode() * 31L + value.hashCode();
    h ^= h >>> 29;
    h *= 0xBF58476D1CE4E5B9L;
    return (int) (h ^ (h >>> 32)) & (slots.length - 1);
  }
}

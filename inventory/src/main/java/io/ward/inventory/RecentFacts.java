package io.ward.inventory;

import io.ward.model.Endpoint;
import io.ward.model.IpAddress;

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
    SubjectSlot.checkSlots(slots);
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

  /** One remembered fact: where its subject, field and value were counted. */
  static final class Slot extends SubjectSlot {
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
    long mac = SubjectSlot.mac(subject);
    IpAddress ip = subject.ip().orElse(null);
    Slot s = slots[index(mac, ip, field, value)];
    if (s == null
        || !s.isSubject(mac, ip)
        || s.field != field && !s.field.equals(field)
        || s.stat.dropped) {
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
    long mac = SubjectSlot.mac(subject);
    IpAddress ip = subject.ip().orElse(null);
    int i = index(mac, ip, field, value);
    Slot s = slots[i];
    if (s == null) {
      s = new Slot();
      slots[i] = s;
    }
    s.subject(mac, ip);
    s.field = field;
    s.value = value;
    s.record = record;
    s.stat = stat;
    s.keepTime = keepTime;
  }

  private int index(long mac, IpAddress ip, String field, String value) {
    return SubjectSlot.index(mac, ip, field.hashCode() * 31L + value.hashCode(), slots.length);
  }
}

package io.ward.inventory;

import io.ward.model.Endpoint;
import io.ward.model.Facts;
import io.ward.model.IpAddress;
import java.util.Arrays;

/**
 * Where the facts of a {@link Facts} set were counted when a subject last stated it: its record and
 * the statistics of each fact. A dissector passes the same set again for the same kind of message
 * (one HL7 message per connection from every monitor and pump), so a repeat is counted with one
 * probe instead of one {@link RecentFacts} probe, one observation and one pass down the sinks per
 * fact.
 *
 * <p>Direct-mapped by subject and set identity, a newer set replacing an older one; a miss costs
 * the ordinary path, fact by fact. Not thread-safe, like the store that owns it.
 */
final class RecentFactSets {

  /**
   * A power of two. Slots are direct-mapped, so the sets in use must be few against them for
   * collisions to stay rare: on the simulator's 1,000-device capture (260,000 sets stated, about
   * one per subject, message kind and peer), 4,096 slots found 91% of repeats, 32,768 found 98.4%
   * and took about 0.1 s off the 2-second analysis, 131,072 found 99.1%.
   */
  static final int SLOTS = 32_768;

  /** Larger sets are always counted fact by fact, so that a slot stays small. */
  static final int MAX_FACTS = 64;

  private final Slot[] slots;

  RecentFactSets() {
    this(SLOTS);
  }

  /** With {@code slots} slots, a power of two (tests use one, so that every set collides). */
  RecentFactSets(int slots) {
    SubjectSlot.checkSlots(slots);
    this.slots = new Slot[slots];
  }

  /** Where one subject's statement of one set was counted. */
  static final class Slot extends SubjectSlot {
    private Facts facts;
    private KeyRecord record;
    private ValueStat[] stats = new ValueStat[4];
    private boolean[] keepTime = new boolean[4];
    private int counted;

    /**
     * Counts the set again at {@code epochNanos}, as counting each fact would; false, counting
     * nothing, when a statistic was dropped from its bounded map since.
     */
    boolean countAgain(long epochNanos, int vlan) {
      for (int i = 0; i < counted; i++) {
        if (stats[i].dropped) {
          return false;
        }
      }
      record.observations += counted;
      record.seen(epochNanos, vlan);
      for (int i = 0; i < counted; i++) {
        stats[i].add(epochNanos, keepTime[i]);
      }
      return true;
    }

    /** Notes that the next fact was counted in {@code stat}. */
    void add(ValueStat stat, boolean keep) {
      if (counted == stats.length) {
        stats = Arrays.copyOf(stats, counted * 2);
        keepTime = Arrays.copyOf(keepTime, counted * 2);
      }
      stats[counted] = stat;
      keepTime[counted] = keep;
      counted++;
    }
  }

  /** The slot that counted this subject's statement of {@code facts}, or null. */
  Slot find(Endpoint subject, Facts facts) {
    long mac = SubjectSlot.mac(subject);
    IpAddress ip = subject.ip().orElse(null);
    Slot s = slots[index(mac, ip, facts)];
    if (s == null
        || s.record == null
        || !s.isSubject(mac, ip)
        || s.facts != facts && !s.facts.equals(facts)) {
      return null;
    }
    return s;
  }

  /**
   * An emptied slot for this subject's statement of {@code facts}, replacing whatever shared it; it
   * is found only once {@link #complete} gives it its record. Null for sets over {@link
   * #MAX_FACTS}.
   */
  Slot claim(Endpoint subject, Facts facts) {
    if (facts.size() > MAX_FACTS) {
      return null;
    }
    long mac = SubjectSlot.mac(subject);
    IpAddress ip = subject.ip().orElse(null);
    int i = index(mac, ip, facts);
    Slot s = slots[i];
    if (s == null) {
      s = new Slot();
      slots[i] = s;
    }
    s.subject(mac, ip);
    s.facts = facts;
    s.record = null;
    Arrays.fill(s.stats, 0, s.counted, null);
    s.counted = 0;
    return s;
  }

  /** Makes a claimed slot findable: every counted fact of the set went to {@code record}. */
  static void complete(Slot s, KeyRecord record) {
    s.record = record;
  }

  private int index(long mac, IpAddress ip, Facts facts) {
    return SubjectSlot.index(mac, ip, facts.hashCode(), slots.length);
  }
}

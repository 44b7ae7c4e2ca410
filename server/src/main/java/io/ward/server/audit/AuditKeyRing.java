package io.ward.server.audit;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Every audit key this data directory has held, each with the first entry it covers, and the ranges
 * whose key was declared lost. A replaced key stays in the ring, so the entries it made stay
 * authenticated; a key lost before it could be replaced is named only by the first entry of its
 * range ({@link #lost}). The ring says where each key range starts, and verification takes the
 * ranges from here, never from the log alone: a forger who can write the database cannot move them.
 *
 * <p>A replacement is written here as {@link Pending} before its audit entry commits (an entry
 * nobody could check must never exist) and confirmed after: a pending replacement whose entry
 * exists and is not an ordinary entry under the key before it is taken as made (and its entry is
 * then checked under it); otherwise it never happened ({@link AuditLog#settlePending}).
 */
final class AuditKeyRing {

  /**
   * A replacement written before its entry committed.
   *
   * @param key the new key, covering entries from the replacement's own entry on
   * @param lostFrom the ranges it declares lost
   */
  record Pending(AuditKey key, SortedSet<Long> lostFrom) {}

  private final TreeMap<Long, AuditKey> keys = new TreeMap<>();
  private final TreeSet<Long> lost = new TreeSet<>();
  private final Optional<Pending> pending;

  private AuditKeyRing(
      Collection<AuditKey> keys, Collection<Long> lost, Optional<Pending> pending) {
    for (AuditKey k : keys) {
      if (this.keys.put(k.fromSeq(), k) != null) {
        throw new IllegalArgumentException("two audit keys cover entries from " + k.fromSeq());
      }
    }
    for (long from : lost) {
      if (this.keys.containsKey(from)) {
        throw new IllegalArgumentException(
            "the range from entry " + from + " is both held and declared lost");
      }
      this.lost.add(from);
    }
    pending.ifPresent(
        p -> {
          long from = p.key().fromSeq();
          if (!rangeStarts().tailSet(from).isEmpty()
              || !p.lostFrom().isEmpty() && p.lostFrom().last() >= from) {
            throw new IllegalArgumentException(
                "the pending key from entry " + from + " is not after every other range");
          }
          for (long l : p.lostFrom()) {
            if (this.keys.containsKey(l) || this.lost.contains(l)) {
              throw new IllegalArgumentException(
                  "the pending key declares the range from entry " + l + " lost, which is known");
            }
          }
        });
    this.pending = pending;
  }

  /** A ring of the given keys and lost ranges. */
  static AuditKeyRing of(Collection<AuditKey> keys, Collection<Long> lostFrom) {
    return new AuditKeyRing(keys, lostFrom, Optional.empty());
  }

  /** A ring of the given keys, lost ranges and pending replacement. */
  static AuditKeyRing of(
      Collection<AuditKey> keys, Collection<Long> lostFrom, Optional<Pending> pending) {
    return new AuditKeyRing(keys, lostFrom, pending);
  }

  /** A ring of one key. */
  static AuditKeyRing of(AuditKey key) {
    return of(List.of(key), List.of());
  }

  /** A ring without keys (no key file). */
  static AuditKeyRing empty() {
    return of(List.of(), List.of());
  }

  boolean isEmpty() {
    return keys.isEmpty() && lost.isEmpty() && pending.isEmpty();
  }

  /** The key whose range starts exactly at {@code fromSeq}, a pending one included. */
  Optional<AuditKey> startingAt(long fromSeq) {
    AuditKey k = keys.get(fromSeq);
    if (k != null) {
      return Optional.of(k);
    }
    return pending.map(Pending::key).filter(p -> p.fromSeq() == fromSeq);
  }

  /** The first entries of every confirmed range, held or lost, in order. */
  SortedSet<Long> rangeStarts() {
    TreeSet<Long> all = new TreeSet<>(keys.keySet());
    all.addAll(lost);
    return all;
  }

  /**
   * The first entry of the first key's range: its key's, or that of the range declared lost before
   * it; empty for a ring without confirmed ranges.
   */
  Optional<Long> firstRangeStart() {
    SortedSet<Long> all = rangeStarts();
    return all.isEmpty() ? Optional.empty() : Optional.of(all.first());
  }

  /** The key the data directory made first, when the ring still holds it. */
  Optional<AuditKey> initialKey() {
    return firstRangeStart().map(keys::get);
  }

  /** The first key the ring holds. */
  Optional<AuditKey> oldest() {
    return keys.isEmpty() ? Optional.empty() : Optional.of(keys.firstEntry().getValue());
  }

  /** True when the range starting at {@code fromSeq} was declared lost. */
  boolean lost(long fromSeq) {
    return lost.contains(fromSeq);
  }

  /** The confirmed keys, oldest first. */
  List<AuditKey> keys() {
    return List.copyOf(keys.values());
  }

  /** The first entries of the ranges declared lost, in order. */
  SortedSet<Long> lostRanges() {
    return new TreeSet<>(lost);
  }

  Optional<Pending> pending() {
    return pending;
  }

  /** This ring with a replacement pending: {@code key}, declaring {@code lostFrom} lost. */
  AuditKeyRing withPending(AuditKey key, Collection<Long> lostFrom) {
    return new AuditKeyRing(
        keys.values(), lost, Optional.of(new Pending(key, new TreeSet<>(lostFrom))));
  }

  /** The pending replacement taken as made: its key and lost ranges become the ring's. */
  AuditKeyRing confirmed() {
    if (pending.isEmpty()) {
      return this;
    }
    List<AuditKey> k = new ArrayList<>(keys.values());
    k.add(pending.get().key());
    List<Long> l = new ArrayList<>(lost);
    l.addAll(pending.get().lostFrom());
    return new AuditKeyRing(k, l, Optional.empty());
  }

  /** The ring without its pending replacement, which never committed. */
  AuditKeyRing withoutPending() {
    return pending.isEmpty() ? this : new AuditKeyRing(keys.values(), lost, Optional.empty());
  }

  @Override
  public String toString() {
    // Never the secrets.
    return "AuditKeyRing[keys from "
        + keys.keySet()
        + ", lost from "
        + lost
        + pending.map(p -> ", pending from " + p.key().fromSeq()).orElse("")
        + "]";
  }
}

package io.ward.server.audit;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SortedSet;

/**
 * Checks audit entries one after another, in order: each must follow the one before it, link to its
 * hash, and carry a hash that holds. An entry's stored algorithm says which hash: plain SHA-256 is
 * accepted only before the first key's first covered entry (and never after a keyed entry), so that
 * a forger cannot rewrite a keyed entry as an unkeyed one.
 *
 * <p>Keyed entries come in ranges, one per key, and the {@link AuditKeyRing} (the key file, which
 * the database cannot change) says where they start: the first at the first keyed entry, each later
 * one at a key replacement ({@link AuditKeyReplacement#ACTION}), whose own entry is hashed under
 * the new key. An entry where the file starts a range must be a replacement, and a replacement the
 * file does not know, before ranges it knows, is forged. A range whose key the file declares lost
 * is counted and reported as a caveat of an intact log; one whose key it lacks is missing (the log
 * cannot be authenticated until the key is restored or declared lost): the range of the first key
 * when the file holds nothing that early, or one after the file's last range (an old backup).
 */
final class AuditChain {
  /**
   * Entries {@code from} to {@code to}, both included; {@code replaced} when the range starts at a
   * key replacement (else at the first keyed entry).
   */
  record Range(long from, long to, boolean replaced) {
    @Override
    public String toString() {
      return from == to ? "entry " + from : "entries " + from + "–" + to;
    }
  }

  private final AuditKeyRing ring;
  private String prev = AuditHash.GENESIS;
  private long expectedSeq = 1;
  private long checked;
  private long keyed;

  /** The current key range: its first entry (null before the first keyed entry) and key. */
  private Long rangeStart;

  private Optional<AuditKey> rangeKey = Optional.empty();
  private boolean rangeLost;
  private boolean rangeReplaced;
  private final List<Range> lost = new ArrayList<>();
  private final List<Range> missing = new ArrayList<>();

  /** Where the key file's ranges start: asked for every keyed entry, so read once. */
  private final SortedSet<Long> starts;

  AuditChain(AuditKeyRing ring) {
    this.ring = ring;
    this.starts = ring.rangeStarts();
  }

  /** Checks the next entry; what is wrong with it, or empty when it holds. */
  Optional<String> next(AuditEntry e) {
    Optional<String> problem = check(e);
    if (problem.isEmpty()) {
      checked++;
      prev = e.hash();
      expectedSeq = e.seq() + 1;
    }
    return problem;
  }

  private Optional<String> check(AuditEntry e) {
    if (e.seq() != expectedSeq) {
      return Optional.of("entries " + expectedSeq + " to " + (e.seq() - 1) + " are missing");
    }
    if (!e.prevHash().equals(prev)) {
      return Optional.of("does not link to the entry before it");
    }
    Optional<HashAlgorithm> algorithm = HashAlgorithm.of(e.hashAlgorithm());
    if (algorithm.isEmpty()) {
      return Optional.of("its hash algorithm '" + e.hashAlgorithm() + "' is unknown");
    }
    return algorithm.get() == HashAlgorithm.HMAC_SHA256 ? checkKeyed(e) : checkPlain(e);
  }

  private Optional<String> checkPlain(AuditEntry e) {
    if (rangeStart != null) {
      return Optional.of("stored as unkeyed SHA-256 after keyed entries (downgraded)");
    }
    Optional<Long> keyedFrom = ring.firstRangeStart();
    if (keyedFrom.isPresent() && e.seq() >= keyedFrom.get()) {
      return Optional.of(
          "stored as unkeyed SHA-256 but the audit key covers entries from "
              + keyedFrom.get()
              + " on (downgraded)");
    }
    if (!AuditHash.sha256(AuditHash.canonical(e)).equals(e.hash())) {
      return Optional.of("content does not match its hash (edited)");
    }
    return Optional.empty();
  }

  private Optional<String> checkKeyed(AuditEntry e) {
    long seq = e.seq();
    boolean replacement = AuditKeyReplacement.ACTION.equals(e.action());
    if (rangeStart == null) {
      // The first keyed entry: in the first key's range (which starts at this entry: plain
      // entries at or after a range start are refused as downgraded), unless the key file holds
      // no range that early.
      SortedSet<Long> upTo = starts.headSet(seq + 1);
      startRange(upTo.isEmpty() ? seq : upTo.last(), !upTo.isEmpty(), replacement);
    } else if (starts.contains(seq)) {
      if (!replacement) {
        return Optional.of(
            "the audit key file says a key starts at this entry, but it is not a key replacement"
                + " (edited)");
      }
      startRange(seq, true, true);
    } else if (replacement) {
      // The key file only grows: a replacement it does not know before ranges it does know was
      // never made. After its last range, the file may be older than the log (an old backup);
      // then the replacement must carry the word of the key it replaced, when that key is held.
      if (!starts.tailSet(seq).isEmpty()) {
        return Optional.of(
            "a key replacement that the audit key file does not know, before keys it does"
                + " (forged)");
      }
      if (rangeKey.isPresent()
          && !e.target()
              .endsWith(
                  AuditKeyReplacement.ATTESTED
                      + AuditKeyReplacement.attestation(rangeKey.get(), seq, e.prevHash()))) {
        return Optional.of(
            "a key replacement that the key before it did not attest (forged, or edited)");
      }
      startRange(seq, false, true);
    }
    if (rangeKey.isPresent()) {
      if (!rangeKey.get().authenticates(AuditHash.canonical(e), e.hash())) {
        return Optional.of(
            "content does not match its HMAC under the audit key (edited, or hashed with another"
                + " key)");
      }
      keyed++;
      return Optional.empty();
    }
    // Only the links can be checked.
    List<Range> ranges = rangeLost ? lost : missing;
    Range last = ranges.isEmpty() ? null : ranges.get(ranges.size() - 1);
    if (last != null && last.from() == rangeStart) {
      ranges.set(ranges.size() - 1, new Range(rangeStart, seq, last.replaced()));
    } else {
      ranges.add(new Range(rangeStart, seq, rangeReplaced));
    }
    return Optional.empty();
  }

  /**
   * Enters the key range starting at {@code from}: one the key file names ({@code known}), or one
   * it does not (its key is missing).
   */
  private void startRange(long from, boolean known, boolean replaced) {
    rangeStart = from;
    rangeKey = known ? ring.startingAt(from) : Optional.empty();
    rangeLost = known && ring.lost(from);
    rangeReplaced = replaced;
  }

  /** Entries that held so far. */
  long checked() {
    return checked;
  }

  /** Of those, entries authenticated by a key. */
  long keyed() {
    return keyed;
  }

  /** The last hash that held (the genesis hash before the first entry). */
  String lastHash() {
    return prev;
  }

  /** The sequence number the next entry must have. */
  long expectedSeq() {
    return expectedSeq;
  }

  /** Keyed entries whose key the ring lacks and that nobody declared lost, in order. */
  List<Range> missing() {
    return List.copyOf(missing);
  }

  /** Keyed entries whose key was declared lost, in order. */
  List<Range> lost() {
    return List.copyOf(lost);
  }
}

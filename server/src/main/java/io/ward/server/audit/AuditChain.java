package io.ward.server.audit;

import java.util.Optional;

/**
 * Checks audit entries one after another, in order: each must follow the one before it, link to its
 * hash, and carry a hash that holds. An entry's stored algorithm says which hash: plain SHA-256 is
 * accepted only before the audit key's first covered entry (and never after a keyed entry), so that
 * a forger cannot rewrite a keyed entry as an unkeyed one.
 */
final class AuditChain {
  private final Optional<AuditKey> key;
  private String prev = AuditHash.GENESIS;
  private long expectedSeq = 1;
  private long checked;
  private long keyed;
  private Optional<Long> firstUnauthenticated = Optional.empty();

  AuditChain(Optional<AuditKey> key) {
    this.key = key;
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
    if (keyed > 0 || firstUnauthenticated.isPresent()) {
      return Optional.of("stored as unkeyed SHA-256 after keyed entries (downgraded)");
    }
    if (key.isPresent() && e.seq() >= key.get().fromSeq()) {
      return Optional.of(
          "stored as unkeyed SHA-256 but the audit key covers entries from "
              + key.get().fromSeq()
              + " on (downgraded)");
    }
    if (!AuditHash.sha256(AuditHash.canonical(e)).equals(e.hash())) {
      return Optional.of("content does not match its hash (edited)");
    }
    return Optional.empty();
  }

  private Optional<String> checkKeyed(AuditEntry e) {
    if (key.isEmpty()) {
      // Only the links can be checked; the caller reports the entries as unauthenticated.
      if (firstUnauthenticated.isEmpty()) {
        firstUnauthenticated = Optional.of(e.seq());
      }
      return Optional.empty();
    }
    if (!key.get().authenticates(AuditHash.canonical(e), e.hash())) {
      return Optional.of(
          "content does not match its HMAC under the audit key (edited, or hashed with another key)");
    }
    keyed++;
    return Optional.empty();
  }

  /** Entries that held so far. */
  long checked() {
    return checked;
  }

  /** Of those, entries authenticated by the key. */
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

  /** The first keyed entry met without a key to check it. */
  Optional<Long> firstUnauthenticated() {
    return firstUnauthenticated;
  }
}

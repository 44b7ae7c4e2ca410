package io.ward.server.security;

import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * API tokens verified recently, by their SHA-256: a script calls the API many times a second, and
 * reading the token and its user from the database on each call was most of a small request's
 * database work. An entry is used only while no security change happened since it was verified
 * ({@link SecurityChanges}) and for at most {@link #MAX_AGE_NANOS}, which bounds how long a change
 * made outside this server (by SQL, or by another server on the same database) goes unseen.
 */
final class VerifiedTokens {
  static final long MAX_AGE_NANOS = 10_000_000_000L;
  private static final int MAX_ENTRIES = 10_000;

  /**
   * One verified token.
   *
   * @param lastUseWritten when its last use was last written (nanoTime), to write it once a minute
   */
  record Entry(
      long tokenId,
      WardUser user,
      long changeCount,
      long verifiedNanos,
      AtomicLong lastUseWritten) {}

  private final ConcurrentHashMap<String, Entry> entries = new ConcurrentHashMap<>();

  /** The entry of this token hash, if verified under the current change count and recently. */
  Optional<Entry> get(String hash, long changeCount, long nowNanos) {
    Entry e = entries.get(hash);
    if (e == null) {
      return Optional.empty();
    }
    if (e.changeCount() != changeCount || nowNanos - e.verifiedNanos() > MAX_AGE_NANOS) {
      entries.remove(hash, e);
      return Optional.empty();
    }
    return Optional.of(e);
  }

  void put(String hash, Entry e) {
    if (entries.size() >= MAX_ENTRIES) {
      entries.clear(); // many distinct tokens at once is rare; simply verify again
    }
    entries.put(hash, e);
  }
}

package io.ward.server.audit;

import java.util.Optional;

/**
 * The outcome of walking the audit chain.
 *
 * @param entries entries checked
 * @param keyedEntries of those, entries whose hash is an HMAC under the audit key
 * @param firstBroken the sequence number of the first entry whose hash or link does not hold, or
 *     (when the key is missing) the first entry that cannot be authenticated
 * @param problem what is wrong with it
 * @param keyMissing the log has keyed entries whose key the audit key file lacks: the structure was
 *     checked, their content could not be authenticated
 * @param caveat what an intact log could not check: entries under a key that an operator declared
 *     lost ({@code ward audit new-key --key-lost})
 */
public record AuditVerification(
    long entries,
    long keyedEntries,
    Optional<Long> firstBroken,
    Optional<String> problem,
    boolean keyMissing,
    Optional<String> caveat) {

  /** A result without keyed entries (the unkeyed chain). */
  public AuditVerification(long entries, Optional<Long> firstBroken, Optional<String> problem) {
    this(entries, 0, firstBroken, problem, false, Optional.empty());
  }

  /** A result without caveat. */
  public AuditVerification(
      long entries,
      long keyedEntries,
      Optional<Long> firstBroken,
      Optional<String> problem,
      boolean keyMissing) {
    this(entries, keyedEntries, firstBroken, problem, keyMissing, Optional.empty());
  }

  /** True when every link held and every keyed entry was authenticated. */
  public boolean intact() {
    return firstBroken.isEmpty();
  }

  /** One line for a person: intact, broken at an entry and why, or the key missing. */
  public String message() {
    if (intact()) {
      return "audit log intact: "
          + entries
          + " entries, "
          + keyedEntries
          + " keyed"
          + caveat.map(c -> "; " + c).orElse("");
    }
    if (keyMissing) {
      return "audit log cannot be authenticated: " + problem.orElse("");
    }
    return "audit log broken at entry "
        + firstBroken.orElseThrow()
        + ": "
        + problem.orElse("")
        + " ("
        + entries
        + " entries before it hold)";
  }
}

package io.ward.server.audit;

import java.util.Optional;

/**
 * The outcome of walking the audit chain.
 *
 * @param entries entries checked
 * @param firstBroken the sequence number of the first entry whose hash or link does not hold
 * @param problem what is wrong with it
 */
public record AuditVerification(
    long entries, Optional<Long> firstBroken, Optional<String> problem) {

  /** True when every link held. */
  public boolean intact() {
    return firstBroken.isEmpty();
  }
}

package io.ward.model.exposure;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/** Where the fix of a finding (or a group of devices) stands, with the moves allowed from each. */
public enum RemediationStatus {
  /** Nothing decided yet. */
  OPEN,
  /** Scheduled, e.g. in a maintenance window. */
  PLANNED,
  /** Being done. */
  IN_PROGRESS,
  /** The fix was installed (verified when a later inventory shows the fixed version). */
  PATCHED,
  /** A mitigation or compensating control is in place. */
  MITIGATED,
  /** The risk was accepted, with a reason and an expiry. */
  RISK_ACCEPTED;

  /** The kebab-case id, e.g. {@code in-progress}. */
  public String id() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /** The statuses a record may move to from this one. */
  public Set<RemediationStatus> next() {
    switch (this) {
      case OPEN:
        return EnumSet.of(PLANNED, IN_PROGRESS, PATCHED, MITIGATED, RISK_ACCEPTED);
      case PLANNED:
        return EnumSet.of(OPEN, IN_PROGRESS, PATCHED, MITIGATED, RISK_ACCEPTED);
      case IN_PROGRESS:
        return EnumSet.of(PLANNED, PATCHED, MITIGATED, OPEN);
      case MITIGATED:
        return EnumSet.of(PLANNED, IN_PROGRESS, PATCHED, OPEN);
      case RISK_ACCEPTED:
        return EnumSet.of(OPEN, PLANNED, IN_PROGRESS, PATCHED, MITIGATED);
      default: // PATCHED: reopened only if a later inventory contradicts it
        return EnumSet.of(OPEN);
    }
  }

  /** True when the finding is no longer open work (patched, mitigated or accepted). */
  public boolean closed() {
    return this == PATCHED || this == MITIGATED || this == RISK_ACCEPTED;
  }
}

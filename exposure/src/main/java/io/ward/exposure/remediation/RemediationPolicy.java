package io.ward.exposure.remediation;

import io.ward.exposure.AssessedFinding;
import io.ward.model.exposure.Decision;
import java.time.LocalDate;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * When a remediation is due: a number of days per decision, and a shorter deadline for CISA KEV
 * entries (CISA BOD 22-01 gives federal agencies 15 days for new KEV entries on internet-facing
 * systems; hospitals often adopt the same). Configurable. When CISA's catalog gives the CVE its own
 * due date, the earlier of that date and the policy's date wins.
 *
 * @param kevDays days allowed for a finding in KEV
 * @param daysByDecision days allowed per decision
 */
public record RemediationPolicy(int kevDays, Map<Decision, Integer> daysByDecision) {

  public RemediationPolicy {
    if (kevDays <= 0) {
      throw new IllegalArgumentException("kevDays must be positive: " + kevDays);
    }
    EnumMap<Decision, Integer> copy = new EnumMap<>(Decision.class);
    copy.putAll(daysByDecision);
    for (Decision d : Decision.values()) {
      Objects.requireNonNull(copy.get(d), "no deadline for " + d);
    }
    daysByDecision = Map.copyOf(copy);
  }

  /** Ward's default: KEV 15 days, act now 30, act soon 60, track 180, defer 365. */
  public static RemediationPolicy defaults() {
    return new RemediationPolicy(
        15,
        Map.of(
            Decision.ACT_NOW, 30, Decision.ACT_SOON, 60, Decision.TRACK, 180, Decision.DEFER, 365));
  }

  /** The due date of a remediation opened on {@code opened}. */
  public LocalDate due(LocalDate opened, Decision decision, boolean kev) {
    int days = daysByDecision.get(decision);
    return opened.plusDays(kev ? Math.min(days, kevDays) : days);
  }

  /**
   * The due date of a remediation opened on {@code opened}, no later than CISA's KEV due date for
   * the CVE when there is one. A record opened after CISA's date is due on that date, already past:
   * the federal deadline does not move because the hospital learned of it late.
   */
  public LocalDate due(
      LocalDate opened, Decision decision, boolean kev, Optional<LocalDate> kevDueDate) {
    LocalDate policy = due(opened, decision, kev);
    if (!kev || kevDueDate.isEmpty()) {
      return policy;
    }
    return kevDueDate.get().isBefore(policy) ? kevDueDate.get() : policy;
  }

  /** The due date of a remediation opened on {@code opened} for an assessed finding. */
  public LocalDate due(LocalDate opened, AssessedFinding finding) {
    return due(opened, finding.risk().decision(), finding.risk().kev(), finding.kevDueDate());
  }
}

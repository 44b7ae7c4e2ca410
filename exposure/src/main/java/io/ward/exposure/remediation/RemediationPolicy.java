package io.ward.exposure.remediation;

import io.ward.model.exposure.Decision;
import java.time.LocalDate;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * When a remediation is due: a number of days per decision, and a shorter deadline for CISA KEV
 * entries (CISA BOD 22-01 gives federal agencies 15 days for new KEV entries on internet-facing
 * systems; hospitals often adopt the same). Configurable.
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
}

package io.ward.model.exposure;

import java.util.Locale;

/** How urgently to act on a finding, most urgent first (in the spirit of CISA SSVC). */
public enum Decision {
  /** Act now: remediate or mitigate out of cycle (SSVC "Act"). */
  ACT_NOW,
  /** Act soon: sooner than the standard update cycle (SSVC "Attend"). */
  ACT_SOON,
  /**
   * Track: remediate within the standard cycle, watch for changes. Both of SSVC's lowest outcomes,
   * "Track*" and "Track", land here: the risk assessor does not tell them apart.
   */
  TRACK,
  /**
   * Defer: no action now beyond the normal cycle. Never an SSVC outcome by itself: a decision is
   * deferred when a segmented exposure or compensating controls lower it below track, or when the
   * finding is not affected.
   */
  DEFER;

  /** The kebab-case id, e.g. {@code act-now}. */
  public String id() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }
}

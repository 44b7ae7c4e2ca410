package io.ward.model.exposure;

import java.util.Locale;

/** How urgently to act on a finding, most urgent first (in the spirit of CISA SSVC). */
public enum Decision {
  /** Act now: remediate or mitigate out of cycle (SSVC "Act"). */
  ACT_NOW,
  /** Act soon: sooner than the standard update cycle (SSVC "Attend"). */
  ACT_SOON,
  /** Track: remediate within the standard cycle, watch for changes (SSVC "Track*"). */
  TRACK,
  /** Defer: no action now beyond the normal cycle (SSVC "Track", or lowered by controls). */
  DEFER;

  /** The kebab-case id, e.g. {@code act-now}. */
  public String id() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }
}

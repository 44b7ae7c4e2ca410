package io.ward.model.exposure;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * One thing that can be done about a finding: a vendor patch, a mitigation or workaround from the
 * advisory, or Ward's own compensating-control advice when the advisory offers no fix.
 *
 * @param kind the kind of option
 * @param text what to do
 * @param fixedVersion the version that fixes it, when the option is a patch and the text names one
 * @param url where the fix or instructions are
 * @param source who says so: the advisory id, or {@code ward} for Ward's advice
 */
public record RemediationOption(
    Kind kind, String text, Optional<String> fixedVersion, Optional<String> url, String source) {

  public RemediationOption {
    Objects.requireNonNull(kind, "kind");
    Checks.text(text, "text");
    Objects.requireNonNull(fixedVersion, "fixedVersion");
    Objects.requireNonNull(url, "url");
    Checks.text(source, "source");
  }

  /** Kinds of remediation option. */
  public enum Kind {
    /** Install a vendor fix. */
    PATCH,
    /** Reduce the risk without fixing. */
    MITIGATION,
    /** Change configuration or use to avoid the flaw. */
    WORKAROUND,
    /** The vendor says no fix is available or planned. */
    NO_FIX,
    /** Ward's compensating-control advice for the device category. */
    COMPENSATING_CONTROL;

    /** The kebab-case id, e.g. {@code compensating-control}. */
    public String id() {
      return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
  }
}

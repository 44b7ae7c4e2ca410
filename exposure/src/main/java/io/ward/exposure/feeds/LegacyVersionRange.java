package io.ward.exposure.feeds;

import io.ward.exposure.version.LegacyRanges;
import io.ward.model.exposure.VersionConstraint;
import java.util.Optional;

/**
 * Turns the version text of an advisory entry into a {@link VersionConstraint}: {@code vers:}
 * strings stay ranges; free text ({@code <=4.2}, {@code versions prior to 3.1}, {@code all
 * versions}) is kept verbatim with the matcher's own reading of it ({@link LegacyRanges}), so
 * import and matching never disagree about what a text means.
 */
public final class LegacyVersionRange {

  /** Longest text handed to the range reader; longer text is prose, kept but not read. */
  private static final int MAX_TEXT = 256;

  private LegacyVersionRange() {}

  /** The constraint {@code text} states. Never throws. */
  public static VersionConstraint constraint(String text) {
    String t = text.strip();
    if (t.startsWith("vers:")) {
      try {
        return new VersionConstraint.Vers(t);
      } catch (IllegalArgumentException e) {
        return new VersionConstraint.Legacy(t, Optional.empty());
      }
    }
    return new VersionConstraint.Legacy(t, interpret(t));
  }

  /**
   * The {@code vers} reading of free text, or empty when it is not unambiguous. Dates
   * ("<8/30/2024", "< april 1, 2018", "<May 2018") bound a distribution period, not a version: they
   * are kept as text and never read as a range ({@link LegacyRanges#statesDate}).
   */
  public static Optional<VersionConstraint.Vers> interpret(String text) {
    if (text.length() > MAX_TEXT || LegacyRanges.statesDate(text)) {
      return Optional.empty();
    }
    try {
      return LegacyRanges.toVers(text).map(VersionConstraint.Vers::new);
    } catch (RuntimeException e) {
      // The reader is lenient by design; text it chokes on is simply not read.
      return Optional.empty();
    }
  }
}

package io.ward.exposure.feeds;

import io.ward.model.exposure.VersionConstraint;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the free-text version ranges vendors write in advisories ({@code <=4.2}, {@code >= 1.3.4 |
 * < 1.5.3}, {@code versions prior to 3.1}, {@code all versions}) as {@code vers} ranges. Only
 * unambiguous text is read; anything else (dates, wildcards such as {@code 12.2.x.x}, several
 * product lines, prose) gives empty so the matcher reports "possibly affected" with the text.
 */
public final class LegacyVersionRange {

  /** A version token: starts with a letter or digit, no spaces, no wildcard segment. */
  private static final String VERSION = "([A-Za-z0-9][A-Za-z0-9._\\-+~]{0,63})";

  private static final String OP = "(<=|>=|<|>|=|≤|≥)";

  private static final Pattern ALL =
      Pattern.compile("(?i)(all|all versions|all versions?\\s*\\(.*\\)|any version|\\*)");
  private static final Pattern ONE = Pattern.compile(OP + "?\\s*" + VERSION);
  private static final Pattern TWO =
      Pattern.compile(OP + "\\s*" + VERSION + "\\s*(?:\\||,|and|&&)\\s*" + OP + "\\s*" + VERSION);
  private static final Pattern PRIOR =
      Pattern.compile(
          "(?i)(?:all\\s+)?(?:versions?\\s+)?(?:prior\\s+to|before|earlier\\s+than|older\\s+than|"
              + "below|lower\\s+than|less\\s+than)\\s+(?:version\\s+)?v?"
              + VERSION);
  private static final Pattern UP_TO =
      Pattern.compile(
          "(?i)(?:all\\s+)?(?:versions?\\s+)?(?:up\\s+to(?:\\s+and\\s+including)?|through|until)"
              + "\\s+(?:version\\s+)?"
              + VERSION);
  private static final Pattern AND_PRIOR =
      Pattern.compile(
          "(?i)(?:versions?\\s+)?" + VERSION + "\\s+(?:and|or)\\s+(?:prior|earlier|older|below)");
  private static final Pattern AND_LATER =
      Pattern.compile(
          "(?i)(?:versions?\\s+)?"
              + VERSION
              + "\\s+(?:and|or)\\s+(?:later|newer|above|higher|greater)");
  private static final Pattern BETWEEN =
      Pattern.compile(
          "(?i)(?:versions?\\s+)?(?:between|from)\\s+"
              + VERSION
              + "\\s+(?:and|to|through)\\s+"
              + VERSION);

  private LegacyVersionRange() {}

  /**
   * Reads {@code text} as a version constraint: a {@code vers:} string becomes {@link
   * VersionConstraint.Vers}; anything else a {@link VersionConstraint.Legacy} holding the text and
   * its reading, if any.
   */
  public static VersionConstraint constraint(String text) {
    String t = text.trim();
    if (t.startsWith("vers:")) {
      try {
        return new VersionConstraint.Vers(t);
      } catch (IllegalArgumentException e) {
        return new VersionConstraint.Legacy(t, Optional.empty());
      }
    }
    return new VersionConstraint.Legacy(t, interpret(t));
  }

  /** The {@code vers} reading of free text, or empty when it is not unambiguous. */
  public static Optional<VersionConstraint.Vers> interpret(String text) {
    if (text == null || text.length() > 200) {
      return Optional.empty();
    }
    String t = text.trim().replaceAll("\\s+", " ");
    if (t.isEmpty()) {
      return Optional.empty();
    }
    if (ALL.matcher(t).matches()) {
      return Optional.of(new VersionConstraint.Vers("vers:all/*"));
    }
    Matcher m = ONE.matcher(t);
    if (m.matches()) {
      // A bare token needs a digit to be a version; after an operator a letter ("<=N", the
      // IntelliVue revision) is one too.
      boolean bare = m.group(1) == null;
      if (bare && m.group(2).chars().noneMatch(Character::isDigit)) {
        return Optional.empty();
      }
      return single(bare ? "=" : m.group(1), m.group(2));
    }
    m = TWO.matcher(t);
    if (m.matches()) {
      return pair(op(m.group(1)), m.group(2), op(m.group(3)), m.group(4));
    }
    m = PRIOR.matcher(t);
    if (m.matches()) {
      return single("<", m.group(1));
    }
    m = UP_TO.matcher(t);
    if (m.matches()) {
      return single("<=", m.group(1));
    }
    m = AND_PRIOR.matcher(t);
    if (m.matches()) {
      return single("<=", m.group(1));
    }
    m = AND_LATER.matcher(t);
    if (m.matches()) {
      return single(">=", m.group(1));
    }
    m = BETWEEN.matcher(t);
    if (m.matches()) {
      return pair(">=", m.group(1), "<=", m.group(2));
    }
    return Optional.empty();
  }

  private static Optional<VersionConstraint.Vers> single(String op, String version) {
    if (!plainVersion(version)) {
      return Optional.empty();
    }
    String normalised = op(op);
    String constraint = normalised.equals("=") ? version : normalised + version;
    return Optional.of(new VersionConstraint.Vers("vers:generic/" + constraint));
  }

  private static Optional<VersionConstraint.Vers> pair(
      String lowOp, String low, String highOp, String high) {
    // Only a lower bound followed by an upper bound is a range; two upper bounds name two lines.
    boolean lower = lowOp.startsWith(">");
    boolean upper = highOp.startsWith("<");
    if (!lower || !upper || !plainVersion(low) || !plainVersion(high)) {
      return Optional.empty();
    }
    return Optional.of(
        new VersionConstraint.Vers("vers:generic/" + lowOp + low + "|" + highOp + high));
  }

  private static String op(String op) {
    return switch (op) {
      case "≤" -> "<=";
      case "≥" -> ">=";
      default -> op;
    };
  }

  /** False for wildcards ({@code 12.2.x.x}, {@code 11.*}) and words that are not versions. */
  private static boolean plainVersion(String version) {
    String lower = version.toLowerCase(Locale.ROOT);
    for (String segment : lower.split("[._\\-]")) {
      if (segment.equals("x") || segment.equals("xx") || segment.equals("*")) {
        return false;
      }
    }
    return !(lower.equals("version") || lower.equals("versions") || lower.equals("all"));
  }
}

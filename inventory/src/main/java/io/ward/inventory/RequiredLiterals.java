package io.ward.inventory;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Literal strings of which every match of a regular expression contains at least one, read off the
 * start of the expression, so that a value containing none of them is turned away without running
 * the expression.
 *
 * <p>Why: at the end of an analysis each device's own values (certificate subjects, host names, HL7
 * application names) meet every fingerprint of their field, up to 95 case-insensitive expressions
 * each, and almost all of them fail. Running them was about 100 ms of the 0.27 s the benchmark's
 * inventory and output took.
 *
 * <p>Only a plain head is read: an optional {@code (?i)}, an optional {@code ^}, any lookarounds
 * ({@code (?<!...)}, {@code (?=...)}…), then a run of ordinary characters, or a group {@code (...)}
 * or {@code (?:...)} each of whose alternatives starts with one (after its own lookarounds).
 * Anything else gives no literals, and the expression always runs: flags given to {@code compile}
 * other than case-insensitivity, an inline flag anywhere but a leading {@code (?i)} (it would
 * change how later text reads, even inside a group, and {@code (?x)} turns brackets into comment),
 * a top-level {@code |}, an escape or class at the head, quoting or a control escape ({@code \Q},
 * {@code \c}, which the scan here does not read), nested classes, a head the expression may skip.
 * The test is a necessary condition only: a value that contains a literal still goes to the
 * expression.
 */
final class RequiredLiterals {

  /** ASCII only; lower case when the expression ignores case. */
  private final String[] literals;

  private final boolean ignoreCase;

  private RequiredLiterals(List<String> literals, boolean ignoreCase) {
    this.literals = literals.toArray(String[]::new);
    this.ignoreCase = ignoreCase;
  }

  /** The literals of {@code pattern}, or empty when its head is not plain enough to read them. */
  static Optional<RequiredLiterals> of(Pattern pattern) {
    int flags = pattern.flags();
    if ((flags & ~Pattern.CASE_INSENSITIVE) != 0) {
      return Optional.empty();
    }
    boolean ignoreCase = (flags & Pattern.CASE_INSENSITIVE) != 0;
    String s = pattern.pattern();
    if (!plain(s)) {
      return Optional.empty();
    }
    int i = 0;
    if (s.startsWith("(?i)")) {
      ignoreCase = true;
      i = 4;
    }
    if (i < s.length() && s.charAt(i) == '^') {
      i++;
    }
    i = pastLookarounds(s, i);
    if (i < 0) {
      return Optional.empty();
    }
    List<String> literals = new ArrayList<>();
    if (s.startsWith("(?:", i) || s.startsWith("(", i) && !s.startsWith("(?", i)) {
      int close = closing(s, i);
      if (close < 0 || close + 1 < s.length() && "?*{".indexOf(s.charAt(close + 1)) >= 0) {
        return Optional.empty(); // unbalanced, or a group the expression may skip
      }
      int from = s.startsWith("(?:", i) ? i + 3 : i + 1;
      for (String alternative : alternatives(s, from, close)) {
        int start = pastLookarounds(alternative, 0);
        String literal = start < 0 ? "" : head(alternative, start);
        if (literal.isEmpty()) {
          return Optional.empty();
        }
        literals.add(literal);
      }
    } else {
      String literal = head(s, i);
      if (literal.isEmpty()) {
        return Optional.empty();
      }
      literals.add(literal);
    }
    if (ignoreCase) {
      literals.replaceAll(ObservedValue::asciiLowerCase);
    }
    return Optional.of(new RequiredLiterals(literals, ignoreCase));
  }

  /** False only when no match of the expression can exist in {@code value}. */
  boolean mayMatch(String value) {
    return mayMatch(new ObservedValue(value));
  }

  /** {@link #mayMatch(String)}, lower-casing the value only once for all who test it. */
  boolean mayMatch(ObservedValue value) {
    String v = ignoreCase ? value.asciiLowerCase() : value.value();
    for (String literal : literals) {
      if (v.contains(literal)) {
        return true;
      }
    }
    return false;
  }

  /** The literals, for tests. */
  List<String> literals() {
    return List.of(literals);
  }

  /**
   * Where the text after the lookaround groups at {@code s[from]} starts ({@code (?<!...)}, {@code
   * (?<=...)}, {@code (?!...)}, {@code (?=...)}, as in the knowledge base's word-boundary idiom
   * {@code (?<![A-Za-z0-9])}), or -1 when one does not close or is quantified. A lookaround matches
   * no characters, so the literal after it is still part of every match. Without this step a
   * quarter of the bundled expressions gave no literals and ran on every value of their fields:
   * most of the expression time at the end of an analysis.
   */
  private static int pastLookarounds(String s, int from) {
    int i = from;
    while (s.startsWith("(?<!", i)
        || s.startsWith("(?<=", i)
        || s.startsWith("(?!", i)
        || s.startsWith("(?=", i)) {
      int close = closing(s, i);
      if (close < 0 || close + 1 < s.length() && "?*+{".indexOf(s.charAt(close + 1)) >= 0) {
        return -1;
      }
      i = close + 1;
    }
    return i;
  }

  /**
   * The run of ordinary characters at {@code s[from]}, less its last character when a quantifier
   * that may leave that character out follows ({@code ?}, {@code *}, {@code {}).
   */
  private static String head(String s, int from) {
    int end = from;
    while (end < s.length() && ordinary(s.charAt(end))) {
      end++;
    }
    if (end < s.length() && "?*{".indexOf(s.charAt(end)) >= 0 && end > from) {
      end--;
    }
    return s.substring(from, end);
  }

  /** ASCII letters, digits and punctuation that stand for themselves outside a character class. */
  private static boolean ordinary(char c) {
    return c >= 'a' && c <= 'z'
        || c >= 'A' && c <= 'Z'
        || c >= '0' && c <= '9'
        || " -_/:,=@#%&'\"<>!~;".indexOf(c) >= 0;
  }

  /**
   * True when every group closes; no character class nests another; no {@code |} stands outside all
   * groups (that would make the head one alternative among others); no escape is {@code \Q} or
   * {@code \c}; and no inline flag appears but a {@code (?i)} at the very start.
   */
  private static boolean plain(String s) {
    int depth = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\\' || c == '[') {
        i = tokenEnd(s, i);
        if (i < 0) {
          return false;
        }
      } else if (c == '(' && inlineFlags(s, i) && !(i == 0 && s.startsWith("(?i)"))) {
        return false;
      } else if (c == '(') {
        depth++;
      } else if (c == ')') {
        if (--depth < 0) {
          return false;
        }
      } else if (c == '|' && depth == 0) {
        return false;
      }
    }
    return depth == 0;
  }

  /** True when {@code s[at]} opens {@code (?flags)} or {@code (?flags:...)}, flags or a minus. */
  private static boolean inlineFlags(String s, int at) {
    return at + 2 < s.length()
        && s.charAt(at + 1) == '?'
        && "idmsuxU-".indexOf(s.charAt(at + 2)) >= 0;
  }

  /** The index of the {@code )} closing the group opened at {@code s[open]}, or -1. */
  private static int closing(String s, int open) {
    int depth = 0;
    for (int i = open; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\\' || c == '[') {
        i = tokenEnd(s, i);
        if (i < 0) {
          return -1;
        }
      } else if (c == '(') {
        depth++;
      } else if (c == ')' && --depth == 0) {
        return i;
      }
    }
    return -1;
  }

  /**
   * The alternatives of {@code s[from, to)}, split at the {@code |} outside nested groups; only
   * called on patterns {@link #plain} accepted.
   */
  private static List<String> alternatives(String s, int from, int to) {
    List<String> out = new ArrayList<>();
    int depth = 0;
    int start = from;
    for (int i = from; i < to; i++) {
      char c = s.charAt(i);
      if (c == '\\' || c == '[') {
        i = tokenEnd(s, i);
      } else if (c == '(') {
        depth++;
      } else if (c == ')') {
        depth--;
      } else if (c == '|' && depth == 0) {
        out.add(s.substring(start, i));
        start = i + 1;
      }
    }
    out.add(s.substring(start, to));
    return out;
  }

  /**
   * Where the escape or character class at {@code s[at]} ends (its last index), so the scans above
   * step over it; -1 for what they cannot read: a quoting or control escape ({@code \Q}, {@code
   * \c}), a class that does not end or holds another class.
   */
  private static int tokenEnd(String s, int at) {
    if (s.charAt(at) == '\\') {
      boolean unread = at + 1 < s.length() && "Qc".indexOf(s.charAt(at + 1)) >= 0;
      return unread ? -1 : at + 1;
    }
    int i = at + 1;
    if (i < s.length() && s.charAt(i) == '^') {
      i++;
    }
    if (i < s.length() && s.charAt(i) == ']') {
      i++; // a ] first in the class stands for itself
    }
    for (; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\\') {
        i = tokenEnd(s, i);
        if (i < 0) {
          return -1;
        }
      } else if (c == '[') {
        return -1;
      } else if (c == ']') {
        return i;
      }
    }
    return -1;
  }
}

package io.ward.exposure.version;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads version ranges written as free text in advisories: {@code <=4.2}, {@code prior to 3.1},
 * {@code 2.3.6 and below}, {@code versions 2.0 through 2.5}, {@code >= 1.1 | <= 1.3.2}, {@code B.02
 * C.02 C.03}, {@code all versions}. Text it cannot read unambiguously gives an empty result, never
 * a guess: the matcher then reports "possibly affected" with the text.
 */
public final class LegacyRanges {

  private static final String V =
      "([A-Za-z]{0,3}\\d[\\w.\\-+()]*(?:\\s+(?:(?i:build|sp|mr|rev)|[A-Za-z]{0,3}\\d[\\w.]*))*"
          + "|[A-Z]{1,2}(?:\\.[\\w]+)*)";

  private static final Pattern ALL =
      Pattern.compile(
          "(?i)^(?:\\*|all|any|all (?:software |firmware )?(?:versions?|releases|revisions)"
              + "|all (?:service pack|sp) versions|vers:all/\\*|every version|all models)$");

  private static final Pattern NOISE_PREFIX =
      Pattern.compile(
          "(?i)^(?:(?:all|any)\\s+)?(?:(?:software|firmware|sw|fw)\\s+)?"
              + "(?:versions?|vers?\\.|releases?|revisions?|revs?\\.?)\\s*:?\\s*");

  private static final Pattern PRIOR_TO =
      Pattern.compile(
          "(?i)^(?:prior to|before|earlier than|older than|lower than|less than|below|"
              + "up to but not including|until)\\s+(?:(?:software |firmware )?(?:version|release|v\\.?|ver\\.?)\\s*)?"
              + V
              + "$");

  private static final Pattern AND_PRIOR =
      Pattern.compile(
          "(?i)^"
              + V
              + ",?\\s+(?:and|or|&)\\s+(?:all\\s+)?(?:prior|earlier|below|older|lower|"
              + "previous|before|under)(?:\\s+(?:versions?|releases?))?$");

  private static final Pattern UP_TO =
      Pattern.compile("(?i)^(?:up to(?: and including)?|through|thru|to)\\s+" + V + "$");

  private static final Pattern AND_LATER =
      Pattern.compile(
          "(?i)^"
              + V
              + ",?\\s+(?:and|or|&)\\s+(?:all\\s+)?(?:later|newer|above|higher|after|"
              + "greater|subsequent)(?:\\s+(?:versions?|releases?))?$");

  private static final Pattern FROM =
      Pattern.compile(
          "(?i)^(?:from|since|starting (?:with|at|from))\\s+" + V + "(?:\\s+onwards?)?$");

  private static final Pattern PLUS = Pattern.compile("^" + V + "\\+$");

  private static final Pattern THROUGH =
      Pattern.compile(
          "(?i)^(?:from\\s+)?"
              + V
              + "\\s*(?:through to|through|thru|to|until|-|–|—)\\s*"
              + V
              + "$");

  private static final Pattern BETWEEN =
      Pattern.compile("(?i)^between\\s+" + V + "\\s+and\\s+" + V + "(?:\\s+inclusive)?$");

  private static final Pattern OPERATOR =
      Pattern.compile("^(<=|>=|=<|=>|<|>|=|==|!=|≤|≥)?\\s*(.+)$");

  /**
   * A date in range text: US ({@code 8/30/2024}) or a month name, spelled out or abbreviated, then
   * a day or year ({@code May 2018}, {@code april 1, 2018}). The month must be a whole word:
   * "Marquette 12SL" or "Decision 2" name products, not March or December.
   */
  private static final Pattern DATE =
      Pattern.compile(
          "(?i)\\b\\d{1,2}/\\d{1,2}/(?:\\d{4}|\\d{2})\\b"
              + "|\\b(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?"
              + "|aug(?:ust)?|sep(?:t|tember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
              + "\\.?\\s+\\d");

  /**
   * What separates the words of range text: spaces, operators, list and group signs. A date written
   * with dots or dashes ({@code <8.30.2024}) is one word, judged whole by {@link CalendarBound}.
   */
  private static final Pattern WORD_BREAK = Pattern.compile("[\\s<>=≤≥|,;()\\[\\]]+");

  private LegacyRanges() {}

  /**
   * True when the text bounds by a date ({@code <8/30/2024}, {@code prior to May 2018}, {@code
   * versions prior to 8.30.2024}): a period of distribution, not a version. {@link #parse} still
   * orders such text as numbers (2024.8.30, or version 8.30.2024), so callers reading an advisory's
   * statement must ask this first and leave it unread. A word with dots or dashes is a date by
   * {@link CalendarBound}'s rule, the one the CVE 5 reader applies to its bounds: {@code 8.30.2024}
   * is, {@code 2.10.2024} (a day and month in either order) and {@code 2024.08.30} (calendar
   * versioning) are versions.
   */
  public static boolean statesDate(String text) {
    if (text == null) {
      return false;
    }
    if (DATE.matcher(text).find()) {
      return true;
    }
    for (String word : WORD_BREAK.split(text)) {
      // A sentence may end on the date: "prior to 8.30.2024."
      if (CalendarBound.isDate(word.replaceFirst("[.]$", ""))) {
        return true;
      }
    }
    return false;
  }

  /** The range the text states, empty when it cannot be read unambiguously. */
  public static Optional<VersionRange> parse(String text) {
    if (text != null && plainVersion(text)) {
      // NVD's exact versions (1.0.2, 4.14.3, 1.0.2k, 1.7.0_45): what the patterns below give.
      return Optional.of(VersionRange.exactly(Version.parse(text)));
    }
    return parsePatterns(text);
  }

  /**
   * True for one version written as a digit followed by digits, dots, underscores and single
   * letters between them: no word (so no "to", "and", "sp"), no space, dash or operator, so no
   * pattern but the one-version list can read it.
   */
  static boolean plainVersion(String s) {
    if (s.isEmpty() || s.length() > 64 || s.charAt(0) < '0' || s.charAt(0) > '9') {
      return false;
    }
    boolean letter = false;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      boolean isLetter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
      if (isLetter) {
        if (letter) {
          return false;
        }
      } else if (!((c >= '0' && c <= '9') || c == '.' || c == '_')) {
        return false;
      }
      letter = isLetter;
    }
    char last = s.charAt(s.length() - 1);
    return last != '.' && last != '_';
  }

  /** The range the patterns read (every text; {@link #parse} skips them for plain versions). */
  static Optional<VersionRange> parsePatterns(String text) {
    if (text == null) {
      return Optional.empty();
    }
    String s = clean(text);
    if (s.isEmpty()) {
      return Optional.empty();
    }
    if (ALL.matcher(s).matches()) {
      return Optional.of(VersionRange.all());
    }
    if (s.startsWith("vers:")) {
      return Vers.tryParse(s);
    }
    if (s.matches(".*[<>=≤≥|].*")) {
      return operators(s);
    }
    s = NOISE_PREFIX.matcher(s).replaceFirst("");
    Matcher m;
    if ((m = PRIOR_TO.matcher(s)).matches()) {
      return version(m.group(1)).map(v -> VersionRange.below(v, false));
    }
    if ((m = AND_PRIOR.matcher(s)).matches() || (m = UP_TO.matcher(s)).matches()) {
      return version(m.group(1)).map(v -> VersionRange.below(v, true));
    }
    if ((m = AND_LATER.matcher(s)).matches()
        || (m = FROM.matcher(s)).matches()
        || (m = PLUS.matcher(s)).matches()) {
      return version(m.group(1)).map(v -> VersionRange.above(v, true));
    }
    if ((m = BETWEEN.matcher(s)).matches() || (m = THROUGH.matcher(s)).matches()) {
      Optional<Version> lo = version(m.group(1));
      Optional<Version> hi = version(m.group(2));
      if (lo.isPresent() && hi.isPresent() && lo.get().compareTo(hi.get()) <= 0) {
        return Optional.of(VersionRange.between(lo.get(), true, hi.get(), true));
      }
      return Optional.empty();
    }
    return list(s);
  }

  /**
   * The text as a canonical {@code vers:generic/…} range; empty when it cannot be read, or when its
   * range has no {@code vers} spelling: {@code 0-0} reads as 0 and the 0.x family, which would be
   * written {@code >=0|<=0}, a version named twice, which {@code vers} forbids. Such text is still
   * matched, by reading it again ({@link #parse}).
   */
  public static Optional<String> toVers(String text) {
    return parse(text)
        .map(r -> Vers.format("generic", r))
        .filter(v -> Vers.tryParse(v).isPresent());
  }

  private static String clean(String text) {
    String s = text.strip().replaceAll("\\s+", " ");
    if (s.startsWith("(") && s.endsWith(")")) {
      s = s.substring(1, s.length() - 1).strip();
    }
    return s;
  }

  /** Constraints joined by {@code |} or commas: read as vers when ordered, else as a union. */
  private static Optional<VersionRange> operators(String s) {
    List<String> parts = new ArrayList<>();
    for (String p : s.split("\\||,|\\band\\b|&&")) {
      if (!p.isBlank()) {
        parts.add(p.strip());
      }
    }
    List<String> vers = new ArrayList<>();
    VersionRange union = VersionRange.none();
    VersionRange lines = VersionRange.none();
    java.util.Set<String> prefixes = new java.util.HashSet<>();
    boolean upperBoundsOnly = parts.size() > 1;
    for (String p : parts) {
      Matcher m = OPERATOR.matcher(p);
      if (!m.matches()) {
        return Optional.empty();
      }
      String op = m.group(1) == null ? "=" : canonicalOperator(m.group(1));
      String text = NOISE_PREFIX.matcher(m.group(2).strip()).replaceFirst("");
      Optional<Version> v = version(text);
      if (v.isEmpty()) {
        return Optional.empty();
      }
      vers.add(op.equals("=") ? encode(text) : op + encode(text));
      union = union.union(single(op, v.get()));
      Matcher line = LINE_PREFIX.matcher(text);
      if ((op.equals("<") || op.equals("<=")) && line.lookingAt()) {
        prefixes.add(line.group(1).toUpperCase(java.util.Locale.ROOT));
        Optional<Version> start = Version.tryParse(line.group(1) + "0");
        if (start.isEmpty()) {
          upperBoundsOnly = false;
        } else {
          lines = lines.union(VersionRange.between(start.get(), true, v.get(), op.equals("<=")));
        }
      } else {
        upperBoundsOnly = false;
      }
    }
    // "<= U61 |<= L81" (icsma-20-296-02: U61 and earlier in the United States, L81 and earlier
    // elsewhere) bounds two release lines, one per letter: read as one union, U62 fell under L81
    // (and "U" reads as "update", below every L version). Each bound keeps to its own line.
    if (upperBoundsOnly && prefixes.size() == parts.size()) {
      return Optional.of(lines);
    }
    Optional<VersionRange> ordered = Vers.tryParse("vers:generic/" + String.join("|", vers));
    return Optional.of(ordered.orElse(union));
  }

  /** A version's release-line letters: {@code U} of {@code U61}, {@code L} of {@code L81}. */
  private static final Pattern LINE_PREFIX = Pattern.compile("([A-Za-z]{1,3})\\d");

  private static String encode(String version) {
    return version.replace("%", "%25").replace("|", "%7C").replace(" ", "%20");
  }

  private static String canonicalOperator(String op) {
    switch (op) {
      case "=<":
      case "≤":
        return "<=";
      case "=>":
      case "≥":
        return ">=";
      case "==":
        return "=";
      default:
        return op;
    }
  }

  private static VersionRange single(String op, Version v) {
    switch (op) {
      case "<":
        return VersionRange.below(v, false);
      case "<=":
        return VersionRange.below(v, true);
      case ">":
        return VersionRange.above(v, false);
      case ">=":
        return VersionRange.above(v, true);
      case "!=":
        return VersionRange.exactly(v).complement();
      default:
        return VersionRange.exactly(v);
    }
  }

  /** One version or a list of versions ({@code B.02 C.02 C.03}, {@code 3.36 and 3.40}). */
  private static Optional<VersionRange> list(String s) {
    String[] parts = s.split("\\s*(?:,|;|\\band\\b|\\bor\\b|&)\\s*");
    List<String> versions = new ArrayList<>();
    for (String part : parts) {
      if (part.isBlank()) {
        continue;
      }
      List<String> tokens = splitSpaced(part.strip());
      if (tokens.isEmpty()) {
        return Optional.empty();
      }
      versions.addAll(tokens);
    }
    if (versions.isEmpty()) {
      return Optional.empty();
    }
    VersionRange r = VersionRange.none();
    for (String t : versions) {
      Optional<Version> v = version(t);
      if (v.isEmpty()) {
        return Optional.empty();
      }
      r = r.union(VersionRange.exactly(v.get()));
    }
    return Optional.of(r);
  }

  /**
   * Splits {@code B.02 C.02} into versions, but keeps {@code 1.1.3 Build 10} and {@code V2.1.3 SP2}
   * whole: a word without digits or a suffix keyword joins the version before it.
   */
  private static List<String> splitSpaced(String part) {
    String[] words = part.split(" ");
    List<String> out = new ArrayList<>();
    boolean allVersions = true;
    for (String w : words) {
      if (!looksLikeVersion(w)) {
        allVersions = false;
      }
    }
    if (!allVersions) {
      return looksLikeVersion(words[0]) || words.length == 1 ? List.of(part) : List.of();
    }
    for (String w : words) {
      String lower = w.replaceAll("\\d+$", "").toLowerCase(java.util.Locale.ROOT);
      if (!out.isEmpty() && Keywords.isSuffix(lower)) {
        out.set(out.size() - 1, out.get(out.size() - 1) + " " + w);
      } else {
        out.add(w);
      }
    }
    return out;
  }

  /** A token that could be a version: holds a digit, or is a revision code such as {@code N}. */
  private static boolean looksLikeVersion(String w) {
    return w.matches("[vV]?[A-Za-z]{0,4}\\d[\\w.\\-+]*") || w.matches("[A-Z]{1,2}(\\.\\w+)*");
  }

  private static Optional<Version> version(String text) {
    String t = text.strip();
    if (t.isEmpty() || t.matches(".*[<>=|≤≥].*")) {
      return Optional.empty();
    }
    if (!VersionTokenizer.normalizeDates(t).equals(t)) {
      return Version.tryParse(t);
    }
    String[] words = t.split(" ");
    if (!looksLikeVersion(words[0])) {
      return Optional.empty();
    }
    for (int i = 1; i < words.length; i++) {
      String bare = words[i].replaceAll("\\d+$", "").toLowerCase(java.util.Locale.ROOT);
      if (!(Keywords.isSuffix(bare) || looksLikeVersion(words[i]))) {
        return Optional.empty();
      }
    }
    return Version.tryParse(t);
  }
}

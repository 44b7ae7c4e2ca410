package io.ward.exposure.version;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The package-url {@code vers} range syntax ({@code vers:<scheme>/<constraint>|<constraint>…},
 * VERSION-RANGE-SPEC "Parsing and validating"), read into a {@link VersionRange}.
 *
 * <p>Versions of every scheme compare with Ward's {@link Version} order except {@code
 * lexicographic}, which is refused (Ward has no byte-order versions on devices). Two deliberate
 * readings: an inclusive upper bound covers the builds of its version ({@link
 * Version#prefixCeiling()}), and a range made only of {@code !=} constraints means every version
 * but those (the spec's containment procedure would give the empty set, which no publisher means).
 */
public final class Vers {

  /** A comparator of one constraint. */
  enum Comparator {
    EQ(""),
    NE("!="),
    LT("<"),
    LE("<="),
    GT(">"),
    GE(">=");

    final String symbol;

    Comparator(String symbol) {
      this.symbol = symbol;
    }

    boolean lesser() {
      return this == LT || this == LE;
    }

    boolean greater() {
      return this == GT || this == GE;
    }
  }

  /** One parsed constraint. */
  record Constraint(Comparator comparator, Version version) {}

  private Vers() {}

  /**
   * Reads a {@code vers} range.
   *
   * @throws VersException when the text is not a valid {@code vers} (wrong scheme, empty or
   *     duplicated versions, a star among other constraints, comparators out of order)
   */
  public static VersionRange parse(String text) {
    String s = text == null ? "" : text.replace(" ", "").replace("\t", "");
    int colon = s.indexOf(':');
    if (colon < 0 || !s.substring(0, colon).equals("vers")) {
      throw new VersException("not a vers range (no 'vers:' scheme): " + text);
    }
    String spec = s.substring(colon + 1);
    int slash = spec.indexOf('/');
    if (slash <= 0) {
      throw new VersException("no versioning scheme in: " + text);
    }
    String scheme = spec.substring(0, slash);
    if (!scheme.equals(scheme.toLowerCase(Locale.ROOT))) {
      throw new VersException("versioning scheme must be lower case: " + text);
    }
    if (scheme.equals("lexicographic")) {
      throw new VersException("lexicographic versions are not supported: " + text);
    }
    String constraints = spec.substring(slash + 1);
    if (constraints.isEmpty()) {
      throw new VersException("no constraints in: " + text);
    }
    if (constraints.equals("*")) {
      return scheme.equals("none") ? VersionRange.none() : VersionRange.all();
    }
    if (scheme.equals("all") || scheme.equals("none")) {
      throw new VersException("'" + scheme + "' allows only '*': " + text);
    }
    return toRange(validate(constraints(constraints, text), text));
  }

  /** Reads a {@code vers} range, empty when it is not valid. */
  public static Optional<VersionRange> tryParse(String text) {
    try {
      return Optional.of(parse(text));
    } catch (VersException e) {
      return Optional.empty();
    }
  }

  /**
   * Writes a range as {@code vers} in the given scheme. Ceilings added for inclusive bounds are
   * written as the version they came from, so {@code parse(format(r))} gives {@code r} back.
   */
  public static String format(String scheme, VersionRange range) {
    if (range.isAll()) {
      return "vers:" + (scheme.isEmpty() ? "all" : scheme) + "/*";
    }
    if (range.isEmpty()) {
      return "vers:none/*";
    }
    List<String> parts = new ArrayList<>();
    List<Interval> intervals = range.intervals();
    for (int i = 0; i < intervals.size(); i++) {
      Interval in = intervals.get(i);
      Optional<Version> gap =
          excludedPoint(in, i + 1 < intervals.size() ? intervals.get(i + 1) : null);
      if (gap.isPresent()) {
        // Two intervals around one missing version: "!=v" keeps the constraint list valid.
        in.lower().ifPresent(v -> parts.add((in.lowerInclusive() ? ">=" : ">") + encode(v.text())));
        parts.add("!=" + encode(gap.get().text()));
        Interval next = intervals.get(i + 1);
        intervals = new ArrayList<>(intervals);
        intervals.set(
            i + 1, new Interval(Optional.empty(), false, next.upper(), next.upperInclusive()));
        continue;
      }
      if (in.lower().isPresent()
          && in.upper().isPresent()
          && in.lowerInclusive()
          && in.upperInclusive()
          && sameVersion(in.lower().get(), in.upper().get())) {
        parts.add(encode(in.lower().get().text()));
        continue;
      }
      in.lower().ifPresent(v -> parts.add((in.lowerInclusive() ? ">=" : ">") + encode(v.text())));
      in.upper().ifPresent(v -> parts.add((in.upperInclusive() ? "<=" : "<") + encode(v.text())));
    }
    return "vers:" + scheme + "/" + String.join("|", parts);
  }

  private static Optional<Version> excludedPoint(Interval in, Interval next) {
    if (next == null || in.upper().isEmpty() || next.lower().isEmpty()) {
      return Optional.empty();
    }
    boolean bothOpen = !in.upperInclusive() && !next.lowerInclusive();
    return bothOpen && sameVersion(in.upper().get(), next.lower().get())
        ? in.upper()
        : Optional.empty();
  }

  /** Equal, or the two ends of one wildcard version ({@code 5.x}) that share its text. */
  private static boolean sameVersion(Version a, Version b) {
    return a.equals(b) || (a.text().equals(b.text()) && Version.parse(a.text()).hasWildcard());
  }

  private static List<Constraint> constraints(String constraints, String text) {
    List<Constraint> out = new ArrayList<>();
    for (String raw : constraints.split("\\|")) {
      if (raw.isEmpty()) {
        continue; // consecutive, leading and trailing pipes count as one
      }
      Comparator cmp = Comparator.EQ;
      for (Comparator c : new Comparator[] {Comparator.GE, Comparator.LE, Comparator.NE}) {
        if (raw.startsWith(c.symbol)) {
          cmp = c;
          break;
        }
      }
      if (cmp == Comparator.EQ) {
        if (raw.startsWith("<")) {
          cmp = Comparator.LT;
        } else if (raw.startsWith(">")) {
          cmp = Comparator.GT;
        } else if (raw.startsWith("=")) {
          raw = raw.substring(1); // tolerated: an explicit equality
        }
      }
      String version = decode(raw.substring(cmp.symbol.length()), text);
      if (version.isEmpty() || version.equals("*")) {
        throw new VersException("empty version or misplaced '*' in: " + text);
      }
      out.add(new Constraint(cmp, Version.parse(version)));
    }
    if (out.isEmpty()) {
      throw new VersException("no constraints in: " + text);
    }
    return out;
  }

  /** Sorts the constraints and applies the spec's uniqueness and alternation rules. */
  private static List<Constraint> validate(List<Constraint> in, String text) {
    List<Constraint> sorted = new ArrayList<>(in);
    sorted.sort((a, b) -> a.version().compareTo(b.version()));
    Set<Version> seen = new HashSet<>();
    for (Constraint c : sorted) {
      if (!seen.add(c.version())) {
        throw new VersException("duplicated version " + c.version().text() + " in: " + text);
      }
    }
    Comparator previous = null;
    for (Constraint c : sorted) {
      Comparator cur = c.comparator();
      if (cur == Comparator.NE) {
        continue;
      }
      if (previous != null) {
        boolean ok =
            previous == Comparator.EQ
                ? (cur == Comparator.EQ || cur.greater())
                : previous.lesser() ? (cur == Comparator.EQ || cur.greater()) : cur.lesser();
        if (!ok) {
          throw new VersException(
              "constraint "
                  + cur.symbol
                  + c.version().text()
                  + " cannot follow "
                  + previous.symbol
                  + " in: "
                  + text);
        }
      }
      previous = cur;
    }
    return sorted;
  }

  /** Turns validated, sorted constraints into intervals (spec "Checking if a version is…"). */
  private static VersionRange toRange(List<Constraint> sorted) {
    List<Constraint> ranges = new ArrayList<>();
    VersionRange equal = VersionRange.none();
    VersionRange excluded = VersionRange.none();
    for (Constraint c : sorted) {
      if (c.comparator() == Comparator.EQ) {
        equal = equal.union(VersionRange.exactly(c.version()));
      } else if (c.comparator() == Comparator.NE) {
        excluded = excluded.union(VersionRange.exactly(c.version()));
      } else {
        ranges.add(c);
      }
    }
    if (ranges.size() == 1 && equal.isEmpty() && excluded.isEmpty()) {
      Constraint c = ranges.get(0); // the common case: one bound
      return c.comparator().lesser()
          ? VersionRange.below(c.version(), c.comparator() == Comparator.LE)
          : VersionRange.above(c.version(), c.comparator() == Comparator.GE);
    }
    VersionRange result = VersionRange.none();
    for (int i = 0; i < ranges.size(); i++) {
      Constraint c = ranges.get(i);
      if (c.comparator().lesser()) {
        if (i == 0) {
          result = result.union(VersionRange.below(c.version(), c.comparator() == Comparator.LE));
        }
      } else if (i + 1 < ranges.size()) {
        Constraint next = ranges.get(i + 1);
        result =
            result.union(
                VersionRange.between(
                    c.version(),
                    c.comparator() == Comparator.GE,
                    next.version(),
                    next.comparator() == Comparator.LE));
      } else {
        result = result.union(VersionRange.above(c.version(), c.comparator() == Comparator.GE));
      }
    }
    if (ranges.isEmpty() && equal.isEmpty()) {
      result = VersionRange.all();
    }
    if (!equal.isEmpty()) {
      result = result.union(equal);
    }
    return excluded.isEmpty() ? result : result.minus(excluded);
  }

  private static String encode(String version) {
    StringBuilder sb = new StringBuilder();
    for (byte b : version.getBytes(StandardCharsets.UTF_8)) {
      char c = (char) (b & 0xff);
      if (c < 0x21 || c > 0x7e || "><=!*|%:/".indexOf(c) >= 0) {
        sb.append('%').append(String.format(Locale.ROOT, "%02X", b & 0xff));
      } else {
        sb.append(c);
      }
    }
    return sb.toString();
  }

  private static String decode(String s, String text) {
    if (s.indexOf('%') < 0) {
      return s;
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '%') {
        if (i + 2 >= s.length()) {
          throw new VersException("bad percent-encoding in: " + text);
        }
        int hi = Character.digit(s.charAt(i + 1), 16);
        int lo = Character.digit(s.charAt(i + 2), 16);
        if (hi < 0 || lo < 0) {
          throw new VersException("bad percent-encoding in: " + text);
        }
        out.write(hi * 16 + lo);
        i += 2;
      } else {
        byte[] bytes = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
        out.write(bytes, 0, bytes.length);
      }
    }
    return out.toString(StandardCharsets.UTF_8);
  }
}

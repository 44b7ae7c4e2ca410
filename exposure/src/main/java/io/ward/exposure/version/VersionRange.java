package io.ward.exposure.version;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * A set of versions: a union of disjoint intervals kept sorted, so membership is a binary search
 * and the complement is exact. Built from {@code vers} ranges ({@link Vers}), free text ({@link
 * LegacyRanges}) or directly.
 */
public final class VersionRange {

  private static final VersionRange ALL = new VersionRange(List.of(Interval.ALL));
  private static final VersionRange NONE = new VersionRange(List.of());

  private final List<Interval> intervals;

  private VersionRange(List<Interval> normalized) {
    this.intervals = List.copyOf(normalized);
  }

  /** Every version. */
  public static VersionRange all() {
    return ALL;
  }

  /** No version. */
  public static VersionRange none() {
    return NONE;
  }

  /** Exactly {@code v}; a wildcard version ({@code 5.x}) stands for every version it covers. */
  public static VersionRange exactly(Version v) {
    if (v.hasWildcard()) {
      return between(v.withoutWildcard(), true, v.prefixCeiling(), true);
    }
    return of(List.of(Interval.exactly(v)));
  }

  /** Versions below {@code v}, or up to it when {@code inclusive} (covering its builds). */
  public static VersionRange below(Version v, boolean inclusive) {
    Version bound = inclusive ? v.prefixCeiling() : v.withoutWildcard();
    return of(List.of(new Interval(Optional.empty(), false, Optional.of(bound), inclusive)));
  }

  /** Versions above {@code v}, or from it when {@code inclusive}. */
  public static VersionRange above(Version v, boolean inclusive) {
    Version bound = inclusive ? v.withoutWildcard() : v.prefixCeiling();
    return of(List.of(new Interval(Optional.of(bound), inclusive, Optional.empty(), false)));
  }

  /** Versions between two bounds; an inclusive upper bound covers the builds of its version. */
  public static VersionRange between(
      Version lower, boolean lowerInclusive, Version upper, boolean upperInclusive) {
    Version lo = lowerInclusive ? lower.withoutWildcard() : lower.prefixCeiling();
    Version hi = upperInclusive ? upper.prefixCeiling() : upper.withoutWildcard();
    return of(
        List.of(new Interval(Optional.of(lo), lowerInclusive, Optional.of(hi), upperInclusive)));
  }

  /** The union of the given intervals. */
  public static VersionRange of(Collection<Interval> intervals) {
    return new VersionRange(normalize(intervals));
  }

  /** The disjoint intervals, ascending. */
  public List<Interval> intervals() {
    return intervals;
  }

  /** True when {@code v} lies in the range. */
  public boolean contains(Version v) {
    int lo = 0;
    int hi = intervals.size() - 1;
    while (lo <= hi) {
      int mid = (lo + hi) >>> 1;
      Interval in = intervals.get(mid);
      if (!in.aboveLower(v)) {
        hi = mid - 1;
      } else if (!in.belowUpper(v)) {
        lo = mid + 1;
      } else {
        return true;
      }
    }
    return false;
  }

  /** True when the range holds every version. */
  public boolean isAll() {
    return intervals.size() == 1 && intervals.get(0).equals(Interval.ALL);
  }

  /** True when the range holds no version. */
  public boolean isEmpty() {
    return intervals.isEmpty();
  }

  /** The lowest version of the range when it is bounded below. */
  public Optional<Version> lowest() {
    return intervals.isEmpty() ? Optional.empty() : intervals.get(0).lower();
  }

  /** The upper end of the range when it is bounded above. */
  public Optional<Version> highest() {
    return intervals.isEmpty() ? Optional.empty() : intervals.get(intervals.size() - 1).upper();
  }

  /** Every version not in this range. */
  public VersionRange complement() {
    if (intervals.isEmpty()) {
      return ALL;
    }
    List<Interval> out = new ArrayList<>();
    Optional<Version> prevUpper = Optional.empty();
    boolean prevUpperInclusive = false;
    boolean first = true;
    for (Interval in : intervals) {
      if (first) {
        if (in.lower().isPresent()) {
          out.add(new Interval(Optional.empty(), false, in.lower(), !in.lowerInclusive()));
        }
        first = false;
      } else {
        out.add(new Interval(prevUpper, !prevUpperInclusive, in.lower(), !in.lowerInclusive()));
      }
      prevUpper = in.upper();
      prevUpperInclusive = in.upperInclusive();
    }
    if (prevUpper.isPresent()) {
      out.add(new Interval(prevUpper, !prevUpperInclusive, Optional.empty(), false));
    }
    return of(out);
  }

  /** Versions in this range or the other. */
  public VersionRange union(VersionRange other) {
    List<Interval> all = new ArrayList<>(intervals);
    all.addAll(other.intervals);
    return of(all);
  }

  /** Versions in both ranges. */
  public VersionRange intersect(VersionRange other) {
    return complement().union(other.complement()).complement();
  }

  /** Versions in this range and not in the other. */
  public VersionRange minus(VersionRange other) {
    return intersect(other.complement());
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof VersionRange && intervals.equals(((VersionRange) o).intervals);
  }

  @Override
  public int hashCode() {
    return intervals.hashCode();
  }

  @Override
  public String toString() {
    if (intervals.isEmpty()) {
      return "{}";
    }
    List<String> parts = new ArrayList<>();
    for (Interval in : intervals) {
      parts.add(in.toString());
    }
    return String.join(" ∪ ", parts);
  }

  private static final Comparator<Interval> BY_LOWER =
      (a, b) -> {
        if (a.lower().isEmpty() || b.lower().isEmpty()) {
          return Boolean.compare(b.lower().isEmpty(), a.lower().isEmpty());
        }
        int c = a.lower().get().compareTo(b.lower().get());
        return c != 0 ? c : Boolean.compare(b.lowerInclusive(), a.lowerInclusive());
      };

  private static List<Interval> normalize(Collection<Interval> input) {
    List<Interval> sorted = new ArrayList<>();
    for (Interval in : input) {
      if (!in.isEmpty()) {
        sorted.add(canonical(in));
      }
    }
    sorted.sort(BY_LOWER);
    List<Interval> out = new ArrayList<>();
    for (Interval in : sorted) {
      if (out.isEmpty()) {
        out.add(in);
        continue;
      }
      Interval last = out.get(out.size() - 1);
      if (touches(last, in)) {
        out.set(out.size() - 1, merge(last, in));
      } else {
        out.add(in);
      }
    }
    return out;
  }

  private static Interval canonical(Interval in) {
    return new Interval(
        in.lower(),
        in.lower().isPresent() && in.lowerInclusive(),
        in.upper(),
        in.upper().isPresent() && in.upperInclusive());
  }

  /** True when {@code next} (starting no lower than {@code last}) overlaps or adjoins it. */
  private static boolean touches(Interval last, Interval next) {
    if (last.upper().isEmpty() || next.lower().isEmpty()) {
      return true;
    }
    int c = next.lower().get().compareTo(last.upper().get());
    return c < 0 || (c == 0 && (last.upperInclusive() || next.lowerInclusive()));
  }

  private static Interval merge(Interval a, Interval b) {
    if (a.upper().isEmpty() || b.upper().isEmpty()) {
      return new Interval(a.lower(), a.lowerInclusive(), Optional.empty(), false);
    }
    int c = a.upper().get().compareTo(b.upper().get());
    if (c > 0 || (c == 0 && a.upperInclusive())) {
      return new Interval(a.lower(), a.lowerInclusive(), a.upper(), a.upperInclusive());
    }
    return new Interval(a.lower(), a.lowerInclusive(), b.upper(), b.upperInclusive());
  }
}

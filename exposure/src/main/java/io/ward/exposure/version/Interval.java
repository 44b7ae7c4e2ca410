package io.ward.exposure.version;

import java.util.Optional;

/**
 * A contiguous set of versions between two bounds; a missing bound is unbounded.
 *
 * @param lower the lower end, empty when unbounded below
 * @param lowerInclusive whether {@code lower} itself is in the interval
 * @param upper the upper end, empty when unbounded above
 * @param upperInclusive whether {@code upper} itself is in the interval
 */
public record Interval(
    Optional<Version> lower,
    boolean lowerInclusive,
    Optional<Version> upper,
    boolean upperInclusive) {

  /** Every version. */
  public static final Interval ALL = new Interval(Optional.empty(), false, Optional.empty(), false);

  /** Exactly one version. */
  public static Interval exactly(Version v) {
    return new Interval(Optional.of(v), true, Optional.of(v), true);
  }

  /** True when {@code v} lies in the interval. */
  public boolean contains(Version v) {
    return aboveLower(v) && belowUpper(v);
  }

  /** True when {@code v} is not below the lower bound. */
  boolean aboveLower(Version v) {
    if (lower.isEmpty()) {
      return true;
    }
    int c = v.compareTo(lower.get());
    return c > 0 || (c == 0 && lowerInclusive);
  }

  /** True when {@code v} is not above the upper bound. */
  boolean belowUpper(Version v) {
    if (upper.isEmpty()) {
      return true;
    }
    int c = v.compareTo(upper.get());
    return c < 0 || (c == 0 && upperInclusive);
  }

  /** True when no version can lie in it. */
  boolean isEmpty() {
    if (lower.isEmpty() || upper.isEmpty()) {
      return false;
    }
    int c = lower.get().compareTo(upper.get());
    return c > 0 || (c == 0 && !(lowerInclusive && upperInclusive));
  }

  @Override
  public String toString() {
    String lo = lower.map(v -> (lowerInclusive ? "[" : "(") + v.text()).orElse("(-inf");
    String hi = upper.map(v -> v.text() + (upperInclusive ? "]" : ")")).orElse("+inf)");
    return lo + ", " + hi;
  }
}

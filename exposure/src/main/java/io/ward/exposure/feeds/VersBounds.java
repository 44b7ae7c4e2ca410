package io.ward.exposure.feeds;

import io.ward.exposure.version.Vers;
import io.ward.exposure.version.Version;
import io.ward.exposure.version.VersionRange;
import io.ward.model.exposure.VersionConstraint;
import java.util.Optional;

/**
 * Builds {@code vers} constraints from the bound fields of NVD ({@code versionStartIncluding}…) and
 * CVE 5 ({@code version}/{@code lessThan}…) through the matcher's own range writer, so versions are
 * escaped and ordered the way the matcher reads them. Not part of the public API.
 */
public final class VersBounds {

  private VersBounds() {}

  /**
   * The constraint for a lower and an upper bound, either may be absent; empty when a bound is not
   * a version the matcher can order or the range is empty.
   */
  public static Optional<VersionConstraint> range(
      Optional<String> low, boolean lowInclusive, Optional<String> high, boolean highInclusive) {
    try {
      Optional<Version> lo = low.flatMap(Version::tryParse);
      Optional<Version> hi = high.flatMap(Version::tryParse);
      if (lo.isPresent() != low.isPresent() || hi.isPresent() != high.isPresent()) {
        return Optional.empty();
      }
      VersionRange range;
      if (lo.isPresent() && hi.isPresent()) {
        if (lo.get().compareTo(hi.get()) > 0) {
          return Optional.empty();
        }
        range = VersionRange.between(lo.get(), lowInclusive, hi.get(), highInclusive);
      } else if (lo.isPresent()) {
        range = VersionRange.above(lo.get(), lowInclusive);
      } else if (hi.isPresent()) {
        range = VersionRange.below(hi.get(), highInclusive);
      } else {
        range = VersionRange.all();
      }
      return Optional.of(new VersionConstraint.Vers(Vers.format("generic", range)));
    } catch (RuntimeException e) {
      // An odd bound ("n/a", empty ranges) means the entry is kept without a readable range.
      return Optional.empty();
    }
  }
}

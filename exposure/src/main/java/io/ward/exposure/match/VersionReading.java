package io.ward.exposure.match;

import io.ward.exposure.version.LegacyRanges;
import io.ward.exposure.version.Vers;
import io.ward.exposure.version.Version;
import io.ward.exposure.version.VersionRange;
import io.ward.model.exposure.MatchRule;
import io.ward.model.exposure.VersionConstraint;
import java.util.List;
import java.util.Optional;

/**
 * An advisory product's version statement as Ward reads it.
 *
 * @param range the versions covered, empty when the statement is absent or unreadable
 * @param rule the rule that reads it
 * @param text the statement as published
 */
record VersionReading(Optional<VersionRange> range, MatchRule rule, Optional<String> text) {

  /** Reads a product's version constraint; NVD-style products may carry it in a CPE name. */
  static VersionReading of(VersionConstraint c, List<String> cpes) {
    VersionReading reading = of(c);
    if (reading.range.isEmpty() && reading.rule == MatchRule.PRODUCT_ONLY) {
      Optional<String> v = cpeVersion(cpes);
      if (v.isPresent()) {
        return new VersionReading(
            Optional.of(VersionRange.exactly(Version.parse(v.get()))), MatchRule.CPE, v);
      }
    }
    return reading;
  }

  /** The version of the first CPE name that names one. */
  static Optional<String> cpeVersion(List<String> cpes) {
    for (String c : cpes) {
      Optional<String> v = Cpes.version(c);
      if (v.isPresent()) {
        return v;
      }
    }
    return Optional.empty();
  }

  /** The statement as published (for a statement that says nothing: its CPE name's version). */
  static Optional<String> statedText(VersionConstraint c, List<String> cpes) {
    if (c instanceof VersionConstraint.Exact) {
      return Optional.of(((VersionConstraint.Exact) c).version());
    }
    if (c instanceof VersionConstraint.Vers) {
      return Optional.of(((VersionConstraint.Vers) c).vers());
    }
    if (c instanceof VersionConstraint.Legacy) {
      return Optional.of(((VersionConstraint.Legacy) c).text());
    }
    return cpeVersion(cpes);
  }

  /** True when the statement needs the CPE names to be read (it says nothing itself). */
  static boolean usesCpe(VersionConstraint c) {
    return c instanceof VersionConstraint.Unknown;
  }

  private static VersionReading of(VersionConstraint c) {
    if (c instanceof VersionConstraint.Exact) {
      String v = ((VersionConstraint.Exact) c).version();
      Optional<VersionRange> r = v.startsWith("vers:") ? Vers.tryParse(v) : LegacyRanges.parse(v);
      boolean single = r.isPresent() && r.get().intervals().size() == 1 && !r.get().isAll();
      MatchRule rule =
          v.startsWith("vers:") ? MatchRule.VERS : single ? MatchRule.EXACT : MatchRule.LEGACY;
      return new VersionReading(r, rule, Optional.of(v));
    }
    if (c instanceof VersionConstraint.Vers) {
      String v = ((VersionConstraint.Vers) c).vers();
      return new VersionReading(Vers.tryParse(v), MatchRule.VERS, Optional.of(v));
    }
    if (c instanceof VersionConstraint.Legacy) {
      VersionConstraint.Legacy l = (VersionConstraint.Legacy) c;
      // Text without a reading is read again, for ranges vers cannot spell ("0-0"), but not a
      // date: the import left it unread on purpose, and LegacyRanges would order "<May 2018" as
      // version 2018.5. Unread, the device is reported possibly affected with the statement.
      Optional<VersionRange> r =
          l.interpreted()
              .flatMap(v -> Vers.tryParse(v.vers()))
              .or(
                  () ->
                      LegacyRanges.statesDate(l.text())
                          ? Optional.empty()
                          : LegacyRanges.parse(l.text()));
      return new VersionReading(r, MatchRule.LEGACY, Optional.of(l.text()));
    }
    return new VersionReading(Optional.empty(), MatchRule.PRODUCT_ONLY, Optional.empty());
  }

  /** True when the advisory gave a statement Ward could not read. */
  boolean unreadable() {
    return range.isEmpty() && rule != MatchRule.PRODUCT_ONLY;
  }
}

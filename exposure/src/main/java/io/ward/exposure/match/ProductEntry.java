package io.ward.exposure.match;

import com.github.packageurl.PackageURL;
import io.ward.exposure.cpe.CpeName;
import io.ward.exposure.cpe.Purls;
import io.ward.exposure.version.LegacyRanges;
import io.ward.exposure.version.Vers;
import io.ward.exposure.version.Version;
import io.ward.exposure.version.VersionRange;
import io.ward.model.exposure.Advisory;
import io.ward.model.exposure.AffectedProduct;
import io.ward.model.exposure.MatchRule;
import io.ward.model.exposure.VersionConstraint;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * One advisory product compiled for matching: its vendor id, identifying words, model ranges,
 * identification helpers (CPE, purl) and its version statement read as a {@link VersionRange}.
 */
record ProductEntry(
    Advisory advisory,
    AffectedProduct product,
    String vendorId,
    String normalizedName,
    Set<String> tokens,
    List<Names.ModelRange> ranges,
    Set<String> modelNumbers,
    Optional<VersionRange> range,
    MatchRule rule,
    Optional<String> constraintText,
    List<String> cpeKeys,
    List<String> purlKeys,
    Optional<String> purlVersion) {

  static ProductEntry of(Advisory advisory, AffectedProduct p, VendorAliases aliases) {
    String vendor = p.vendor().orElse("");
    String vendorId = vendor.isBlank() ? "" : aliases.canonical(vendor);
    Set<String> vendorWords = Names.vendorWords(vendor);
    vendorWords.addAll(Names.vendorWords(vendorId.replace('-', ' ')));
    String name = p.productName().orElse(p.name());
    Set<String> tokens = new LinkedHashSet<>(Names.tokens(name, vendorWords));
    p.productFamily().ifPresent(f -> tokens.addAll(Names.tokens(f, vendorWords)));
    Set<String> modelNumbers = new LinkedHashSet<>();
    for (String m : p.modelNumbers()) {
      if (!m.contains("*") && !m.contains("?")) {
        modelNumbers.add(VendorAliases.normalize(m));
        tokens.addAll(Names.tokens(m, vendorWords));
      }
    }
    List<Names.ModelRange> ranges = Names.ranges(name);
    List<String> cpeKeys = new ArrayList<>();
    for (String c : p.cpes()) {
      cpeKey(c).ifPresent(cpeKeys::add);
    }
    List<String> purlKeys = new ArrayList<>();
    Optional<String> purlVersion = Optional.empty();
    for (String u : p.purls()) {
      Optional<PackageURL> purl = purl(u);
      if (purl.isPresent()) {
        purlKeys.add(purlKey(purl.get()));
        if (purl.get().getVersion() != null) {
          purlVersion = Optional.of(purl.get().getVersion());
        }
      }
    }
    Reading reading = read(p.version());
    if (reading.range.isEmpty() && reading.rule == MatchRule.PRODUCT_ONLY) {
      // NVD-style entries may carry the version in the CPE name itself.
      for (String c : p.cpes()) {
        Optional<String> v = cpeVersion(c);
        if (v.isPresent()) {
          reading =
              new Reading(
                  Optional.of(VersionRange.exactly(Version.parse(v.get()))), MatchRule.CPE, v);
          break;
        }
      }
    }
    return new ProductEntry(
        advisory,
        p,
        vendorId,
        VendorAliases.normalize(name),
        Set.copyOf(tokens),
        List.copyOf(ranges),
        Set.copyOf(modelNumbers),
        reading.range,
        reading.rule,
        reading.text,
        List.copyOf(cpeKeys),
        List.copyOf(purlKeys),
        purlVersion);
  }

  /** A version statement read: the range (empty when unreadable or absent) and the rule. */
  private record Reading(Optional<VersionRange> range, MatchRule rule, Optional<String> text) {}

  private static Reading read(VersionConstraint c) {
    if (c instanceof VersionConstraint.Exact) {
      String v = ((VersionConstraint.Exact) c).version();
      Optional<VersionRange> r = v.startsWith("vers:") ? Vers.tryParse(v) : LegacyRanges.parse(v);
      boolean single = r.isPresent() && r.get().intervals().size() == 1 && !r.get().isAll();
      MatchRule rule =
          v.startsWith("vers:") ? MatchRule.VERS : single ? MatchRule.EXACT : MatchRule.LEGACY;
      return new Reading(r, rule, Optional.of(v));
    }
    if (c instanceof VersionConstraint.Vers) {
      String v = ((VersionConstraint.Vers) c).vers();
      return new Reading(Vers.tryParse(v), MatchRule.VERS, Optional.of(v));
    }
    if (c instanceof VersionConstraint.Legacy) {
      VersionConstraint.Legacy l = (VersionConstraint.Legacy) c;
      Optional<VersionRange> r =
          l.interpreted()
              .flatMap(v -> Vers.tryParse(v.vers()))
              .or(() -> LegacyRanges.parse(l.text()));
      return new Reading(r, MatchRule.LEGACY, Optional.of(l.text()));
    }
    return new Reading(Optional.empty(), MatchRule.PRODUCT_ONLY, Optional.empty());
  }

  /** True when the advisory gave a version statement that Ward could not read. */
  boolean unreadable() {
    return range.isEmpty() && rule != MatchRule.PRODUCT_ONLY;
  }

  static Optional<String> cpeKey(String cpe) {
    return CpeName.parse(cpe).flatMap(CpeName::key).map(k -> "c|" + k);
  }

  static Optional<String> cpeVersion(String cpe) {
    return CpeName.parse(cpe).flatMap(CpeName::version);
  }

  static Optional<PackageURL> purl(String text) {
    return Purls.parse(text);
  }

  static String purlKey(PackageURL p) {
    return "p|" + Purls.key(p);
  }
}

package io.ward.exposure.match;

import com.github.packageurl.PackageURL;
import io.ward.exposure.cpe.Purls;
import io.ward.exposure.version.VersionRange;
import io.ward.model.exposure.Advisory;
import io.ward.model.exposure.AffectedProduct;
import io.ward.model.exposure.MatchRule;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * One advisory product compiled for matching: its {@link ProductIdentity} and its version statement
 * read as a {@link VersionRange}.
 */
record ProductEntry(
    Advisory advisory,
    AffectedProduct product,
    ProductIdentity identity,
    Optional<VersionRange> range,
    MatchRule rule,
    Optional<String> constraintText,
    Optional<String> purlVersion) {

  static ProductEntry of(Advisory advisory, AffectedProduct p, VendorAliases aliases) {
    VersionReading reading = VersionReading.of(p.version(), p.cpes());
    return new ProductEntry(
        advisory,
        p,
        ProductIdentity.of(p, aliases),
        reading.range(),
        reading.rule(),
        reading.text(),
        ProductIdentity.purlVersion(p));
  }

  String vendorId() {
    return identity.vendorId();
  }

  String normalizedName() {
    return identity.normalizedName();
  }

  Set<String> tokens() {
    return identity.tokens();
  }

  List<Names.ModelRange> ranges() {
    return identity.ranges();
  }

  Set<String> modelNumbers() {
    return identity.modelNumbers();
  }

  List<String> cpeKeys() {
    return identity.cpeKeys();
  }

  List<String> purlKeys() {
    return identity.purlKeys();
  }

  /** True when the advisory gave a version statement that Ward could not read. */
  boolean unreadable() {
    return range.isEmpty() && rule != MatchRule.PRODUCT_ONLY;
  }

  static Optional<String> cpeKey(String cpe) {
    return Cpes.key(cpe);
  }

  static Optional<String> cpeVersion(String cpe) {
    return Cpes.version(cpe);
  }

  static Optional<PackageURL> purl(String text) {
    return Purls.parse(text);
  }

  static String purlKey(PackageURL p) {
    return "p|" + Purls.key(p);
  }
}

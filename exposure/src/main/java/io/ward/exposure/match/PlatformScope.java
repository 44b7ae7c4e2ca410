package io.ward.exposure.match;

import io.ward.model.Device;
import io.ward.model.exposure.AffectedProduct;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * Whether a device is the product a VEX statement places its component in (a CSAF relationship's
 * {@code relates_to_product_reference}), decided as the matchers decide that a device is an
 * advisory product: by vendor and model words and model numbers ({@link PairEvaluator#identify}) or
 * by a serial number, SKU or model number the product lists ({@link IdentifierMatcher}), then its
 * firmware among the product's versions. Devices carry no CPE or purl, so a product's CPE and purl
 * count only through the vendor and product name they sit beside.
 */
final class PlatformScope {

  /** What Ward can tell about the device and the platform. */
  enum Answer {
    /** Surely the product (as sure as an "affected" finding needs), at a version it covers. */
    IS,
    /** Another product, or a version the platform leaves out. */
    IS_NOT,
    /** Perhaps the product: the identity is not sure, or the version cannot be compared. */
    UNSURE
  }

  private PlatformScope() {}

  static Answer of(Device d, AffectedProduct platform, VendorAliases aliases) {
    double confidence = confidence(d, platform, aliases);
    if (confidence == 0) {
      return Answer.IS_NOT;
    }
    VersionReading reading = VersionReading.of(platform.version(), platform.cpes());
    PairEvaluator.Outcome version =
        PairEvaluator.outcome(reading.range(), reading.unreadable(), Subjects.firmware(d));
    switch (version) {
      case OUT:
        return Answer.IS_NOT;
      case UNKNOWN_VERSION:
      case UNREADABLE:
        return Answer.UNSURE;
      default: // IN, IN_ALL, NO_STATEMENT (a platform that names no version is every version)
        return confidence >= PairEvaluator.CERTAIN ? Answer.IS : Answer.UNSURE;
    }
  }

  /** The surer of the two ways the matchers identify a device; 0 when neither does. */
  private static double confidence(Device d, AffectedProduct platform, VendorAliases aliases) {
    Optional<IdentityMatch> byName =
        d.model()
            .flatMap(
                m ->
                    PairEvaluator.identify(
                        SubjectIdentity.ofDevice(Subjects.modelVendor(d), m, aliases),
                        ProductIdentity.of(platform, aliases)));
    OptionalDouble byIdentifier = IdentifierMatcher.confidence(d, platform, aliases);
    return Math.max(byName.map(IdentityMatch::confidence).orElse(0.0), byIdentifier.orElse(0.0));
  }
}

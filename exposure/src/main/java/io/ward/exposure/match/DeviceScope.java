package io.ward.exposure.match;

import io.ward.exposure.match.VexScope.Verdict;
import io.ward.model.Device;
import io.ward.model.exposure.AffectedProduct;
import io.ward.model.exposure.Sbom;
import io.ward.model.exposure.VersionConstraint;
import io.ward.model.exposure.VexDevice;
import io.ward.model.exposure.VexSbom;
import io.ward.model.exposure.VexStatement;
import java.util.List;
import java.util.Optional;

/**
 * Whether a device is the product a VEX statement is about as a whole ({@link VexDevice}), so that
 * its "not affected" or "fixed" reaches every finding of the vulnerability on the device.
 *
 * <p>Decided as a CSAF relationship's platform is ({@link PlatformScope}): surely the product by
 * maker and model words or by an identifier the product lists, at a firmware version the statement
 * covers. A CycloneDX product is the subject of an SBOM: that SBOM must describe the device (as
 * {@link SbomScope} decides), and its subject (maker, model, version) is then held to the same
 * test, so an SBOM that names no maker, or a device whose maker or firmware is unknown, leaves Ward
 * unsure. A version statement that only a guess could read (free text Ward has no reading of) never
 * makes it sure either: a statement about product X must not silence device Y.
 */
final class DeviceScope {

  private DeviceScope() {}

  /**
   * {@link Verdict#APPLIES_TO_DEVICE}, {@link Verdict#DOES_NOT_APPLY} (no product as a whole,
   * another product, or a version it leaves out), {@link Verdict#UNDECIDED_DEVICE} or {@link
   * Verdict#UNDECIDED_DEVICE_SBOM}.
   *
   * @param sboms every SBOM Ward was given, where a BOM-link's SBOM is looked up
   * @param vendorId the device's canonical vendor id ("" when unknown)
   */
  static Verdict of(
      Device d, VexStatement s, List<Sbom> sboms, String vendorId, VendorAliases aliases) {
    if (s.device().isEmpty()) {
      return Verdict.DOES_NOT_APPLY;
    }
    if (s.device().get() instanceof VexDevice.Product p) {
      if (fixedInNoVersion(s, p.product().version(), p.product().cpes())) {
        return Verdict.DOES_NOT_APPLY;
      }
      return verdict(PlatformScope.of(d, p.product(), aliases), p.product().version());
    }
    VexDevice.Described described = (VexDevice.Described) s.device().get();
    if (described.sbom() instanceof VexSbom.Enclosing e) {
      if (!Subjects.describes(
          e.vendor(), Optional.of(e.model()), e.version(), d, vendorId, aliases)) {
        return Verdict.DOES_NOT_APPLY;
      }
      return subject(d, s, e.vendor(), e.model(), e.version(), aliases);
    }
    List<Sbom> linked = SbomScope.linked((VexSbom.Linked) described.sbom(), sboms);
    if (linked.isEmpty()) {
      // Whether a bom-ref inside an SBOM Ward does not have names its product or a component,
      // nothing tells; a link that surely names the product says Ward cannot decide.
      return described.bomRef().isEmpty() ? Verdict.UNDECIDED_DEVICE_SBOM : Verdict.DOES_NOT_APPLY;
    }
    for (Sbom sbom : linked) {
      boolean aboutProduct =
          described.bomRef().isEmpty() || described.bomRef().equals(sbom.subjectRef());
      if (aboutProduct && Subjects.describes(sbom, d, vendorId, aliases)) {
        return subject(
            d, s, sbom.subjectVendor(), sbom.subjectModel().get(), sbom.subjectVersion(), aliases);
      }
    }
    return Verdict.DOES_NOT_APPLY;
  }

  /** The verdict on an SBOM's subject that describes the device, as a product with versions. */
  private static Verdict subject(
      Device d,
      VexStatement s,
      Optional<String> vendor,
      String model,
      Optional<String> version,
      VendorAliases aliases) {
    // The statement's own versions; one that names none is about the SBOM's version of the product.
    VersionConstraint versions =
        s.versions() instanceof VersionConstraint.Unknown && version.isPresent()
            ? new VersionConstraint.Exact(version.get())
            : s.versions();
    if (fixedInNoVersion(s, versions, List.of())) {
      return Verdict.DOES_NOT_APPLY;
    }
    AffectedProduct product =
        AffectedProduct.of(s.productRef(), model, vendor, Optional.of(model), versions);
    return verdict(PlatformScope.of(d, product, aliases), versions);
  }

  /**
   * True for a "fixed" that names no version of the product: the fix is in some version, which it
   * does not say, so it is about no device's firmware (an advisory's fixed product without versions
   * matches none either). A "not affected" without versions is about every version.
   */
  private static boolean fixedInNoVersion(
      VexStatement s, VersionConstraint versions, List<String> cpes) {
    if (s.status() != VexStatement.VexStatus.FIXED) {
      return false;
    }
    VersionReading reading = VersionReading.of(versions, cpes);
    return reading.range().isEmpty() && !reading.unreadable();
  }

  private static Verdict verdict(PlatformScope.Answer answer, VersionConstraint versions) {
    return switch (answer) {
      case IS -> guessed(versions) ? Verdict.UNDECIDED_DEVICE : Verdict.APPLIES_TO_DEVICE;
      case IS_NOT -> Verdict.DOES_NOT_APPLY;
      case UNSURE -> Verdict.UNDECIDED_DEVICE;
    };
  }

  /**
   * True for free text Ward has no unambiguous reading of: the matchers read it as best they can to
   * report a device possibly affected, but a guess must not silence a finding.
   */
  private static boolean guessed(VersionConstraint versions) {
    return versions instanceof VersionConstraint.Legacy l && l.interpreted().isEmpty();
  }
}

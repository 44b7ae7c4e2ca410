package io.ward.exposure.match;

import io.ward.model.Device;
import io.ward.model.exposure.Sbom;
import io.ward.model.exposure.VexSbom;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Whether a device is the product of the SBOM a CycloneDX VEX statement places its component in
 * ({@link VexSbom}), decided as SBOMs are attached to devices ({@link Subjects#describes}): a
 * statement from, or about, one SBOM reaches exactly the devices whose components that SBOM lists.
 */
final class SbomScope {

  /** What Ward can tell about the device and the statement's SBOM. */
  enum Answer {
    /** The SBOM describes the device. */
    DESCRIBES,
    /** The SBOM describes another product, or another version of the device's. */
    DOES_NOT_DESCRIBE,
    /**
     * A BOM-link names an SBOM Ward was not given, or one that names no product: which devices it
     * is about, nothing tells.
     */
    UNKNOWN
  }

  private SbomScope() {}

  /**
   * @param sboms every SBOM Ward was given, where a BOM-link's SBOM is looked up
   * @param vendorId the device's canonical vendor id ("" when unknown)
   */
  static Answer of(
      Device d, VexSbom sbom, List<Sbom> sboms, String vendorId, VendorAliases aliases) {
    if (sbom instanceof VexSbom.Enclosing e) {
      return Subjects.describes(
              e.vendor(), Optional.of(e.model()), e.version(), d, vendorId, aliases)
          ? Answer.DESCRIBES
          : Answer.DOES_NOT_DESCRIBE;
    }
    List<Sbom> linked = linked((VexSbom.Linked) sbom, sboms);
    for (Sbom s : linked) {
      if (Subjects.describes(s, d, vendorId, aliases)) {
        return Answer.DESCRIBES;
      }
    }
    return linked.isEmpty() ? Answer.UNKNOWN : Answer.DOES_NOT_DESCRIBE;
  }

  /**
   * The SBOMs a BOM-link names that name a product: every revision (BOM version) of the SBOM
   * carries its serial number and names the same product.
   */
  static List<Sbom> linked(VexSbom.Linked link, List<Sbom> sboms) {
    List<Sbom> out = new ArrayList<>();
    for (Sbom s : sboms) {
      if (s.subjectModel().isPresent()
          && s.serialNumber().isPresent()
          && s.serialNumber().get().trim().toLowerCase(Locale.ROOT).equals(link.serialNumber())) {
        out.add(s);
      }
    }
    return out;
  }
}

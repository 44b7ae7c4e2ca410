package io.ward.exposure.match;

import io.ward.model.exposure.SbomComponent;
import java.util.Optional;
import java.util.Set;

/**
 * What identifies a subject apart from its version: many devices share a model and many SBOMs a
 * component, so the index decides identity once per subject identity and advisory product identity.
 *
 * @param vendorId canonical vendor id, empty when unknown
 * @param normalizedModel the model or component name normalised as vendor names are
 * @param tokens identifying words of the model or component name
 * @param cpeKey the component's CPE vendor:product key
 * @param purlKey the component's purl type/namespace/name key
 */
record SubjectIdentity(
    String vendorId,
    String normalizedModel,
    Set<String> tokens,
    Optional<String> cpeKey,
    Optional<String> purlKey) {

  /** The identity of a device: its vendor (as observed) and model. */
  static SubjectIdentity ofDevice(Optional<String> vendor, String model, VendorAliases aliases) {
    String vendorId = vendor.map(aliases::canonical).orElse("");
    Set<String> vendorWords = Names.vendorWords(vendor.orElse(""));
    vendorWords.addAll(Names.vendorWords(vendorId.replace('-', ' ')));
    return new SubjectIdentity(
        vendorId,
        VendorAliases.normalize(model),
        Set.copyOf(Names.tokens(model, vendorWords)),
        Optional.empty(),
        Optional.empty());
  }

  /** The identity of an SBOM component: supplier (or group), name, CPE and purl. */
  static SubjectIdentity ofComponent(SbomComponent c, VendorAliases aliases) {
    String supplier = c.supplier().or(c::group).orElse("");
    String vendorId = supplier.isBlank() ? "" : aliases.canonical(supplier);
    return new SubjectIdentity(
        vendorId,
        VendorAliases.normalize(c.name()),
        Set.copyOf(Names.tokens(c.name(), Names.vendorWords(supplier))),
        c.cpe().flatMap(ProductEntry::cpeKey),
        c.purl().flatMap(ProductEntry::purl).map(ProductEntry::purlKey));
  }
}

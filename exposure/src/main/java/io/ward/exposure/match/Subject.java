package io.ward.exposure.match;

import io.ward.exposure.version.Version;
import io.ward.model.Evidence;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What is matched against advisory products: the device itself (vendor, model, firmware) or one
 * component of an SBOM attached to the device's model and version.
 *
 * @param deviceId the inventory device id
 * @param attribute {@code model} for the device, {@code sbom:<component>} for a component
 * @param identity vendor, name words, CPE and purl keys
 * @param modelText the device model or component name
 * @param version the firmware or component version
 * @param versionAttribute {@code firmware} or {@code version}
 * @param evidence the inventory evidence for vendor, model and firmware
 * @param bomRef the component's bom-ref, for VEX statements
 */
record Subject(
    String deviceId,
    String attribute,
    SubjectIdentity identity,
    String modelText,
    Optional<Version> version,
    String versionAttribute,
    List<Evidence> evidence,
    Optional<String> bomRef) {

  /** True for an SBOM component (not the device itself). */
  boolean component() {
    return attribute.startsWith("sbom:");
  }

  String vendorId() {
    return identity.vendorId();
  }

  String normalizedModel() {
    return identity.normalizedModel();
  }

  Set<String> tokens() {
    return identity.tokens();
  }

  Optional<String> cpeKey() {
    return identity.cpeKey();
  }

  Optional<String> purlKey() {
    return identity.purlKey();
  }
}

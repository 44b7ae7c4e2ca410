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
 * @param vendorId canonical vendor id, empty when unknown
 * @param modelText the device model or component name
 * @param normalizedModel the model normalised as vendor names are
 * @param tokens identifying words of the model
 * @param version the firmware or component version
 * @param versionAttribute {@code firmware} or {@code version}
 * @param evidence the inventory evidence for vendor, model and firmware
 * @param cpeKey the component's CPE vendor:product key
 * @param purlKey the component's purl type/namespace/name key
 * @param bomRef the component's bom-ref, for VEX statements
 */
record Subject(
    String deviceId,
    String attribute,
    String vendorId,
    String modelText,
    String normalizedModel,
    Set<String> tokens,
    Optional<Version> version,
    String versionAttribute,
    List<Evidence> evidence,
    Optional<String> cpeKey,
    Optional<String> purlKey,
    Optional<String> bomRef) {

  /** True for an SBOM component (not the device itself). */
  boolean component() {
    return attribute.startsWith("sbom:");
  }
}

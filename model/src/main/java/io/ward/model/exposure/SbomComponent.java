package io.ward.model.exposure;

import java.util.Objects;
import java.util.Optional;

/**
 * One software or hardware component (from an SBOM, or the product a VEX statement is about).
 *
 * @param bomRef the component's {@code bom-ref} within its BOM
 * @param type the CycloneDX type, e.g. {@code library}, {@code firmware}, {@code operating-system}
 * @param group the group / namespace
 * @param name the component name
 * @param version its version
 * @param purl package URL
 * @param cpe CPE name
 * @param supplier supplier (or publisher / author when no supplier is given)
 */
public record SbomComponent(
    Optional<String> bomRef,
    Optional<String> type,
    Optional<String> group,
    String name,
    Optional<String> version,
    Optional<String> purl,
    Optional<String> cpe,
    Optional<String> supplier) {

  public SbomComponent {
    Objects.requireNonNull(bomRef, "bomRef");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(group, "group");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(purl, "purl");
    Objects.requireNonNull(cpe, "cpe");
    Objects.requireNonNull(supplier, "supplier");
  }
}

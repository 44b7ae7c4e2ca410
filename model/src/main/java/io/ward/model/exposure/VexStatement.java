package io.ward.model.exposure;

import java.util.Objects;
import java.util.Optional;

/**
 * A manufacturer's statement about whether one product or component is affected by one
 * vulnerability (CycloneDX VEX {@code analysis}, or a CSAF VEX product status with its flag or
 * impact statement).
 *
 * @param vulnerability the vulnerability id, usually a CVE
 * @param productRef the product reference as published: a CycloneDX {@code bom-ref} or BOM-link, or
 *     the CSAF product id
 * @param product the product or component the reference resolves to, when the document says
 * @param versions which versions of the product the statement is about: a CSAF product may be a
 *     version range ({@code product_version_range}), which the product's single {@code version}
 *     cannot hold; {@link VersionConstraint.Unknown} only when the document names no version at all
 * @param status the claimed status
 * @param justification why not affected
 * @param detail free text: impact statement, analysis detail or action statement
 * @param source the document it came from (file name or advisory id)
 * @param platform the product the component is part of or installed on, when the document states
 *     the component inside one (a CSAF relationship, e.g. {@code default_component_of} a device
 *     firmware): the statement is then about the component in that product only, not in every
 *     device that has it
 * @param sbom the SBOM, and so the product, a CycloneDX statement places its component in, when the
 *     document says (the statement is inside that SBOM, or names it by BOM-link): the statement is
 *     then about the component in the devices that SBOM describes only
 * @param device the product the statement is about as a whole, when that product may be a device (a
 *     CSAF product that is not a relationship, or a CycloneDX document's {@code
 *     metadata.component}): a "not affected" (or "fixed") then also holds for every finding of the
 *     vulnerability on a device that is that product
 * @param unapplied a "not affected" or "fixed" the document claims but that does not hold at these
 *     versions, as it lists them with the status {@code unknown} or with none; kept so that a
 *     finding at these versions can say why the maker's claim was not applied
 */
public record VexStatement(
    String vulnerability,
    String productRef,
    Optional<SbomComponent> product,
    VersionConstraint versions,
    VexStatus status,
    Optional<VexJustification> justification,
    Optional<String> detail,
    String source,
    Optional<AffectedProduct> platform,
    Optional<VexSbom> sbom,
    Optional<VexDevice> device,
    Optional<Unapplied> unapplied) {

  public VexStatement {
    Checks.text(vulnerability, "vulnerability");
    Checks.text(productRef, "productRef");
    Objects.requireNonNull(product, "product");
    Objects.requireNonNull(versions, "versions");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(justification, "justification");
    Objects.requireNonNull(detail, "detail");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(platform, "platform");
    Objects.requireNonNull(sbom, "sbom");
    Objects.requireNonNull(device, "device");
    Objects.requireNonNull(unapplied, "unapplied");
  }

  /** A statement that carries no claim it leaves unapplied. */
  public VexStatement(
      String vulnerability,
      String productRef,
      Optional<SbomComponent> product,
      VersionConstraint versions,
      VexStatus status,
      Optional<VexJustification> justification,
      Optional<String> detail,
      String source,
      Optional<AffectedProduct> platform,
      Optional<VexSbom> sbom,
      Optional<VexDevice> device) {
    this(
        vulnerability,
        productRef,
        product,
        versions,
        status,
        justification,
        detail,
        source,
        platform,
        sbom,
        device,
        Optional.empty());
  }

  /**
   * A statement about a component as its document lists it (CycloneDX): about the component's own
   * version, or about every version when the component has none.
   */
  public VexStatement(
      String vulnerability,
      String productRef,
      Optional<SbomComponent> product,
      VexStatus status,
      Optional<VexJustification> justification,
      Optional<String> detail,
      String source) {
    this(
        vulnerability,
        productRef,
        product,
        product
            .flatMap(SbomComponent::version)
            .filter(v -> !v.isBlank())
            .<VersionConstraint>map(VersionConstraint.Exact::new)
            .orElseGet(VersionConstraint.Unknown::new),
        status,
        justification,
        detail,
        source,
        Optional.empty(),
        Optional.empty(),
        Optional.empty());
  }

  /** This statement, about its component inside the product of {@code newSbom}. */
  public VexStatement withSbom(Optional<VexSbom> newSbom) {
    return new VexStatement(
        vulnerability,
        productRef,
        product,
        versions,
        status,
        justification,
        detail,
        source,
        platform,
        newSbom,
        device,
        unapplied);
  }

  /** This statement, about {@code newDevice} as a whole (besides its component reading). */
  public VexStatement withDevice(Optional<VexDevice> newDevice) {
    return new VexStatement(
        vulnerability,
        productRef,
        product,
        versions,
        status,
        justification,
        detail,
        source,
        platform,
        sbom,
        newDevice,
        unapplied);
  }

  /**
   * A claim that rules findings out ("not affected" or "fixed") which a CycloneDX analysis makes
   * but which does not hold at the versions it lists with the status {@code unknown}, or with none
   * (the specification's default for {@code affects[].versions[].status} is {@code affected}).
   *
   * @param claim {@link VexStatus#NOT_AFFECTED} or {@link VexStatus#FIXED}
   * @param listed how the document lists the versions
   */
  public record Unapplied(VexStatus claim, Listed listed) {

    /** How a document lists versions at which its claim does not hold. */
    public enum Listed {
      /** With the status {@code unknown}: the maker does not say whether they are affected. */
      UNKNOWN,
      /** Without a status, which CycloneDX reads as {@code affected}. */
      NO_STATUS
    }

    public Unapplied {
      Objects.requireNonNull(claim, "claim");
      Objects.requireNonNull(listed, "listed");
    }
  }

  /** VEX statuses (the CISA VEX minimum elements; CycloneDX states map onto them). */
  public enum VexStatus {
    /** Not affected (CycloneDX {@code not_affected}, {@code false_positive}). */
    NOT_AFFECTED,
    /**
     * Affected (CycloneDX {@code exploitable}, or a version a "not affected" or "resolved" analysis
     * lists as {@code affected} or without a status).
     */
    AFFECTED,
    /** Fixed (CycloneDX {@code resolved}, {@code resolved_with_pedigree}). */
    FIXED,
    /**
     * Under investigation (CycloneDX {@code in_triage}, or a version a "not affected" or "resolved"
     * analysis lists with the status {@code unknown}).
     */
    UNDER_INVESTIGATION
  }
}

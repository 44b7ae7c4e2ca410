package io.ward.exposure.feeds.cyclonedx;

import io.ward.exposure.feeds.DocumentRevision;
import io.ward.model.exposure.Advisory;
import io.ward.model.exposure.Sbom;
import io.ward.model.exposure.VexStatement;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What one CycloneDX document holds: an SBOM (when it lists components), VEX statements (when it
 * has {@code vulnerabilities[].analysis}) and advisories (vulnerabilities without an analysis that
 * list the versions they affect).
 *
 * @param sbom the SBOM, empty for a VEX-only document
 * @param vex the VEX statements about components the document lists, in document order
 * @param advisories the advisories, in document order
 * @param pending the VEX statements about components the document does not list, in document order:
 *     each names them in an SBOM by BOM-link, so they are made once every SBOM of a load is read
 *     ({@link PendingVex#resolve})
 * @param revision the document's {@code metadata.timestamp} and {@code version}: when two documents
 *     list the same vulnerability as an advisory, the newer one is kept
 * @param serialNumber the BOM's {@code serialNumber}, in lower case: two copies of one VEX (the
 *     same serial number) apply once, the newer by {@link #bomRevision}
 * @param subject the product its {@code metadata.component} names, empty when it names none: two
 *     documents of one serial number that name different products are not copies of one BOM
 */
public record CycloneDxContent(
    Optional<Sbom> sbom,
    List<VexStatement> vex,
    List<Advisory> advisories,
    List<PendingVex> pending,
    DocumentRevision revision,
    Optional<String> serialNumber,
    Optional<BomSubject> subject) {

  public CycloneDxContent {
    Objects.requireNonNull(sbom, "sbom");
    vex = List.copyOf(vex);
    advisories = List.copyOf(advisories);
    pending = List.copyOf(pending);
    Objects.requireNonNull(revision, "revision");
    Objects.requireNonNull(serialNumber, "serialNumber");
    Objects.requireNonNull(subject, "subject");
  }

  /**
   * A document without advisories whose statements are all about components it lists, of no known
   * revision and without serial number.
   */
  public CycloneDxContent(Optional<Sbom> sbom, List<VexStatement> vex) {
    this(
        sbom,
        vex,
        List.of(),
        List.of(),
        new DocumentRevision(Optional.empty(), Optional.empty()),
        Optional.empty(),
        Optional.empty());
  }

  /** True when the document holds VEX statements, made or waiting for their SBOM. */
  public boolean hasVex() {
    return !vex.isEmpty() || !pending.isEmpty();
  }

  /**
   * The revision two copies of this BOM (the same serial number) are told apart by: the higher
   * {@code version} first, as the specification says of BOMs with identical serial numbers, then
   * the later {@code metadata.timestamp}.
   */
  public DocumentRevision bomRevision() {
    return revision.versionFirst();
  }
}

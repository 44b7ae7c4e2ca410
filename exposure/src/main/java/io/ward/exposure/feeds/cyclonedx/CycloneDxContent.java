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
 */
public record CycloneDxContent(
    Optional<Sbom> sbom,
    List<VexStatement> vex,
    List<Advisory> advisories,
    List<PendingVex> pending,
    DocumentRevision revision) {

  public CycloneDxContent {
    Objects.requireNonNull(sbom, "sbom");
    vex = List.copyOf(vex);
    advisories = List.copyOf(advisories);
    pending = List.copyOf(pending);
    Objects.requireNonNull(revision, "revision");
  }

  /**
   * A document without advisories whose statements are all about components it lists, of no known
   * revision.
   */
  public CycloneDxContent(Optional<Sbom> sbom, List<VexStatement> vex) {
    this(sbom, vex, List.of(), List.of(), new DocumentRevision(Optional.empty(), Optional.empty()));
  }
}

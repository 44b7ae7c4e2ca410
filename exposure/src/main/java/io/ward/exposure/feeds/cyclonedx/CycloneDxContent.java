package io.ward.exposure.feeds.cyclonedx;

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
 * @param vex the VEX statements, in document order
 * @param advisories the advisories, in document order
 */
public record CycloneDxContent(
    Optional<Sbom> sbom, List<VexStatement> vex, List<Advisory> advisories) {

  public CycloneDxContent {
    Objects.requireNonNull(sbom, "sbom");
    vex = List.copyOf(vex);
    advisories = List.copyOf(advisories);
  }

  /** A document without advisories. */
  public CycloneDxContent(Optional<Sbom> sbom, List<VexStatement> vex) {
    this(sbom, vex, List.of());
  }
}

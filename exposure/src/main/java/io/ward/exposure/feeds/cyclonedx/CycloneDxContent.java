package io.ward.exposure.feeds.cyclonedx;

import io.ward.model.exposure.Sbom;
import io.ward.model.exposure.VexStatement;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What one CycloneDX document holds: an SBOM (when it lists components) and VEX statements (when it
 * has {@code vulnerabilities[].analysis}).
 *
 * @param sbom the SBOM, empty for a VEX-only document
 * @param vex the VEX statements, in document order
 */
public record CycloneDxContent(Optional<Sbom> sbom, List<VexStatement> vex) {

  public CycloneDxContent {
    Objects.requireNonNull(sbom, "sbom");
    vex = List.copyOf(vex);
  }
}

package io.ward.exposure.feeds.cyclonedx;

import io.ward.model.exposure.SbomComponent;
import io.ward.model.exposure.VexDevice;
import io.ward.model.exposure.VexJustification;
import io.ward.model.exposure.VexSbom;
import io.ward.model.exposure.VexStatement;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One vulnerability's VEX {@code analysis} as a document states it, before it is applied to the
 * components its {@code affects} entries name.
 *
 * @param vulnerability the vulnerability id
 * @param status the analysis state as a VEX status
 * @param justification why not affected
 * @param detail the analysis detail (or the vulnerability's recommendation)
 * @param source the document's file
 */
record VexAnalysis(
    String vulnerability,
    VexStatement.VexStatus status,
    Optional<VexJustification> justification,
    Optional<String> detail,
    String source) {

  VexAnalysis {
    Objects.requireNonNull(vulnerability, "vulnerability");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(justification, "justification");
    Objects.requireNonNull(detail, "detail");
    Objects.requireNonNull(source, "source");
  }

  /**
   * The statements about the component of one {@code affects} entry ({@link
   * AffectedVersions#statements}), placed in the SBOM {@code sbom}, and about the product {@code
   * device} as a whole when the entry names one.
   */
  List<VexStatement> statements(
      String ref,
      Optional<SbomComponent> component,
      List<AffectedVersions.Entry> versions,
      Optional<VexSbom> sbom,
      Optional<VexDevice> device) {
    return AffectedVersions.statements(
            vulnerability, ref, component, status, justification, detail, versions, source)
        .stream()
        .map(s -> s.withSbom(sbom).withDevice(device))
        .toList();
  }
}

package io.ward.exposure.feeds.cyclonedx;

import io.ward.model.exposure.SbomComponent;
import io.ward.model.exposure.VexSbom;
import io.ward.model.exposure.VexStatement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The VEX statements of one CycloneDX document, collected {@code affects} entry by entry (both
 * readers share it): a statement whose component the document lists is made at once; one whose
 * component it does not list waits for the SBOMs of the load ({@link PendingVex}).
 */
final class DocumentVex {

  private final Map<String, SbomComponent> byRef;
  private final DocumentSbom scope;
  private final List<VexStatement> statements = new ArrayList<>();
  private final List<PendingVex> pending = new ArrayList<>();

  /**
   * @param byRef the document's components (its {@code metadata.component} among them) by {@code
   *     bom-ref}
   * @param scope which SBOM the document's statements place their components in
   */
  DocumentVex(Map<String, SbomComponent> byRef, DocumentSbom scope) {
    this.byRef = byRef;
    this.scope = scope;
  }

  /**
   * Adds the statements of one {@code affects} entry.
   *
   * @param ref the entry's {@code ref}: a {@code bom-ref} or a BOM-link
   * @param location where the entry is in the document, for a problem about it
   */
  void add(
      VexAnalysis analysis, String ref, List<AffectedVersions.Entry> versions, String location) {
    Optional<VexSbom> in = scope.forRef(ref);
    SbomComponent component = byRef.get(BomLink.localRef(ref));
    if (component == null) {
      pending.add(new PendingVex(analysis, ref, versions, location, in));
    } else {
      statements.addAll(analysis.statements(ref, Optional.of(component), versions, in));
    }
  }

  List<VexStatement> statements() {
    return statements;
  }

  List<PendingVex> pending() {
    return pending;
  }
}

package io.ward.exposure.feeds.cyclonedx;

import io.ward.model.exposure.SbomComponent;
import io.ward.model.exposure.VexDevice;
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
 *
 * <p>Each statement also says which product it is about as a whole, when its ref may name one
 * ({@link DocumentSbom#deviceForRef}). A ref that surely names a product (the document's own, a
 * BOM-link to this document as a whole, or to another BOM as a whole) has no component to wait for:
 * it is made at once, about that product only.
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
    Optional<VexDevice> whole = scope.deviceForRef(ref);
    SbomComponent component = byRef.get(BomLink.localRef(ref));
    if (component != null) {
      statements.addAll(analysis.statements(ref, Optional.of(component), versions, in, whole));
    } else if (whole.filter(DocumentVex::surelyAProduct).isPresent()) {
      statements.addAll(analysis.statements(ref, Optional.empty(), versions, in, whole));
    } else {
      pending.add(new PendingVex(analysis, ref, versions, location, in));
    }
  }

  /**
   * True for a product the ref names for certain; a BOM-link's bom-ref inside another BOM may as
   * well name a component there, which only that SBOM tells ({@link PendingVex#resolve}).
   */
  private static boolean surelyAProduct(VexDevice device) {
    return device instanceof VexDevice.Described d && d.bomRef().isEmpty();
  }

  List<VexStatement> statements() {
    return statements;
  }

  List<PendingVex> pending() {
    return pending;
  }
}

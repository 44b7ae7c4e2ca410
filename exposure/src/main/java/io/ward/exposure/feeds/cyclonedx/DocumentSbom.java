package io.ward.exposure.feeds.cyclonedx;

import io.ward.model.exposure.VexDevice;
import io.ward.model.exposure.VexSbom;
import java.util.List;
import java.util.Optional;

/**
 * Which SBOM, and so which product, the VEX statements of one CycloneDX document place their
 * components in. A maker's "not affected" is about its component as built into its product: the
 * same component in another maker's device may well be reached. So a statement is scoped to one
 * SBOM, and then applies only to the devices that SBOM describes, when the document says which:
 *
 * <ol>
 *   <li>its {@code affects[].ref} is a BOM-link to another BOM: that SBOM;
 *   <li>else the document's {@code metadata.component} names its SBOM by BOM-link (an external
 *       reference of type {@code bom}): that SBOM;
 *   <li>else the document describes a product ({@code metadata.component} with a name, or the
 *       subject the caller gave): the statement is written in that product's SBOM (VEX embedded in
 *       the SBOM, or listing the product's components beside its analyses).
 * </ol>
 *
 * A standalone VEX that names no product keeps the component's scope: its identity and versions
 * alone, as before. So does a statement about the document's {@code metadata.component} itself:
 * that is about the product as such, wherever it is found, not about a component inside it.
 *
 * <p>Such a statement is also about the product as a whole ({@link #deviceForRef}): a device that
 * product is has every finding of the vulnerability silenced, its own and its components'. The
 * product is the document's subject (the SBOM that rule 2 or 3 names); a BOM-link into another BOM
 * is about that BOM's product when it names no object in it or its {@code metadata.component},
 * which only that BOM tells.
 */
final class DocumentSbom {

  private final Optional<String> serialNumber;
  private final Optional<String> subjectRef;
  private final Optional<VexSbom> subject;

  private DocumentSbom(
      Optional<String> serialNumber, Optional<String> subjectRef, Optional<VexSbom> subject) {
    this.serialNumber = serialNumber;
    this.subjectRef = subjectRef;
    this.subject = subject;
  }

  /**
   * The rule for one document.
   *
   * @param serialNumber the document's {@code serialNumber}
   * @param subjectRef the {@code bom-ref} of its {@code metadata.component}
   * @param subjectBoms the URLs of the {@code bom} external references of its {@code
   *     metadata.component}, in document order
   * @param vendor the product's maker as the document's SBOM takes it
   * @param model the product as the document's SBOM takes it
   * @param version the product's version as the document's SBOM takes it
   */
  static DocumentSbom of(
      Optional<String> serialNumber,
      Optional<String> subjectRef,
      List<String> subjectBoms,
      Optional<String> vendor,
      Optional<String> model,
      Optional<String> version) {
    Optional<String> own = serialNumber.map(BomLink::serialNumber);
    // The first BOM-link to another BOM: a product's SBOM and, say, its HBOM describe the same
    // product.
    Optional<VexSbom> linked =
        subjectBoms.stream()
            .map(BomLink::parse)
            .flatMap(Optional::stream)
            .map(BomLink::serialNumber)
            .filter(s -> !own.equals(Optional.of(s)))
            .findFirst()
            .map(VexSbom.Linked::new);
    Optional<VexSbom> enclosing =
        model.filter(m -> !m.isBlank()).map(m -> new VexSbom.Enclosing(vendor, m, version));
    return new DocumentSbom(own, subjectRef, linked.or(() -> enclosing));
  }

  /**
   * The SBOM a statement with this {@code affects[].ref} is about; empty for the component's scope.
   */
  Optional<VexSbom> forRef(String ref) {
    Optional<BomLink> link = BomLink.parse(ref);
    if (link.isPresent() && !serialNumber.equals(Optional.of(link.get().serialNumber()))) {
      return Optional.of(new VexSbom.Linked(link.get().serialNumber()));
    }
    // A link to this very document is a plain reference inside it.
    if (subjectRef.equals(Optional.of(BomLink.localRef(ref)))) {
      return Optional.empty();
    }
    return subject;
  }

  /**
   * The product a statement with this {@code affects[].ref} is about as a whole, when it may be:
   * the document's subject for a ref to its own {@code metadata.component}, the linked BOM's
   * product for a BOM-link into another BOM; empty for a component of this document.
   */
  Optional<VexDevice> deviceForRef(String ref) {
    Optional<BomLink> link = BomLink.parse(ref);
    if (link.isPresent() && !serialNumber.equals(Optional.of(link.get().serialNumber()))) {
      return Optional.of(
          new VexDevice.Described(new VexSbom.Linked(link.get().serialNumber()), link.get().ref()));
    }
    // A link to this very document names its subject by bom-ref, or the whole BOM by none.
    Optional<String> local = link.isPresent() ? link.get().ref() : Optional.of(ref);
    if (local.isEmpty() || local.equals(subjectRef)) {
      return subject.map(s -> new VexDevice.Described(s, Optional.empty()));
    }
    return Optional.empty();
  }
}

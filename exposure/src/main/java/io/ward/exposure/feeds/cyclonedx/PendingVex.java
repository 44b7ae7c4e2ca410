package io.ward.exposure.feeds.cyclonedx;

import io.ward.exposure.feeds.DocumentRevision;
import io.ward.exposure.feeds.FeedProblem;
import io.ward.exposure.feeds.FeedResult;
import io.ward.model.exposure.Sbom;
import io.ward.model.exposure.SbomComponent;
import io.ward.model.exposure.VexDevice;
import io.ward.model.exposure.VexSbom;
import io.ward.model.exposure.VexStatement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A VEX analysis of one {@code affects} entry whose component the document does not list. A
 * standalone VEX often lists none: its {@code affects[].ref} is a BOM-link, {@code
 * urn:cdx:serial/version#bom-ref}, to the component in the maker's SBOM (or a plain {@code bom-ref}
 * while its {@code metadata.component} names that SBOM by BOM-link). What software the statement is
 * about only that SBOM says, and it may be read after the VEX, so the statement waits for every
 * SBOM of the load ({@link #resolve}).
 *
 * <p>The bom-ref may as well be that SBOM's {@code metadata.component}, the product it describes:
 * the statement is then about that product as a whole ({@link VexDevice.Described}), and reaches
 * the devices that SBOM describes and Ward is sure are that product.
 *
 * <p>A statement reaches a finding through its component or its product; without either it would
 * apply to no device, so when neither can be found a warning naming the VEX file says so.
 */
public final class PendingVex {

  private final VexAnalysis analysis;
  private final String ref;
  private final List<AffectedVersions.Entry> versions;
  private final String location;
  private final Optional<VexSbom> sbom;

  PendingVex(
      VexAnalysis analysis,
      String ref,
      List<AffectedVersions.Entry> versions,
      String location,
      Optional<VexSbom> sbom) {
    this.analysis = Objects.requireNonNull(analysis, "analysis");
    this.ref = Objects.requireNonNull(ref, "ref");
    this.versions = List.copyOf(versions);
    this.location = Objects.requireNonNull(location, "location");
    this.sbom = Objects.requireNonNull(sbom, "sbom");
  }

  /**
   * The statements, their component taken from the SBOM the BOM-link names when {@code sboms} holds
   * it, or about that SBOM's product as a whole when the bom-ref is its {@code metadata.component};
   * else the statements without a component (they apply to no device) and a warning saying why.
   *
   * @param sboms every SBOM read with the VEX
   */
  public FeedResult<VexStatement> resolve(List<Sbom> sboms) {
    Optional<String> serial = serialNumber();
    Optional<String> bomRef = bomRef();
    if (serial.isEmpty()) {
      return unresolved("names no component of this document");
    }
    if (bomRef.isEmpty()) {
      // The whole SBOM, so its product (DocumentVex makes such a statement at once).
      return aboutProduct(bomRef);
    }
    Optional<Sbom> held = Optional.empty();
    for (Sbom s : revisions(sboms, serial.get())) {
      // Every revision of an SBOM carries its serial number (and so may another product's BOM
      // that reuses it): the first that has the bom-ref, as its product or as a component.
      held = held.or(() -> Optional.of(s));
      if (s.subjectRef().equals(bomRef)) {
        return aboutProduct(bomRef);
      }
      Optional<SbomComponent> component = component(s, bomRef.get());
      if (component.isPresent()) {
        return new FeedResult<>(
            analysis.statements(ref, component, versions, sbom, Optional.empty()), List.of());
      }
    }
    return unresolved(
        held.map(
                s ->
                    "names a component SBOM "
                        + serial.get()
                        + " ("
                        + s.source()
                        + ") does not list (no bom-ref '"
                        + bomRef.get()
                        + "')")
            .orElseGet(
                () ->
                    "names a component of SBOM "
                        + serial.get()
                        + ", which was not read with it (give Ward that SBOM too)"));
  }

  /**
   * The SBOMs of serial number {@code serial} in the order the bom-ref is looked for in them: the
   * version the BOM-link names first, then the newest ({@link DocumentRevision#isNewerThan},
   * version first), whatever the order they were read in (a server lists the SBOMs it holds, older
   * revisions among them, before those just uploaded).
   */
  private List<Sbom> revisions(List<Sbom> sboms, String serial) {
    Optional<String> named = BomLink.parse(ref).flatMap(BomLink::version);
    List<Sbom> out = new ArrayList<>();
    for (Sbom s : sboms) {
      if (s.serialNumber().map(BomLink::serialNumber).equals(Optional.of(serial))) {
        out.add(s);
      }
    }
    // A stable sort: of two that cannot be told apart, the one listed first stays first.
    out.sort(
        Comparator.comparing((Sbom s) -> !named.isPresent() || !sameVersion(s, named.get()))
            .thenComparing(PendingVex::revision, PendingVex::newerFirst));
    return out;
  }

  private static boolean sameVersion(Sbom s, String version) {
    return s.bomVersion().map(String::strip).equals(Optional.of(version.strip()));
  }

  private static DocumentRevision revision(Sbom s) {
    return new DocumentRevision(
        s.timestamp(), s.bomVersion(), DocumentRevision.Order.VERSION_FIRST);
  }

  private static int newerFirst(DocumentRevision a, DocumentRevision b) {
    return a.isNewerThan(b) ? -1 : b.isNewerThan(a) ? 1 : 0;
  }

  /**
   * True when the statement names a component of an SBOM none of {@code sboms} is (by serial
   * number): it can apply once that SBOM is read with it, unlike a ref that names no SBOM, or a
   * component the SBOM does not list.
   */
  public boolean waitsForSbom(List<Sbom> sboms) {
    Optional<String> serial = serialNumber();
    return serial.isPresent()
        && bomRef().isPresent()
        && sboms.stream()
            .noneMatch(s -> s.serialNumber().map(BomLink::serialNumber).equals(serial));
  }

  /**
   * The serial number of the SBOM the statement names, as {@link BomLink#serialNumber} gives it.
   */
  private Optional<String> serialNumber() {
    return sbom.filter(VexSbom.Linked.class::isInstance)
        .map(s -> ((VexSbom.Linked) s).serialNumber());
  }

  /** The bom-ref of the component in that SBOM; empty when the ref names the SBOM as a whole. */
  private Optional<String> bomRef() {
    return BomLink.parse(ref).map(BomLink::ref).orElse(Optional.of(ref));
  }

  /**
   * The statements about the product of the linked SBOM as a whole, not about a component in it.
   * The link's bom-ref goes with them: DeviceScope asks each revision of the SBOM whether it is its
   * product, and whether the device is that product, as for any product statement.
   */
  private FeedResult<VexStatement> aboutProduct(Optional<String> bomRef) {
    VexDevice product = new VexDevice.Described(sbom.orElseThrow(), bomRef);
    return new FeedResult<>(
        analysis.statements(ref, Optional.empty(), versions, sbom, Optional.of(product)),
        List.of());
  }

  private static Optional<SbomComponent> component(Sbom s, String bomRef) {
    return s.components().stream().filter(c -> c.bomRef().equals(Optional.of(bomRef))).findFirst();
  }

  private FeedResult<VexStatement> unresolved(String why) {
    return new FeedResult<>(
        analysis.statements(ref, Optional.empty(), versions, sbom, Optional.empty()),
        List.of(
            new FeedProblem(
                analysis.source(),
                FeedProblem.Severity.WARNING,
                Optional.of(location),
                "VEX statement on "
                    + analysis.vulnerability()
                    + ": affects ref '"
                    + ref
                    + "' "
                    + why
                    + "; it applies to no device")));
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof PendingVex p
        && analysis.equals(p.analysis)
        && ref.equals(p.ref)
        && versions.equals(p.versions)
        && location.equals(p.location)
        && sbom.equals(p.sbom);
  }

  @Override
  public int hashCode() {
    return Objects.hash(analysis, ref, versions, location, sbom);
  }

  @Override
  public String toString() {
    return "PendingVex[" + analysis.vulnerability() + " " + ref + " at " + location + "]";
  }
}

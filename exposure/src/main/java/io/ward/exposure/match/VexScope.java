package io.ward.exposure.match;

import com.github.packageurl.PackageURL;
import io.ward.exposure.cpe.Purls;
import io.ward.exposure.version.Vers;
import io.ward.exposure.version.Version;
import io.ward.exposure.version.VersionRange;
import io.ward.model.Device;
import io.ward.model.exposure.AffectedProduct;
import io.ward.model.exposure.Finding;
import io.ward.model.exposure.Sbom;
import io.ward.model.exposure.SbomComponent;
import io.ward.model.exposure.VersionConstraint;
import io.ward.model.exposure.VexSbom;
import io.ward.model.exposure.VexStatement;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Whether a VEX statement is about one finding of a device: an SBOM-component finding of the same
 * component at a version the statement covers, or any finding of a device that is the product the
 * statement is about as a whole. A "not affected" (or "fixed") statement silences a finding, so
 * every doubt (an unreadable range, a component without a readable version, a device Ward is not
 * sure is the product) keeps the finding.
 *
 * <p>The component is compared by the strongest identity both sides carry: the purl (without
 * version), else the CPE vendor and product, else the vendor and the name, else the name alone; so
 * a statement about one maker's {@code openssl} does not reach another package of that name.
 *
 * <p>A statement about the component inside one product (a CSAF relationship: "OpenSSL 1.0.2 in
 * device X") also needs the device to be that product, as {@link PlatformScope} decides: OpenSSL
 * 1.0.2 in device Y stays a finding. So does a CycloneDX statement from, or naming by BOM-link, one
 * product's SBOM: the SBOM must describe the device ({@link SbomScope}). A statement without either
 * keeps the component's scope alone.
 *
 * <p>A statement about a product as a whole ({@link VexStatement#device()}: a CSAF product that is
 * not a relationship, a CycloneDX document's {@code metadata.component}) applies to every finding
 * of its vulnerability on a device that is that product ({@link DeviceScope}), those on the device
 * itself and those on its SBOMs' components alike. A CSAF product may as well be a component, so
 * both readings are tried; the component reading's doubts are reported first.
 */
public final class VexScope {

  /** What a statement says about a finding. */
  public enum Verdict {
    /** Same component, and its version is among the statement's versions. */
    APPLIES,
    /**
     * The statement is about the device as a whole: the device is its product, at a version it
     * covers, so it holds for every finding of the vulnerability on the device.
     */
    APPLIES_TO_DEVICE,
    /** Another component, or a version the statement leaves out. */
    DOES_NOT_APPLY,
    /** Same component, but Ward cannot tell whether its version is among the statement's. */
    UNDECIDED,
    /**
     * Same component at a version the statement covers, inside a product Ward cannot tell the
     * device is (an unsure identity, or a firmware version it cannot compare).
     */
    UNDECIDED_PLATFORM,
    /**
     * Same component at a version the statement covers, inside the product of an SBOM a BOM-link
     * names that Ward was not given (or that names no product).
     */
    UNDECIDED_SBOM,
    /**
     * The statement is about a product as a whole that the device may be: Ward cannot tell (an
     * unsure identity, or a firmware version it cannot compare with the statement's).
     */
    UNDECIDED_DEVICE,
    /**
     * The statement is about the product of an SBOM a BOM-link names that Ward was not given (or
     * that names no product): whether the device is that product, nothing tells.
     */
    UNDECIDED_DEVICE_SBOM;

    /** True when the statement holds for the finding. */
    public boolean applies() {
      return this == APPLIES || this == APPLIES_TO_DEVICE;
    }
  }

  private final Device device;
  private final List<Sbom> sboms;
  private final VendorAliases aliases;

  /** The device's SBOM components by subject attribute; read on first use. */
  private Map<String, SbomComponent> components;

  /** Whether the device is a statement's platform, by platform (statements share them). */
  private final Map<AffectedProduct, PlatformScope.Answer> platforms = new IdentityHashMap<>();

  /** Whether a statement's SBOM describes the device, by SBOM (statements share them). */
  private final Map<VexSbom, SbomScope.Answer> inSboms = new HashMap<>();

  /** Whether the device is a statement's product as a whole, by statement (not by finding). */
  private final Map<VexStatement, Verdict> wholes = new IdentityHashMap<>();

  private VexScope(Device device, List<Sbom> sboms, VendorAliases aliases) {
    this.device = device;
    this.sboms = sboms;
    this.aliases = aliases;
  }

  /** The scope of a device's findings, its components taken from the SBOMs that describe it. */
  public static VexScope of(Device device, List<Sbom> sboms, VendorAliases aliases) {
    return new VexScope(device, sboms, aliases);
  }

  /**
   * What the statement says about the finding: about its component, or about the device as a whole
   * (then whatever the finding's subject, the device itself or a component).
   */
  public Verdict verdict(VexStatement s, Finding f) {
    Verdict component = inProductVerdict(s, f);
    if (component == Verdict.APPLIES) {
      return component;
    }
    Verdict whole =
        wholes.computeIfAbsent(s, x -> DeviceScope.of(device, x, sboms, vendorId(), aliases));
    if (whole == Verdict.APPLIES_TO_DEVICE || component == Verdict.DOES_NOT_APPLY) {
      return whole;
    }
    return component;
  }

  /** The verdict on the finding's component, inside the product the statement names if any. */
  private Verdict inProductVerdict(VexStatement s, Finding f) {
    Verdict component = componentVerdict(s, f);
    if (component == Verdict.DOES_NOT_APPLY) {
      return component;
    }
    if (s.sbom().isPresent()) {
      SbomScope.Answer inSbom =
          inSboms.computeIfAbsent(
              s.sbom().get(), b -> SbomScope.of(device, b, sboms, vendorId(), aliases));
      if (inSbom == SbomScope.Answer.DOES_NOT_DESCRIBE) {
        return Verdict.DOES_NOT_APPLY;
      }
      if (inSbom == SbomScope.Answer.UNKNOWN && component == Verdict.APPLIES) {
        return Verdict.UNDECIDED_SBOM;
      }
    }
    if (s.platform().isEmpty()) {
      return component;
    }
    PlatformScope.Answer platform =
        platforms.computeIfAbsent(s.platform().get(), p -> PlatformScope.of(device, p, aliases));
    if (platform == PlatformScope.Answer.IS_NOT) {
      return Verdict.DOES_NOT_APPLY;
    }
    return platform == PlatformScope.Answer.UNSURE && component == Verdict.APPLIES
        ? Verdict.UNDECIDED_PLATFORM
        : component;
  }

  /** The verdict by the component and its versions alone. */
  private Verdict componentVerdict(VexStatement s, Finding f) {
    String attribute = f.matchedBy().deviceAttribute();
    if (s.product().isEmpty() || !attribute.startsWith("sbom:")) {
      return Verdict.DOES_NOT_APPLY;
    }
    SbomComponent component = component(attribute);
    if (!sameComponent(s.product().get(), component, aliases)) {
      return Verdict.DOES_NOT_APPLY;
    }
    if (s.status() == VexStatement.VexStatus.FIXED && !statesVersions(s)) {
      // "Fixed" is about the versions that hold the fix; one that names none says nothing of
      // this component's version (as an advisory's fixed product without versions matches none).
      return Verdict.DOES_NOT_APPLY;
    }
    if (s.versions() instanceof VersionConstraint.Exact exact
        && component.version().filter(exact.version()::equals).isPresent()) {
      return Verdict.APPLIES;
    }
    Optional<VersionRange> covered = covered(s.versions(), s.product().get());
    if (covered.isPresent() && covered.get().isAll()) {
      return Verdict.APPLIES;
    }
    Optional<Version> version = Subjects.version(component);
    if (covered.isEmpty() || version.isEmpty()) {
      return Verdict.UNDECIDED;
    }
    return covered.get().contains(version.get()) ? Verdict.APPLIES : Verdict.DOES_NOT_APPLY;
  }

  /**
   * True when the statement names versions: its own, or the version its product's CPE name or purl
   * carries.
   */
  private static boolean statesVersions(VexStatement s) {
    return !(s.versions() instanceof VersionConstraint.Unknown)
        || !covered(s.versions(), s.product().orElseThrow()).map(VersionRange::isAll).orElse(false);
  }

  /** The device's canonical vendor id, "" when unknown. */
  private String vendorId() {
    return device.vendor().map(aliases::canonical).orElse("");
  }

  /** The statement's versions as published, for notes: a range, a version or "all versions". */
  public static String versionsText(VexStatement s) {
    VersionConstraint c = s.versions();
    if (c instanceof VersionConstraint.Exact e) {
      return e.version();
    }
    if (c instanceof VersionConstraint.Vers v) {
      return v.vers();
    }
    if (c instanceof VersionConstraint.Legacy l) {
      return l.text();
    }
    return "all versions";
  }

  /**
   * True when both name the same software. Only identities both sides carry are compared: a purl on
   * one side and none on the other says nothing either way.
   */
  static boolean sameComponent(
      SbomComponent statement, SbomComponent component, VendorAliases aliases) {
    SubjectIdentity a = SubjectIdentity.ofComponent(statement, aliases);
    SubjectIdentity b = SubjectIdentity.ofComponent(component, aliases);
    if (a.purlKey().isPresent() && b.purlKey().isPresent()) {
      return a.purlKey().equals(b.purlKey());
    }
    if (a.cpeKey().isPresent() && b.cpeKey().isPresent()) {
      return a.cpeKey().equals(b.cpeKey());
    }
    boolean sameName = statement.name().equalsIgnoreCase(component.name());
    if (!a.vendorId().isEmpty() && !b.vendorId().isEmpty()) {
      return sameName && a.vendorId().equals(b.vendorId());
    }
    return sameName;
  }

  /**
   * The versions a statement covers; empty when its statement cannot be read. Free text counts only
   * through Ward's unambiguous reading of it: a guess must not silence a finding.
   */
  static Optional<VersionRange> covered(VersionConstraint c, SbomComponent product) {
    if (c instanceof VersionConstraint.Exact e) {
      return Version.tryParse(e.version()).map(VersionRange::exactly);
    }
    if (c instanceof VersionConstraint.Vers v) {
      return Vers.tryParse(v.vers());
    }
    if (c instanceof VersionConstraint.Legacy l) {
      return l.interpreted().flatMap(v -> Vers.tryParse(v.vers()));
    }
    // No version statement: a version in the product's CPE name or purl still limits it; only a
    // product that names no version at all is every version.
    Optional<String> named =
        product
            .cpe()
            .flatMap(Cpes::version)
            .or(() -> product.purl().flatMap(Purls::parse).map(PackageURL::getVersion))
            .filter(v -> !v.isBlank());
    return named.isPresent()
        ? Version.tryParse(named.get()).map(VersionRange::exactly)
        : Optional.of(VersionRange.all());
  }

  /**
   * The device's component behind a finding's attribute; when no SBOM of the device has it (it
   * cannot happen for a finding the matcher made), the name and version the attribute holds.
   */
  private SbomComponent component(String attribute) {
    if (components == null) {
      components = new HashMap<>();
      String vendorId = vendorId();
      for (Sbom sbom : sboms) {
        if (Subjects.describes(sbom, device, vendorId, aliases)) {
          // The first component of an attribute, as the matcher keeps it.
          sbom.components().forEach(c -> components.putIfAbsent(Subjects.attribute(c), c));
        }
      }
    }
    SbomComponent c = components.get(attribute);
    if (c != null) {
      return c;
    }
    String text = attribute.substring("sbom:".length());
    // The version follows the last '@' (a name may start with one: npm scopes).
    int at = text.lastIndexOf('@');
    return new SbomComponent(
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        at <= 0 ? text : text.substring(0, at),
        at <= 0 ? Optional.empty() : Optional.of(text.substring(at + 1)),
        Optional.empty(),
        Optional.empty(),
        Optional.empty());
  }
}

package io.ward.exposure.match;

import io.ward.exposure.version.Version;
import io.ward.model.Device;
import io.ward.model.Evidence;
import io.ward.model.Software;
import io.ward.model.exposure.Sbom;
import io.ward.model.exposure.SbomComponent;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Builds the subjects of a device: itself, each software item seen running on it (a DICOM toolkit,
 * a PACS server), and each component of its SBOMs.
 */
final class Subjects {

  private static final Set<String> IDENTITY = Set.of("vendor", "model", "firmware");

  private Subjects() {}

  static List<Subject> of(Device d, List<Sbom> sboms, VendorAliases aliases) {
    List<Subject> out = new ArrayList<>();
    SubjectIdentity self =
        d.model().map(m -> SubjectIdentity.ofDevice(modelVendor(d), m, aliases)).orElse(null);
    if (self != null) {
      out.add(
          new Subject(
              d.id(),
              "model",
              self,
              d.model().get(),
              firmware(d),
              "firmware",
              evidence(d),
              Optional.empty()));
    }
    for (Software sw : software(d)) {
      Optional<Version> version = sw.version().flatMap(Version::tryParse);
      out.add(
          new Subject(
              d.id(),
              attribute(sw),
              SubjectIdentity.ofDevice(sw.vendor(), sw.product(), aliases),
              sw.product(),
              version,
              "version",
              List.of(),
              Optional.empty()));
    }
    for (Sbom sbom : sboms) {
      if (self == null || !describes(sbom, d, self.vendorId(), aliases)) {
        continue;
      }
      Set<String> seen = new HashSet<>();
      for (SbomComponent c : sbom.components()) {
        String attribute = attribute(c);
        if (!seen.add(attribute)) {
          continue;
        }
        out.add(
            new Subject(
                d.id(),
                attribute,
                SubjectIdentity.ofComponent(c, aliases),
                c.name(),
                version(c),
                "version",
                List.of(),
                c.bomRef()));
      }
    }
    return out;
  }

  /**
   * The maker of the device's model: the device's vendor, unless the fingerprints that named the
   * model named another maker with it and never the device's vendor. That is software many makers
   * build in, such as the DICOM toolkit DCMTK: a GE or HP device running it keeps its NIC's maker
   * as vendor (the inventory holds the toolkit's maker below it), but its model DCMTK is OFFIS's
   * product, and an advisory on OFFIS DCMTK concerns it. The most confident such maker wins, then
   * the alphabetically first, so the outcome does not depend on the order of the evidence.
   */
  static Optional<String> modelVendor(Device d) {
    if (d.model().isEmpty()) {
      return d.vendor();
    }
    String model = d.model().get();
    Evidence best = null;
    for (Evidence v : d.evidence()) {
      if (!v.attribute().equals("vendor")
          || v.fingerprint().isEmpty()
          || !namedModel(d, v.fingerprint().get(), model)) {
        continue;
      }
      if (d.vendor().isPresent() && d.vendor().get().equals(v.value())) {
        return d.vendor();
      }
      if (best == null
          || v.confidence() > best.confidence()
          || (v.confidence() == best.confidence() && v.value().compareTo(best.value()) < 0)) {
        best = v;
      }
    }
    return best == null ? d.vendor() : Optional.of(best.value());
  }

  /** True when fingerprint {@code id} gave the device model {@code model}. */
  private static boolean namedModel(Device d, String id, String model) {
    for (Evidence m : d.evidence()) {
      if (m.attribute().equals("model")
          && m.value().equals(model)
          && m.fingerprint().isPresent()
          && m.fingerprint().get().equals(id)) {
        return true;
      }
    }
    return false;
  }

  /** The device's identity evidence (vendor, model, firmware), shown with its findings. */
  static List<Evidence> evidence(Device d) {
    return d.evidence().stream().filter(e -> IDENTITY.contains(e.attribute())).toList();
  }

  /** The device's firmware version when it has a readable one. */
  static Optional<Version> firmware(Device d) {
    return d.firmware().flatMap(Version::tryParse);
  }

  /**
   * The software items matched as subjects of their own: all but one that only repeats the device's
   * model (an HL7 SFT product taken as the model of an embedded device), so one advisory does not
   * give the device two findings for one product.
   */
  static List<Software> software(Device d) {
    if (d.software().isEmpty()) {
      return List.of();
    }
    String model = d.model().map(VendorAliases::normalize).orElse(null);
    return d.software().stream()
        .filter(sw -> model == null || !VendorAliases.normalize(sw.product()).equals(model))
        .toList();
  }

  /** The subject attribute of a software item: {@code software:<vendor> <product>}. */
  static String attribute(Software sw) {
    return "software:" + sw.vendor().map(v -> v + " ").orElse("") + sw.product();
  }

  /** The subject attribute of a component: {@code sbom:<name>@<version>}. */
  static String attribute(SbomComponent c) {
    return "sbom:" + c.name() + c.version().map(v -> "@" + v).orElse("");
  }

  /** A component's version, or the version of its CPE name. */
  static Optional<Version> version(SbomComponent c) {
    return c.version()
        .or(() -> c.cpe().flatMap(ProductEntry::cpeVersion))
        .flatMap(Version::tryParse);
  }

  /** An SBOM describes the device when vendor and model agree and the version (if given) too. */
  static boolean describes(Sbom sbom, Device d, String vendorId, VendorAliases aliases) {
    return describes(
        sbom.subjectVendor(), sbom.subjectModel(), sbom.subjectVersion(), d, vendorId, aliases);
  }

  /** {@link #describes(Sbom, Device, String, VendorAliases)} by the SBOM's subject alone. */
  static boolean describes(
      Optional<String> vendor,
      Optional<String> model,
      Optional<String> version,
      Device d,
      String vendorId,
      VendorAliases aliases) {
    if (model.isEmpty() || d.model().isEmpty()) {
      return false;
    }
    if (vendor.isPresent()
        && !vendorId.isEmpty()
        && !aliases.canonical(vendor.get()).equals(vendorId)) {
      return false;
    }
    if (!VendorAliases.normalize(model.get()).equals(VendorAliases.normalize(d.model().get()))) {
      return false;
    }
    if (version.isPresent() && d.firmware().isPresent()) {
      return Version.parse(version.get()).equals(Version.parse(d.firmware().get()));
    }
    return true;
  }
}

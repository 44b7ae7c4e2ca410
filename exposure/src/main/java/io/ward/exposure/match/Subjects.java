package io.ward.exposure.match;

import io.ward.exposure.version.Version;
import io.ward.model.Device;
import io.ward.model.Evidence;
import io.ward.model.exposure.Sbom;
import io.ward.model.exposure.SbomComponent;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Builds the subjects of a device: itself, and each component of its SBOMs. */
final class Subjects {

  private static final Set<String> IDENTITY = Set.of("vendor", "model", "firmware");

  private Subjects() {}

  static List<Subject> of(Device d, List<Sbom> sboms, VendorAliases aliases) {
    List<Subject> out = new ArrayList<>();
    String vendorId = d.vendor().map(aliases::canonical).orElse("");
    Set<String> vendorWords = Names.vendorWords(d.vendor().orElse(""));
    vendorWords.addAll(Names.vendorWords(vendorId.replace('-', ' ')));
    List<Evidence> evidence =
        d.evidence().stream().filter(e -> IDENTITY.contains(e.attribute())).toList();
    Optional<Version> firmware = d.firmware().flatMap(Version::tryParse);
    if (d.model().isPresent()) {
      String model = d.model().get();
      out.add(
          new Subject(
              d.id(),
              "model",
              vendorId,
              model,
              VendorAliases.normalize(model),
              Set.copyOf(Names.tokens(model, vendorWords)),
              firmware,
              "firmware",
              evidence,
              Optional.empty(),
              Optional.empty(),
              Optional.empty()));
    }
    for (Sbom sbom : sboms) {
      if (!describes(sbom, d, vendorId, aliases)) {
        continue;
      }
      Set<String> seen = new HashSet<>();
      for (SbomComponent c : sbom.components()) {
        String attribute = "sbom:" + c.name() + c.version().map(v -> "@" + v).orElse("");
        if (!seen.add(attribute)) {
          continue;
        }
        String supplier = c.supplier().or(c::group).orElse("");
        String cVendor = supplier.isBlank() ? "" : aliases.canonical(supplier);
        out.add(
            new Subject(
                d.id(),
                attribute,
                cVendor,
                c.name(),
                VendorAliases.normalize(c.name()),
                Set.copyOf(Names.tokens(c.name(), Names.vendorWords(supplier))),
                c.version()
                    .or(() -> c.cpe().flatMap(ProductEntry::cpeVersion))
                    .flatMap(Version::tryParse),
                "version",
                List.of(),
                c.cpe().flatMap(ProductEntry::cpeKey),
                c.purl().flatMap(ProductEntry::purl).map(ProductEntry::purlKey),
                c.bomRef()));
      }
    }
    return out;
  }

  /** An SBOM describes the device when vendor and model agree and the version (if given) too. */
  static boolean describes(Sbom sbom, Device d, String vendorId, VendorAliases aliases) {
    if (sbom.subjectModel().isEmpty() || d.model().isEmpty()) {
      return false;
    }
    if (sbom.subjectVendor().isPresent()
        && !vendorId.isEmpty()
        && !aliases.canonical(sbom.subjectVendor().get()).equals(vendorId)) {
      return false;
    }
    if (!VendorAliases.normalize(sbom.subjectModel().get())
        .equals(VendorAliases.normalize(d.model().get()))) {
      return false;
    }
    if (sbom.subjectVersion().isPresent() && d.firmware().isPresent()) {
      return Version.parse(sbom.subjectVersion().get()).equals(Version.parse(d.firmware().get()));
    }
    return true;
  }
}

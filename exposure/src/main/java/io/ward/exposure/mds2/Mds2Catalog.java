package io.ward.exposure.mds2;

import io.ward.exposure.match.VendorAliases;
import io.ward.exposure.version.Version;
import io.ward.model.Device;
import io.ward.model.exposure.Mds2Form;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The MDS2 forms Ward holds, found by device: same maker (through the vendor alias table) and same
 * model. Among a model's forms, the one for the device's firmware version wins, then one that
 * states no version, then the highest other version, whose declarations are said to be for another
 * version.
 */
public final class Mds2Catalog {

  private final VendorAliases aliases;
  private final Map<String, List<Mds2Form>> byModel = new HashMap<>();

  private Mds2Catalog(List<Mds2Form> forms, VendorAliases aliases) {
    this.aliases = aliases;
    for (Mds2Form f : forms) {
      byModel
          .computeIfAbsent(
              key(aliases.canonical(f.manufacturer()), f.model()), k -> new ArrayList<>())
          .add(f);
    }
    // A stable choice between forms of one model, whatever order the files were read in.
    byModel.values().forEach(l -> l.sort(Comparator.comparing(Mds2Form::source)));
  }

  /** The catalog of these forms. */
  public static Mds2Catalog of(List<Mds2Form> forms, VendorAliases aliases) {
    return new Mds2Catalog(forms, aliases);
  }

  /** True when the catalog holds no form. */
  public boolean isEmpty() {
    return byModel.isEmpty();
  }

  /** What the maker declares for this device's model and version, if a form covers the model. */
  public Optional<DeclaredSecurity> forDevice(Device device) {
    if (byModel.isEmpty() || device.vendor().isEmpty() || device.model().isEmpty()) {
      return Optional.empty();
    }
    List<Mds2Form> forms =
        byModel.get(key(aliases.canonical(device.vendor().get()), device.model().get()));
    if (forms == null) {
      return Optional.empty();
    }
    Optional<String> firmware = device.firmware().map(String::trim).filter(s -> !s.isEmpty());
    if (firmware.isPresent()) {
      for (Mds2Form f : forms) {
        if (f.version().filter(v -> sameVersion(v, firmware.get())).isPresent()) {
          return Optional.of(new DeclaredSecurity(f, ""));
        }
      }
    }
    for (Mds2Form f : forms) {
      if (f.version().isEmpty()) {
        return Optional.of(new DeclaredSecurity(f, "the form states no software version"));
      }
    }
    Mds2Form newest =
        forms.stream()
            .max(Comparator.comparing(f -> Version.parse(f.version().get())))
            .orElseThrow();
    return Optional.of(
        new DeclaredSecurity(
            newest,
            "the form covers version "
                + newest.version().get()
                + ", the device runs "
                + firmware.orElse("an unknown version")
                + ", so its declarations may differ"));
  }

  private static boolean sameVersion(String a, String b) {
    Optional<Version> va = Version.tryParse(a.trim());
    Optional<Version> vb = Version.tryParse(b);
    return va.isPresent() && vb.isPresent()
        ? va.get().compareTo(vb.get()) == 0
        : a.trim().equalsIgnoreCase(b);
  }

  private static String key(String vendorId, String model) {
    return vendorId + "|" + VendorAliases.normalize(model);
  }
}

package io.ward.exposure.match;

import io.ward.model.Category;
import io.ward.model.Criticality;
import io.ward.model.Device;
import io.ward.model.Evidence;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Inventory devices for tests, with evidence for the identity attributes. */
public final class Devices {

  private Devices() {}

  /** A device with the given identity; null values are unknown. */
  public static Device device(
      String id,
      String vendor,
      String model,
      String firmware,
      Category category,
      Criticality crit) {
    List<Evidence> evidence = new ArrayList<>();
    if (vendor != null) {
      evidence.add(new Evidence("vendor", vendor, "oui", "00:0B:...", Optional.empty(), 0.9, 1L));
    }
    if (model != null) {
      evidence.add(
          new Evidence("model", model, "http.server", model, Optional.of("fp-" + id), 0.8, 2L));
    }
    if (firmware != null) {
      evidence.add(
          new Evidence("firmware", firmware, "snmp.sysDescr", firmware, Optional.empty(), 0.8, 3L));
    }
    return new Device(
        id,
        Optional.empty(),
        List.of(),
        List.of(),
        Set.of(),
        Optional.ofNullable(vendor),
        Optional.ofNullable(model),
        Optional.empty(),
        Optional.ofNullable(firmware),
        Optional.empty(),
        category,
        Optional.empty(),
        category.medical(),
        crit,
        Set.of(),
        Set.of(),
        Set.of(),
        Set.of(),
        0L,
        0L,
        evidence);
  }

  /** A medical device of unknown category details. */
  public static Device device(String id, String vendor, String model, String firmware) {
    return device(id, vendor, model, firmware, Category.OTHER_MEDICAL, Criticality.MEDIUM);
  }
}

package io.ward.engine;

import io.ward.model.Device;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Scores an inventory against a ground-truth inventory (the simulator's {@code --truth} file): how
 * many devices were found, how many got the right category, and how many medical devices that speak
 * a clinical protocol were identified by vendor.
 *
 * @param truthDevices devices in the truth
 * @param found truth devices present in the inventory (matched by id)
 * @param categoryCorrect found devices whose category equals the truth's
 * @param clinicalSpeakers truth medical devices that speak HL7, DICOM, POCT1-A or ASTM
 * @param clinicalVendorCorrect of those, found with the right vendor
 * @param misses a sample of what went wrong, for the test report
 */
public record TruthComparison(
    int truthDevices,
    int found,
    int categoryCorrect,
    int clinicalSpeakers,
    int clinicalVendorCorrect,
    Map<String, Integer> confusion,
    List<String> misses) {

  private static final Set<String> CLINICAL_PROTOCOLS = Set.of("hl7", "dicom", "poct1a", "astm");
  private static final int MAX_MISSES = 50;

  /** Compares {@code inventory} with {@code truth}. */
  public static TruthComparison compare(List<Device> truth, List<Device> inventory) {
    Map<String, Device> byId = new HashMap<>();
    inventory.forEach(d -> byId.put(d.id(), d));
    int found = 0;
    int categoryCorrect = 0;
    int clinical = 0;
    int clinicalVendor = 0;
    Map<String, Integer> confusion = new HashMap<>();
    List<String> misses = new ArrayList<>();
    for (Device t : truth) {
      Device d = byId.get(t.id());
      boolean speaksClinical =
          t.medical()
              && (t.protocolsAsClient().stream().anyMatch(CLINICAL_PROTOCOLS::contains)
                  || t.protocolsAsServer().stream().anyMatch(CLINICAL_PROTOCOLS::contains));
      if (speaksClinical) {
        clinical++;
      }
      if (d == null) {
        note(misses, "not found: " + t.id() + " (" + t.category().id() + ")");
        continue;
      }
      found++;
      if (d.category() == t.category()) {
        categoryCorrect++;
      } else {
        confusion.merge(t.category().id() + " -> " + d.category().id(), 1, Integer::sum);
        note(
            misses,
            "category: " + t.id() + " is " + t.category().id() + ", found " + d.category().id());
      }
      if (speaksClinical) {
        if (sameVendor(t, d)) {
          clinicalVendor++;
        } else {
          note(
              misses,
              "vendor: "
                  + t.id()
                  + " is "
                  + t.vendor().orElse("?")
                  + ", found "
                  + d.vendor().orElse("none"));
        }
      }
    }
    return new TruthComparison(
        truth.size(),
        found,
        categoryCorrect,
        clinical,
        clinicalVendor,
        Map.copyOf(confusion),
        List.copyOf(misses));
  }

  /** Vendors agree when one normalised name contains the other ("GE" vs "GE Healthcare"). */
  static boolean sameVendor(Device truth, Device found) {
    if (truth.vendor().isEmpty() || found.vendor().isEmpty()) {
      return false;
    }
    String a = normalise(truth.vendor().get());
    String b = normalise(found.vendor().get());
    return !a.isEmpty() && !b.isEmpty() && (a.contains(b) || b.contains(a));
  }

  private static String normalise(String vendor) {
    return vendor.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
  }

  private static void note(List<String> misses, String what) {
    if (misses.size() < MAX_MISSES) {
      misses.add(what);
    }
  }

  /** Share of truth devices found, 0..1. */
  public double recall() {
    return truthDevices == 0 ? 1 : (double) found / truthDevices;
  }

  /** Share of found devices with the right category, 0..1. */
  public double categoryAccuracy() {
    return found == 0 ? 0 : (double) categoryCorrect / found;
  }

  /** Share of clinical-protocol medical devices identified by vendor, 0..1. */
  public double clinicalVendorAccuracy() {
    return clinicalSpeakers == 0 ? 1 : (double) clinicalVendorCorrect / clinicalSpeakers;
  }

  /** One line per figure, for the CLI and the test log. */
  public String describe() {
    return String.format(
        "devices found %d/%d (%.1f%%), category correct %d/%d (%.1f%%), clinical-protocol medical"
            + " devices identified by vendor %d/%d (%.1f%%)",
        found,
        truthDevices,
        100 * recall(),
        categoryCorrect,
        found,
        100 * categoryAccuracy(),
        clinicalVendorCorrect,
        clinicalSpeakers,
        100 * clinicalVendorAccuracy());
  }
}

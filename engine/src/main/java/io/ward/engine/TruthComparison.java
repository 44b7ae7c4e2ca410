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
 * many devices were found, how many got the right category, how many medical devices that speak a
 * clinical protocol were identified by vendor, and how many medical devices got the right model and
 * firmware (what advisory matching needs).
 *
 * @param truthDevices devices in the truth
 * @param found truth devices present in the inventory (matched by id)
 * @param categoryCorrect found devices whose category equals the truth's
 * @param clinicalSpeakers truth medical devices that speak HL7, DICOM, POCT1-A or ASTM
 * @param clinicalVendorCorrect of those, found with the right vendor
 * @param medicalDevices truth devices that are medical
 * @param medicalModelCorrect of those, found with the right model
 * @param medicalFirmwareCorrect of those, found with the right firmware version
 * @param misses a sample of what went wrong, for the test report
 */
public record TruthComparison(
    int truthDevices,
    int found,
    int categoryCorrect,
    int clinicalSpeakers,
    int clinicalVendorCorrect,
    int medicalDevices,
    int medicalModelCorrect,
    int medicalFirmwareCorrect,
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
    int medical = 0;
    int medicalModel = 0;
    int medicalFirmware = 0;
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
      if (t.medical()) {
        medical++;
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
      if (t.medical()) {
        if (sameModel(t, d)) {
          medicalModel++;
        } else {
          note(
              misses,
              "model: "
                  + t.id()
                  + " is "
                  + t.model().orElse("?")
                  + ", found "
                  + d.model().orElse("none"));
        }
        if (sameFirmware(t, d)) {
          medicalFirmware++;
        } else {
          note(
              misses,
              "firmware: "
                  + t.id()
                  + " ("
                  + t.model().orElse("?")
                  + ") is "
                  + t.firmware().orElse("?")
                  + ", found "
                  + d.firmware().orElse("none"));
        }
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
        medical,
        medicalModel,
        medicalFirmware,
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

  /**
   * Models agree when their letters and digits are the same, or when one contains the other and the
   * shorter carries a model number ("i-STAT 1" in "i-STAT 1 with DRC-300", not "ARCHITECT" in
   * "ARCHITECT ci4100").
   */
  static boolean sameModel(Device truth, Device found) {
    if (truth.model().isEmpty() || found.model().isEmpty()) {
      return false;
    }
    String a = normalise(truth.model().get());
    String b = normalise(found.model().get());
    if (a.isEmpty() || b.isEmpty()) {
      return false;
    }
    if (a.equals(b)) {
      return true;
    }
    String shorter = a.length() < b.length() ? a : b;
    String longer = shorter == a ? b : a;
    return longer.contains(shorter) && shorter.chars().anyMatch(Character::isDigit);
  }

  /** Firmware versions agree when equal but for case and blanks ("3.0 D15" and "3.0d15"). */
  static boolean sameFirmware(Device truth, Device found) {
    if (truth.firmware().isEmpty() || found.firmware().isEmpty()) {
      return false;
    }
    String a = truth.firmware().get().toLowerCase(Locale.ROOT).replaceAll("\\s+", "");
    String b = found.firmware().get().toLowerCase(Locale.ROOT).replaceAll("\\s+", "");
    return !a.isEmpty() && a.equals(b);
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

  /** Share of medical devices found with the right model, 0..1. */
  public double medicalModelAccuracy() {
    return medicalDevices == 0 ? 1 : (double) medicalModelCorrect / medicalDevices;
  }

  /** Share of medical devices found with the right firmware version, 0..1. */
  public double medicalFirmwareAccuracy() {
    return medicalDevices == 0 ? 1 : (double) medicalFirmwareCorrect / medicalDevices;
  }

  /** One line per figure, for the CLI and the test log. */
  public String describe() {
    return String.format(
        "devices found %d/%d (%.1f%%), category correct %d/%d (%.1f%%), clinical-protocol medical"
            + " devices identified by vendor %d/%d (%.1f%%), medical devices with the right model"
            + " %d/%d (%.1f%%) and firmware %d/%d (%.1f%%)",
        found,
        truthDevices,
        100 * recall(),
        categoryCorrect,
        found,
        100 * categoryAccuracy(),
        clinicalVendorCorrect,
        clinicalSpeakers,
        100 * clinicalVendorAccuracy(),
        medicalModelCorrect,
        medicalDevices,
        100 * medicalModelAccuracy(),
        medicalFirmwareCorrect,
        medicalDevices,
        100 * medicalFirmwareAccuracy());
  }
}

package io.ward.model;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** What a device is, from a fixed vocabulary shared by the inventory, the API and the console. */
public enum Category {
  INFUSION_PUMP(true),
  PATIENT_MONITOR(true),
  VENTILATOR(true),
  IMAGING_MODALITY(true),
  PACS(true),
  LAB_ANALYZER(true),
  MEDICATION_DISPENSING(true),
  NURSE_CALL(true),
  CLINICAL_SYSTEM(false),
  OTHER_MEDICAL(true),
  WORKSTATION(false),
  SERVER(false),
  PRINTER(false),
  NETWORK_DEVICE(false),
  VOIP_PHONE(false),
  BUILDING_IOT(false),
  MOBILE(false),
  UNKNOWN(false);

  private final boolean medical;

  Category(boolean medical) {
    this.medical = medical;
  }

  /** True for categories that are medical devices in the regulatory sense. */
  public boolean medical() {
    return medical;
  }

  /** The kebab-case id, e.g. {@code infusion-pump}. */
  public String id() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /** The category with the given kebab-case id. */
  public static Optional<Category> fromId(String id) {
    return Arrays.stream(values()).filter(c -> c.id().equals(id)).findFirst();
  }
}

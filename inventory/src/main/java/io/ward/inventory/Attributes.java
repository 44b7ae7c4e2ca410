package io.ward.inventory;

import java.util.List;

/** The device attribute names used in {@link io.ward.model.Evidence#attribute()}. */
final class Attributes {
  private Attributes() {}

  static final String VENDOR = "vendor";
  static final String MODEL = "model";
  static final String OS = "os";
  static final String FIRMWARE = "firmware";
  static final String SERIAL = "serial";
  static final String CATEGORY = "category";
  static final String MODALITY = "modality";
  static final String MEDICAL = "medical";
  static final String CRITICALITY = "criticality";
  static final String HOSTNAME = "hostname";
  static final String AE_TITLE = "aeTitle";
  static final String HL7_APPLICATION = "hl7Application";

  /** Evidence for an item of {@link io.ward.model.Device#software()}: "vendor product version". */
  static final String SOFTWARE = "software";

  /** Attributes whose value a fingerprint may take from the observed value or a regex group. */
  static final List<String> DERIVABLE = List.of(VENDOR, MODEL, OS, FIRMWARE, SERIAL);

  /** Attributes a fingerprint may set to a literal value. */
  static final List<String> SETTABLE =
      List.of(VENDOR, MODEL, OS, FIRMWARE, SERIAL, CATEGORY, MODALITY, MEDICAL, CRITICALITY);
}

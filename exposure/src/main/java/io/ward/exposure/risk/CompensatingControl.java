package io.ward.exposure.risk;

import java.util.Locale;

/** A control that lowers the urgency of a finding on a device. */
public enum CompensatingControl {
  /** The device sits in a segment with restrictive access rules. */
  SEGMENTATION,
  /** The vulnerable service was not observed in use on the device. */
  SERVICE_NOT_OBSERVED;

  /** The kebab-case id. */
  public String id() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }
}

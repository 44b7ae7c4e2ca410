package io.ward.model.exposure;

import java.util.Locale;

/** Whether a device is affected by what a finding names. */
public enum FindingStatus {
  /** The device's product and version fall inside what the advisory declares affected. */
  AFFECTED,
  /**
   * It may be: the firmware version is unknown, the model matched loosely, or the range was not
   * readable.
   */
  POSSIBLY_AFFECTED,
  /** It is not: a VEX statement or a fixed version says so; kept with its justification. */
  NOT_AFFECTED;

  /** The kebab-case id, e.g. {@code possibly-affected}. */
  public String id() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }
}

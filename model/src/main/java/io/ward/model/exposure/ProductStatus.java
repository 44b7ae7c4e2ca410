package io.ward.model.exposure;

/** The status of products for one vulnerability (CSAF 2.0 §3.2.3.9 {@code product_status}). */
public enum ProductStatus {
  /** The first version known to be affected. */
  FIRST_AFFECTED,
  /** Known to be affected. */
  KNOWN_AFFECTED,
  /** The last version known to be affected. */
  LAST_AFFECTED,
  /** The first version that contains the fix. */
  FIRST_FIXED,
  /** Contains the fix. */
  FIXED,
  /** The version the vendor recommends (fixed). */
  RECOMMENDED,
  /** Known not to be affected (a VEX claim). */
  KNOWN_NOT_AFFECTED,
  /** Still being investigated. */
  UNDER_INVESTIGATION;

  /** True for the statuses that mean "affected" (first, known, last affected). */
  public boolean affected() {
    return this == FIRST_AFFECTED || this == KNOWN_AFFECTED || this == LAST_AFFECTED;
  }

  /** True for the statuses that mean "fixed" (first fixed, fixed, recommended). */
  public boolean fixed() {
    return this == FIRST_FIXED || this == FIXED || this == RECOMMENDED;
  }
}

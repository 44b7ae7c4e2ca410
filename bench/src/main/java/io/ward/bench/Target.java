package io.ward.bench;

/**
 * One of the targets: a ratio of two measurements and the bound it should meet.
 *
 * @param name what is compared, as the issue words it
 * @param measured the ratio measured in this run
 * @param bound the target ratio
 * @param atLeast true when the ratio must be at least the bound, false when at most
 * @param basis the two figures the ratio is made of, for the reader
 */
record Target(String name, double measured, double bound, boolean atLeast, String basis) {

  /** Whether this run met the target; false when the ratio could not be computed. */
  boolean met() {
    if (Double.isNaN(measured)) {
      return false;
    }
    return atLeast ? measured >= bound : measured <= bound;
  }

  /** The goal as the table prints it, e.g. {@code ≥ 50×}. */
  String goal() {
    return (atLeast ? "≥ " : "≤ ") + Format.ratio(bound);
  }
}

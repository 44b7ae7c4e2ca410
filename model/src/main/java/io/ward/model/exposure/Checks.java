package io.ward.model.exposure;

import java.util.Objects;

/** Argument checks shared by the compact constructors of this package. */
final class Checks {

  private Checks() {}

  /** Returns {@code value} when it is non-null and not blank, else throws. */
  static String text(String value, String name) {
    Objects.requireNonNull(value, name);
    if (value.isBlank()) {
      throw new IllegalArgumentException(name + " must not be blank");
    }
    return value;
  }

  /** Returns {@code value} when it lies in [0,1], else throws. */
  static double unit(double value, String name) {
    if (!(value >= 0 && value <= 1)) {
      throw new IllegalArgumentException(name + " must lie in [0,1]: " + value);
    }
    return value;
  }
}

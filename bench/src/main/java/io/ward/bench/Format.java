package io.ward.bench;

import java.util.Locale;

/** Number formats of the report. */
final class Format {

  private Format() {}

  /** A ratio such as {@code 52.3×} or {@code 0.08×}; {@code n/a} when unknown. */
  static String ratio(double r) {
    if (Double.isNaN(r) || Double.isInfinite(r)) {
      return "n/a";
    }
    return String.format(Locale.ROOT, r >= 10 ? "%.1f×" : "%.2f×", r);
  }

  /** A count with thousands separators, e.g. {@code 1,503,221}. */
  static String count(double n) {
    if (Double.isNaN(n) || Double.isInfinite(n)) {
      return "n/a";
    }
    return String.format(Locale.ROOT, "%,d", Math.round(n));
  }

  /** A figure with one decimal, e.g. {@code 12.3}. */
  static String oneDecimal(double n) {
    return String.format(Locale.ROOT, "%.1f", n);
  }

  /** Seconds with two decimals, e.g. {@code 3.14}; {@code n/a} when unknown. */
  static String seconds(double s) {
    if (Double.isNaN(s) || Double.isInfinite(s)) {
      return "n/a";
    }
    return String.format(Locale.ROOT, "%.2f", s);
  }

  /**
   * {@code built from `REV`} for a {@code git describe --always --dirty} revision, saying "with
   * uncommitted changes" only of a dirty one (printed always, it read as if every build were).
   */
  static String builtFrom(String revision) {
    return "built from `"
        + revision
        + "`"
        + (revision.endsWith("-dirty") ? " (with uncommitted changes)" : "");
  }
}

package io.ward.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Medians and ratios of benchmark figures. */
final class Stats {

  private Stats() {}

  /** The median of a non-empty list; the mean of the two middle values for an even count. */
  static double median(List<Double> values) {
    if (values.isEmpty()) {
      throw new IllegalArgumentException("median of no values");
    }
    List<Double> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    int mid = sorted.size() / 2;
    return sorted.size() % 2 == 1 ? sorted.get(mid) : (sorted.get(mid - 1) + sorted.get(mid)) / 2;
  }

  /** {@code numerator / denominator}, or NaN when the denominator is not positive. */
  static double ratio(double numerator, double denominator) {
    return denominator > 0 ? numerator / denominator : Double.NaN;
  }
}

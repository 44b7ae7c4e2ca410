package io.ward.exposure.risk;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The metrics of a CVSS vector string ({@code CVSS:3.1/AV:N/…}) in written order. */
final class CvssVector {

  private final String prefix;
  private final Map<String, String> metrics;

  private CvssVector(String prefix, Map<String, String> metrics) {
    this.prefix = prefix;
    this.metrics = metrics;
  }

  /**
   * Reads a vector, checking every metric against {@code allowed} and the presence of {@code
   * required}.
   *
   * @throws CvssException when the vector is malformed
   */
  static CvssVector parse(
      String vector, List<String> prefixes, Map<String, String> allowed, List<String> required) {
    if (vector == null) {
      throw new CvssException("no vector");
    }
    String v = vector.strip();
    int slash = v.indexOf('/');
    if (slash < 0 || !prefixes.contains(v.substring(0, slash))) {
      throw new CvssException("expected one of " + prefixes + " in: " + vector);
    }
    Map<String, String> metrics = new LinkedHashMap<>();
    for (String part : v.substring(slash + 1).split("/")) {
      int colon = part.indexOf(':');
      if (colon <= 0 || colon == part.length() - 1) {
        throw new CvssException("malformed metric '" + part + "' in: " + vector);
      }
      String key = part.substring(0, colon);
      String value = part.substring(colon + 1);
      String values = allowed.get(key);
      if (values == null || !allows(values, value)) {
        throw new CvssException("unknown metric or value '" + part + "' in: " + vector);
      }
      if (metrics.put(key, value) != null) {
        throw new CvssException("metric " + key + " given twice in: " + vector);
      }
    }
    for (String key : required) {
      if (!metrics.containsKey(key)) {
        throw new CvssException("missing base metric " + key + " in: " + vector);
      }
    }
    return new CvssVector(v.substring(0, slash), metrics);
  }

  /** Values are single letters ({@code "NALP"}) or, when a comma is present, words. */
  private static boolean allows(String values, String value) {
    if (values.indexOf(',') >= 0) {
      return List.of(values.split(",")).contains(value);
    }
    return value.length() == 1 && values.contains(value);
  }

  String prefix() {
    return prefix;
  }

  /** The metric as written, {@code X} when absent. */
  String get(String key) {
    return metrics.getOrDefault(key, "X");
  }

  Optional<String> written(String key) {
    return Optional.ofNullable(metrics.get(key));
  }

  /** A copy with one metric set (or replaced), keeping written order. */
  CvssVector with(String key, String value) {
    Map<String, String> copy = new LinkedHashMap<>(metrics);
    copy.put(key, value);
    return new CvssVector(prefix, copy);
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder(prefix);
    metrics.forEach((k, val) -> sb.append('/').append(k).append(':').append(val));
    return sb.toString();
  }
}

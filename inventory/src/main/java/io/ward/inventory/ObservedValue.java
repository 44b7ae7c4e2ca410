package io.ward.inventory;

import java.util.Locale;

/**
 * An observed value with its lower-case forms, each made at most once however many fingerprints of
 * its field test it: {@code equals} and {@code prefix} matchers compare {@link #rootLowerCase()},
 * required literals of case-insensitive expressions look in {@link #asciiLowerCase()}. Lower-casing
 * the value again for every fingerprint was a seventh of assembling the devices at the end of an
 * analysis (fields such as hostnames have dozens of fingerprints). Not thread-safe: one per lookup.
 */
final class ObservedValue {
  private final String value;
  private String rootLower;
  private String asciiLower;

  ObservedValue(String value) {
    this.value = value;
  }

  String value() {
    return value;
  }

  /** {@code value.toLowerCase(Locale.ROOT)}. */
  String rootLowerCase() {
    if (rootLower == null) {
      rootLower = value.toLowerCase(Locale.ROOT);
    }
    return rootLower;
  }

  /**
   * The value with ASCII letters, and only those, in lower case: what {@code (?i)} folds without
   * {@code UNICODE_CASE}, so no value a case-insensitive expression matches is lowered into
   * something its required literals miss.
   */
  String asciiLowerCase() {
    if (asciiLower == null) {
      asciiLower = asciiLowerCase(value);
    }
    return asciiLower;
  }

  /**
   * {@code s} with ASCII letters, and only those, in lower case; {@code s} itself when none is
   * upper.
   */
  static String asciiLowerCase(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c >= 'A' && c <= 'Z') {
        char[] chars = s.toCharArray();
        for (int j = i; j < chars.length; j++) {
          if (chars[j] >= 'A' && chars[j] <= 'Z') {
            chars[j] += 'a' - 'A';
          }
        }
        return new String(chars);
      }
    }
    return s;
  }
}

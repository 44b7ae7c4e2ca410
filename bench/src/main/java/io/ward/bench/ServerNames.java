package io.ward.bench;

import java.util.Locale;

/**
 * Gives a copied device its own name in the style of the original: the trailing number or hex
 * serial of a host name, AE title or serial number is replaced by the copy's number, so {@code
 * PLUMA-0003} becomes {@code PLUMA-4711} and {@code VVX4FC07C} becomes {@code VVX001267}.
 */
final class ServerNames {

  private static final int HEX_TAIL = 6;

  private ServerNames() {}

  /**
   * {@code name} with its six-character hex serial tail (one with a letter in it) or else its
   * trailing number replaced by {@code n}, zero-padded to the original width; {@code name-n} when
   * it ends in neither. The first DNS label alone is renumbered: {@code ZBR344A65.local} keeps its
   * {@code .local}.
   */
  static String renumber(String name, long n) {
    if (n < 0) {
      throw new IllegalArgumentException("negative number " + n);
    }
    int dot = name.indexOf('.');
    String label = dot < 0 ? name : name.substring(0, dot);
    String rest = dot < 0 ? "" : name.substring(dot);
    if (label.isEmpty()) {
      return name;
    }
    String tail = label.substring(Math.max(0, label.length() - HEX_TAIL));
    boolean hexSerial =
        label.length() > HEX_TAIL
            && trailing(label, true) >= HEX_TAIL
            && tail.chars().anyMatch(ch -> !isDigit((char) ch));
    if (hexSerial) {
      boolean upper = !tail.equals(tail.toLowerCase(Locale.ROOT));
      String hex = Long.toHexString(n);
      hex = upper ? hex.toUpperCase(Locale.ROOT) : hex;
      return label.substring(0, label.length() - HEX_TAIL) + padded(hex, HEX_TAIL) + rest;
    }
    int digits = trailing(label, false);
    if (digits > 0) {
      return label.substring(0, label.length() - digits) + padded(Long.toString(n), digits) + rest;
    }
    return label + "-" + n + rest;
  }

  /** How many characters at the end of {@code s} are decimal digits (or hex digits). */
  private static int trailing(String s, boolean hex) {
    int i = s.length();
    while (i > 0 && (hex ? Character.digit(s.charAt(i - 1), 16) >= 0 : isDigit(s.charAt(i - 1)))) {
      i--;
    }
    return s.length() - i;
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private static String padded(String s, int width) {
    return s.length() >= width ? s : "0".repeat(width - s.length()) + s;
  }
}

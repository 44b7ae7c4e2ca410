package io.ward.exposure.match;

import io.ward.exposure.cpe.CpeName;
import java.util.Locale;
import java.util.Optional;

/**
 * The index key ({@code c|vendor:product}) and version of CPE names, millions of times per index
 * build. Plain CPE 2.3 formatted strings (13 fields, no escapes, the characters NVD uses) are split
 * by hand; anything else goes through {@link CpeName} (cpe-parser). Both paths give the same answer
 * (checked by a property test).
 */
final class Cpes {

  private Cpes() {}

  /** The {@code c|vendor:product} key, empty when the name is not a CPE or names no product. */
  static Optional<String> key(String cpe) {
    int[] colons = fastSplit(cpe);
    if (colons == null) {
      return slow(cpe).key;
    }
    String vendor = cpe.substring(colons[2] + 1, colons[3]);
    String product = cpe.substring(colons[3] + 1, colons[4]);
    if (vendor.equals("*") || product.equals("*")) {
      return Optional.empty();
    }
    return Optional.of(
        "c|" + vendor.toLowerCase(Locale.ROOT) + ":" + product.toLowerCase(Locale.ROOT));
  }

  /** The version field when it names one (not ANY or NA). */
  static Optional<String> version(String cpe) {
    int[] colons = fastSplit(cpe);
    if (colons == null) {
      return slow(cpe).version;
    }
    String v = cpe.substring(colons[4] + 1, colons[5]);
    return v.equals("*") || v.equals("-") ? Optional.empty() : Optional.of(v);
  }

  /**
   * The positions of the 12 colons of a plain CPE 2.3 formatted string, or null when the text needs
   * the full parser: escapes, other characters, or a wildcard that is not a whole field ("**",
   * "1.*", which only the parser judges).
   */
  private static int[] fastSplit(String s) {
    if (s == null || !s.startsWith("cpe:2.3:") || s.length() < 10) {
      return null;
    }
    char part = s.charAt(8);
    if ((part != 'a' && part != 'o' && part != 'h') || s.charAt(9) != ':') {
      return null;
    }
    int[] colons = new int[12];
    colons[0] = 3;
    colons[1] = 7;
    colons[2] = 9;
    int n = 3;
    int fieldStart = 10;
    boolean star = false;
    for (int i = 10; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == ':') {
        if (n == 12 || i == fieldStart || (star && i - fieldStart != 1)) {
          return null;
        }
        colons[n++] = i;
        fieldStart = i + 1;
        star = false;
      } else if (c == '*') {
        star = true;
      } else if (!plain(c)) {
        return null;
      }
    }
    boolean lastFieldPlain = !star || s.length() - fieldStart == 1;
    return n == 12 && fieldStart < s.length() && lastFieldPlain ? colons : null;
  }

  private static boolean plain(char c) {
    return (c >= 'a' && c <= 'z')
        || (c >= 'A' && c <= 'Z')
        || (c >= '0' && c <= '9')
        || c == '.'
        || c == '_'
        || c == '-'
        || c == '~'
        || c == '+';
  }

  private static Parsed slow(String cpe) {
    Optional<CpeName> name = CpeName.parse(cpe);
    return name.isEmpty()
        ? new Parsed(Optional.empty(), Optional.empty())
        : new Parsed(name.get().key().map(k -> "c|" + k), name.get().version());
  }

  private record Parsed(Optional<String> key, Optional<String> version) {}
}

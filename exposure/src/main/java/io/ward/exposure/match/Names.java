package io.ward.exposure.match;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Product and model names split into the words that identify a product. */
final class Names {

  /** Words that name no product: generic nouns, version words, vendor-neutral fillers. */
  private static final Set<String> STOP =
      Set.of(
          "model",
          "models",
          "version",
          "versions",
          "series",
          "family",
          "system",
          "systems",
          "software",
          "firmware",
          "the",
          "of",
          "and",
          "for",
          "with",
          "all",
          "unit",
          "device",
          "devices",
          "product",
          "products",
          "module",
          "edition",
          "including",
          "includes",
          "only",
          "ver",
          "rev",
          "release",
          "application",
          "app",
          "x",
          "v",
          "sw",
          "fw",
          "inc",
          "other",
          "prior",
          "earlier",
          "later",
          "to",
          "on",
          "in",
          "by",
          "a",
          "an",
          "not",
          "sold",
          "us");

  /** A model range such as {@code MX400-MX850} or {@code MP2-MP90}. */
  private static final Pattern RANGE =
      Pattern.compile("(?i)\\b([a-z]{1,4})(\\d{1,5})\\s*[-–]\\s*(?:([a-z]{1,4}))?(\\d{1,5})\\b");

  private Names() {}

  /** The identifying words of a name, lower case, in order, without vendor words. */
  static Set<String> tokens(String text, Set<String> vendorWords) {
    Set<String> out = new LinkedHashSet<>();
    if (text == null) {
      return out;
    }
    if (!ascii(text)) {
      for (String w : text.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+")) {
        keep(w, vendorWords, out);
      }
      return out;
    }
    // The same split for ASCII text without a regular expression: words are runs of [A-Za-z0-9].
    int start = -1;
    for (int i = 0; i <= text.length(); i++) {
      char c = i < text.length() ? text.charAt(i) : ' ';
      boolean word = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
      if (word && start < 0) {
        start = i;
      } else if (!word && start >= 0) {
        keep(text.substring(start, i).toLowerCase(Locale.ROOT), vendorWords, out);
        start = -1;
      }
    }
    return out;
  }

  private static void keep(String w, Set<String> vendorWords, Set<String> out) {
    if (w.length() >= 2 || (w.length() == 1 && Character.isDigit(w.charAt(0)))) {
      if (!STOP.contains(w) && !vendorWords.contains(w)) {
        out.add(w);
      }
    }
  }

  private static boolean ascii(String text) {
    for (int i = 0; i < text.length(); i++) {
      if (text.charAt(i) >= 128) {
        return false;
      }
    }
    return true;
  }

  /** True for a word that carries a model number: a digit and at least three characters. */
  static boolean isModelNumber(String token) {
    if (token.length() < 3) {
      return false;
    }
    for (int i = 0; i < token.length(); i++) {
      if (Character.isDigit(token.charAt(i))) {
        return true;
      }
    }
    return false;
  }

  /** A model range in a product name: letters, and the first and last number. */
  record ModelRange(String prefix, long from, long to, String text) {
    boolean contains(String token) {
      if (!token.startsWith(prefix) || token.length() == prefix.length()) {
        return false;
      }
      String digits = token.substring(prefix.length());
      if (!digits.chars().allMatch(Character::isDigit) || digits.length() > 9) {
        return false;
      }
      long n = Long.parseLong(digits);
      return n >= from && n <= to;
    }
  }

  /** The model ranges named in the text. */
  static List<ModelRange> ranges(String text) {
    List<ModelRange> out = new java.util.ArrayList<>();
    if (text == null || (text.indexOf('-') < 0 && text.indexOf('–') < 0)) {
      return out; // every range has a dash
    }
    Matcher m = RANGE.matcher(text);
    while (m.find()) {
      String p = m.group(1).toLowerCase(Locale.ROOT);
      String p2 = m.group(3) == null ? p : m.group(3).toLowerCase(Locale.ROOT);
      long from = Long.parseLong(m.group(2));
      long to = Long.parseLong(m.group(4));
      if (p.equals(p2) && from < to) {
        out.add(new ModelRange(p, from, to, m.group()));
      }
    }
    return out;
  }

  /** The words of a vendor name, to drop from product names ("BD Alaris" → "alaris"). */
  static Set<String> vendorWords(String vendor) {
    Set<String> out = new LinkedHashSet<>();
    if (vendor != null) {
      for (String w : VendorAliases.normalize(vendor).split(" ")) {
        if (!w.isEmpty()) {
          out.add(w);
        }
      }
    }
    return out;
  }
}

package io.ward.exposure.version;

import io.ward.exposure.version.Version.Component;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Splits version text into {@link Component}s: digits, letters, keywords, wildcards, dates. */
final class VersionTokenizer {

  /** US dates as CISA writes them in ranges, e.g. {@code <8/30/2024}. */
  private static final Pattern US_DATE = Pattern.compile("\\b(\\d{1,2})/(\\d{1,2})/(\\d{4})\\b");

  /** Month-name dates: {@code May 2018}, {@code April 1, 2018}, {@code 1 April 2018}. */
  private static final Pattern MONTH_DATE =
      Pattern.compile(
          "(?i)\\b(?:(\\d{1,2})\\s+)?(jan|feb|mar|apr|may|jun|jul|aug|sept|sep|oct|nov|dec)"
              + "(?:uary|ruary|ch|il|e|y|ust|ember|tember|ober)?\\.?"
              + "(?:\\s+(\\d{1,2}))?,?\\s+(\\d{4})\\b");

  private static final Map<String, Integer> MONTHS =
      Map.ofEntries(
          Map.entry("jan", 1),
          Map.entry("feb", 2),
          Map.entry("mar", 3),
          Map.entry("apr", 4),
          Map.entry("may", 5),
          Map.entry("jun", 6),
          Map.entry("jul", 7),
          Map.entry("aug", 8),
          Map.entry("sep", 9),
          Map.entry("sept", 9),
          Map.entry("oct", 10),
          Map.entry("nov", 11),
          Map.entry("dec", 12));

  private VersionTokenizer() {}

  static Component[] tokenize(String raw) {
    String text = normalizeDates(stripVersionPrefix(raw.strip()));
    List<Component> out = new ArrayList<>();
    int i = 0;
    int n = text.length();
    while (i < n) {
      char c = text.charAt(i);
      if (c >= '0' && c <= '9') {
        int j = i;
        while (j < n && text.charAt(j) >= '0' && text.charAt(j) <= '9') {
          j++;
        }
        out.add(Component.number(text.substring(i, j)));
        i = j;
      } else if (Character.isLetter(c)) {
        int j = i;
        while (j < n && Character.isLetter(text.charAt(j))) {
          j++;
        }
        String word = text.substring(i, j);
        boolean standalone = (i == 0 || !Character.isLetterOrDigit(text.charAt(i - 1)));
        boolean ends = (j == n || !Character.isLetterOrDigit(text.charAt(j)));
        boolean digitFollows = j < n && text.charAt(j) >= '0' && text.charAt(j) <= '9';
        if (word.equalsIgnoreCase("x") && standalone && ends && !out.isEmpty()) {
          out.add(Component.WILDCARD);
        } else if (word.length() == 1 && !digitFollows) {
          // A lone letter is a revision letter (1.00B, N): only "b17", "R12", "U61" are keywords.
          out.add(Component.letters(word));
        } else {
          out.add(Component.word(word));
        }
        i = j;
      } else {
        if (c == '*') {
          out.add(Component.WILDCARD);
        }
        i++;
      }
    }
    return out.toArray(new Component[0]);
  }

  /**
   * Drops a leading {@code v}/{@code V} before a digit, and a lower-case {@code v} before a code.
   */
  private static String stripVersionPrefix(String s) {
    return stripPrefix(s);
  }

  /** Cheap pre-check: a date needs a '/' or three letters followed later by four digits. */
  private static boolean mayHoldDate(String s) {
    if (s.indexOf('/') >= 0) {
      return true;
    }
    int letters = 0;
    int digits = 0;
    boolean sawWord = false;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isLetter(c)) {
        letters++;
        digits = 0;
        sawWord |= letters >= 3;
      } else if (c >= '0' && c <= '9') {
        letters = 0;
        digits++;
        if (sawWord && digits >= 4) {
          return true;
        }
      } else {
        letters = 0;
        digits = 0;
      }
    }
    return false;
  }

  private static String stripPrefix(String s) {
    if (s.length() > 1 && (s.charAt(0) == 'v' || s.charAt(0) == 'V')) {
      char next = s.charAt(1);
      if ((next >= '0' && next <= '9') || (s.charAt(0) == 'v' && Character.isUpperCase(next))) {
        return s.substring(1);
      }
    }
    return s;
  }

  /** Rewrites dates as {@code year.month.day} so they order as versions. */
  static String normalizeDates(String s) {
    if (!mayHoldDate(s)) {
      return s;
    }
    if (s.indexOf('/') >= 0) {
      Matcher m = US_DATE.matcher(s);
      StringBuilder sb = new StringBuilder();
      while (m.find()) {
        m.appendReplacement(sb, m.group(3) + "." + m.group(1) + "." + m.group(2));
      }
      m.appendTail(sb);
      s = sb.toString();
    }
    Matcher m = MONTH_DATE.matcher(s);
    if (!m.find()) {
      return s;
    }
    m.reset();
    StringBuilder sb = new StringBuilder();
    while (m.find()) {
      int month = MONTHS.get(m.group(2).toLowerCase(Locale.ROOT));
      String day = m.group(1) != null ? m.group(1) : m.group(3);
      String replacement = m.group(4) + "." + month + (day != null ? "." + day : "");
      m.appendReplacement(sb, replacement);
    }
    m.appendTail(sb);
    return sb.toString();
  }
}

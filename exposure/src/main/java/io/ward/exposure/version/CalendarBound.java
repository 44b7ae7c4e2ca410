package io.ward.exposure.version;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Tells a calendar date written where a version is expected. CISA's ADP entry for CVE-2024-6795
 * restates the CNA's {@code lessThan: "8/30/2024"} (type date) as {@code lessThan: "8.30.2024"} of
 * type {@code custom}, which reads as version 8.30.2024; advisories' free-text ranges ({@code
 * <8.30.2024}, {@code versions prior to 8.30.2024}) can do the same. The CVE 5 reader asks it about
 * each bound, {@link LegacyRanges#statesDate} about each word of a text.
 *
 * <p>The rule, for a bound whose type is {@code custom} or absent (a typed bound, {@code semver},
 * {@code rpm}…, is a version whatever it looks like):
 *
 * <ul>
 *   <li>Year first: {@code YYYY-MM-DD} with dashes is an ISO 8601 date. With dots ({@code
 *       2024.08.30}) it is calendar versioning (certifi, youtube-dl), which orders as the date
 *       does: it stays a version.
 *   <li>Year last ({@code M.D.YYYY}, {@code D.M.YYYY}): with slashes or dashes, a date when the
 *       first two numbers are a month and a day in either order; versions are not written so. With
 *       dots, a date only when exactly one order makes a day (one number is 13 to 31, as in {@code
 *       8.30.2024} or {@code 30.8.2024}). When both orders do ({@code 2.10.2024}) the text is just
 *       as well a major.minor.year version of a maker that numbers releases by year, and as a date
 *       it would not even say which day: it stays a version.
 * </ul>
 *
 * The year has four digits and lies in 1970–2099, and the day must exist in its month (so {@code
 * 2.30.2024} is a version): numbers that merely fit the pattern are not taken for a date.
 */
public final class CalendarBound {

  private static final Pattern YEAR_FIRST = Pattern.compile("(\\d{4})-(\\d{1,2})-(\\d{1,2})");

  private static final Pattern YEAR_LAST =
      Pattern.compile("(\\d{1,2})([./-])(\\d{1,2})\\2(\\d{4})");

  private CalendarBound() {}

  /**
   * True when a CVE 5 {@code versionType} leaves the shape of the bound to decide (custom or
   * absent).
   */
  public static boolean untyped(String versionType) {
    return versionType.isBlank() || versionType.equalsIgnoreCase("custom");
  }

  /** True when the bound is a calendar date by the rule of the class comment. */
  public static boolean isDate(String bound) {
    String text = bound.strip();
    Matcher m = YEAR_FIRST.matcher(text);
    if (m.matches()) {
      return exists(num(m, 1), num(m, 2), num(m, 3));
    }
    m = YEAR_LAST.matcher(text);
    if (!m.matches()) {
      return false;
    }
    int a = num(m, 1);
    int b = num(m, 3);
    int year = num(m, 4);
    boolean monthFirst = exists(year, a, b);
    boolean dayFirst = exists(year, b, a);
    if (m.group(2).equals(".")) {
      return monthFirst != dayFirst;
    }
    return monthFirst || dayFirst;
  }

  private static boolean exists(int year, int month, int day) {
    if (year < 1970 || year > 2099) {
      return false;
    }
    try {
      LocalDate.of(year, month, day);
      return true;
    } catch (DateTimeException e) {
      return false;
    }
  }

  private static int num(Matcher m, int group) {
    return Integer.parseInt(m.group(group));
  }
}

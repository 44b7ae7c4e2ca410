package io.ward.engine;

import java.time.LocalDate;

/**
 * Capture times as {@link java.time.Instant#toString()} writes them (ISO-8601 in UTC, the fraction
 * in groups of three digits, none when whole seconds), written out by hand.
 *
 * <p>Why not {@code Instant.toString()}: the JSON inventory holds a first-seen time for every piece
 * of evidence, about 40,000 on the benchmark's 1,000-device capture, and {@code Instant}'s
 * formatter, which walks the general {@code DateTimeFormatter} machinery, was about a twelfth of
 * the time spent writing the inventory once the last packet was read: time no worker can share. A
 * {@code long} of nanoseconds spans the years 1677 to 2262, so the year always has the four digits
 * that {@code Instant} writes without a sign.
 */
final class UtcTimestamp {
  private static final long NANOS_PER_SECOND = 1_000_000_000L;
  private static final long SECONDS_PER_DAY = 86_400L;

  private UtcTimestamp() {}

  /** {@code epochNanos} as {@code Instant.ofEpochSecond(0, epochNanos).toString()} writes it. */
  static String format(long epochNanos) {
    long second = Math.floorDiv(epochNanos, NANOS_PER_SECOND);
    int nano = (int) Math.floorMod(epochNanos, NANOS_PER_SECOND);
    LocalDate date = LocalDate.ofEpochDay(Math.floorDiv(second, SECONDS_PER_DAY));
    int secondOfDay = (int) Math.floorMod(second, SECONDS_PER_DAY);
    char[] c = new char[30];
    int n = 0;
    n = digits(c, n, date.getYear(), 4);
    c[n++] = '-';
    n = digits(c, n, date.getMonthValue(), 2);
    c[n++] = '-';
    n = digits(c, n, date.getDayOfMonth(), 2);
    c[n++] = 'T';
    n = digits(c, n, secondOfDay / 3600, 2);
    c[n++] = ':';
    n = digits(c, n, secondOfDay / 60 % 60, 2);
    c[n++] = ':';
    n = digits(c, n, secondOfDay % 60, 2);
    if (nano != 0) {
      c[n++] = '.';
      if (nano % 1_000_000 == 0) {
        n = digits(c, n, nano / 1_000_000, 3);
      } else if (nano % 1000 == 0) {
        n = digits(c, n, nano / 1000, 6);
      } else {
        n = digits(c, n, nano, 9);
      }
    }
    c[n++] = 'Z';
    return new String(c, 0, n);
  }

  /** Writes {@code value} (not negative) as exactly {@code width} decimal digits at {@code at}. */
  private static int digits(char[] c, int at, int value, int width) {
    for (int i = at + width - 1; i >= at; i--) {
      c[i] = (char) ('0' + value % 10);
      value /= 10;
    }
    return at + width;
  }
}

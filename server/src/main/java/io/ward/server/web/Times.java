package io.ward.server.web;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Times as the console shows them: UTC, to the minute or second. */
public final class Times {
  private static final DateTimeFormatter MINUTE =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter SECOND =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);

  Times() {}

  /** {@code 2026-01-31 14:05}. */
  public static String minute(Instant t) {
    return MINUTE.format(t);
  }

  /** {@code 2026-01-31 14:05:09}. */
  public String second(Instant t) {
    return SECOND.format(t);
  }

  /** A fraction 0 to 1 as a whole percentage. */
  public long percent(double fraction) {
    return Math.round(Math.max(0, Math.min(1, fraction)) * 100);
  }

  /** A duration for people: {@code 6 h}, {@code 90 min}, {@code 45 s}. */
  public String duration(java.time.Duration d) {
    long s = d.toSeconds();
    if (s % 3600 == 0 && s > 0) {
      return s / 3600 + " h";
    }
    if (s % 60 == 0 && s > 0) {
      return s / 60 + " min";
    }
    return s + " s";
  }

  /** A size in bytes for people: {@code 1.4 MB}. */
  public String bytes(long n) {
    if (n < 1024) {
      return n + " B";
    }
    String[] units = {"KB", "MB", "GB", "TB"};
    double v = n;
    int u = -1;
    while (v >= 1024 && u < units.length - 1) {
      v /= 1024;
      u++;
    }
    return String.format(java.util.Locale.ROOT, "%.1f %s", v, units[u]);
  }
}

package io.ward.simulate;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Formats capture times (never the wall clock) the way protocols write them. */
final class CaptureClock {
  private CaptureClock() {}

  private static final DateTimeFormatter HL7 =
      DateTimeFormatter.ofPattern("yyyyMMddHHmmss").withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter DATE =
      DateTimeFormatter.ofPattern("yyyyMMdd").withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter ISO =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssxxx").withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter HTTP =
      DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", java.util.Locale.ROOT)
          .withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter UTC_TIME =
      DateTimeFormatter.ofPattern("yyMMddHHmmss'Z'").withZone(ZoneOffset.UTC);

  /** HL7 v2 TS / ASTM date-time: {@code yyyyMMddHHmmss}. */
  static String hl7(long epochMicros) {
    return HL7.format(instant(epochMicros));
  }

  /** DICOM DA: {@code yyyyMMdd}. */
  static String date(long epochMicros) {
    return DATE.format(instant(epochMicros));
  }

  /** ISO 8601 with offset, as POCT1-A writes it. */
  static String iso(long epochMicros) {
    return ISO.format(instant(epochMicros));
  }

  /** RFC 9110 IMF-fixdate. */
  static String http(long epochMicros) {
    return HTTP.format(instant(epochMicros));
  }

  /** ASN.1 UTCTime. */
  static String utcTime(long epochMicros) {
    return UTC_TIME.format(instant(epochMicros));
  }

  private static Instant instant(long epochMicros) {
    return Instant.ofEpochSecond(epochMicros / 1_000_000, (epochMicros % 1_000_000) * 1000);
  }
}

package io.ward.capture.dissect.astm;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The sender description of an ASTM E1394 / LIS2-A2 message header record ({@code H}). H-5 "Sender
 * Name or ID" is a component field whose layout the standard leaves to the vendor; the common
 * convention, followed here, is name ^ model ^ software version ^ serial number. H-4, the access
 * password, is never read.
 */
record AstmHeader(
    Optional<String> senderName,
    Optional<String> model,
    Optional<String> softwareVersion,
    Optional<String> serial,
    Optional<String> version) {

  /** Parses an H record, or empty when it is not one (delimiters are declared in H-2). */
  static Optional<AstmHeader> parse(String record) {
    if (record.length() < 5 || record.charAt(0) != 'H') {
      return Optional.empty();
    }
    char field = record.charAt(1);
    char component = record.charAt(3);
    if (field == component || Character.isLetterOrDigit(field)) {
      return Optional.empty();
    }
    List<String> fields = split(record, field);
    // fields[0] = "H", fields[1] = the other delimiters, fields[n-1] = H-n.
    List<String> sender = fields.size() > 4 ? split(fields.get(4), component) : List.of();
    return Optional.of(
        new AstmHeader(
            part(sender, 0),
            part(sender, 1),
            part(sender, 2),
            part(sender, 3),
            fields.size() > 12 ? clean(fields.get(12)) : Optional.empty()));
  }

  private static Optional<String> part(List<String> parts, int index) {
    return index < parts.size() ? clean(parts.get(index)) : Optional.empty();
  }

  private static Optional<String> clean(String s) {
    StringBuilder sb = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (!Character.isISOControl(c)) {
        sb.append(c);
      }
    }
    String v = sb.toString().strip();
    return v.isEmpty() ? Optional.empty() : Optional.of(v);
  }

  private static List<String> split(String s, char separator) {
    List<String> parts = new ArrayList<>();
    int start = 0;
    while (true) {
      int end = s.indexOf(separator, start);
      if (end < 0) {
        parts.add(s.substring(start));
        return parts;
      }
      parts.add(s.substring(start, end));
      start = end + 1;
    }
  }
}

package io.ward.capture.dissect.hl7;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A minimal, bounded reader of ER7 ("pipe and hat") encoding: splits a message into segments and
 * fields using the delimiters declared in MSH-1/MSH-2 (HL7 v2.5.1 section 2.5.4). Segments may be
 * separated by CR (the standard), LF or CRLF (files and some senders).
 */
final class Er7Segments {

  /** More segments than any real message has; the rest are ignored. */
  static final int MAX_SEGMENTS = 10_000;

  private final List<String> segments;
  private final char fieldSeparator;
  private final char componentSeparator;
  private final char repetitionSeparator;

  private Er7Segments(
      List<String> segments, char fieldSeparator, char componentSeparator, char repetition) {
    this.segments = segments;
    this.fieldSeparator = fieldSeparator;
    this.componentSeparator = componentSeparator;
    this.repetitionSeparator = repetition;
  }

  /** Reads a message that starts with an MSH segment, or empty when MSH is malformed. */
  static Optional<Er7Segments> read(String message) {
    if (message.length() < 8 || !message.startsWith("MSH")) {
      return Optional.empty();
    }
    char field = message.charAt(3);
    char component = message.charAt(4);
    char repetition = message.charAt(5);
    if (!isDelimiter(field) || !isDelimiter(component) || !isDelimiter(repetition)) {
      return Optional.empty();
    }
    if (field == component || field == repetition || component == repetition) {
      return Optional.empty();
    }
    List<String> segments = new ArrayList<>();
    int start = 0;
    int n = message.length();
    while (start < n && segments.size() < MAX_SEGMENTS) {
      int end = start;
      while (end < n && message.charAt(end) != '\r' && message.charAt(end) != '\n') {
        end++;
      }
      if (end > start) {
        segments.add(message.substring(start, end));
      }
      start = end + 1;
    }
    return Optional.of(new Er7Segments(segments, field, component, repetition));
  }

  /** True when a segment with this three-letter id is present. */
  boolean has(String segmentId) {
    for (String s : segments) {
      if (isSegment(s, segmentId)) {
        return true;
      }
    }
    return false;
  }

  /**
   * The raw value of field {@code number} of every segment {@code segmentId}, in order (HL7 field
   * numbering: for MSH the field separator itself is MSH-1).
   */
  List<String> fields(String segmentId, int number) {
    List<String> values = new ArrayList<>();
    for (String s : segments) {
      if (isSegment(s, segmentId)) {
        field(s, segmentId.equals("MSH") ? number - 1 : number).ifPresent(values::add);
      }
    }
    return values;
  }

  /** The number of segments with this three-letter id. */
  int count(String segmentId) {
    int n = 0;
    for (String s : segments) {
      if (isSegment(s, segmentId)) {
        n++;
      }
    }
    return n;
  }

  /**
   * The raw value of field {@code number} of the {@code occurrence}-th (0-based) segment {@code
   * segmentId}, or empty when there is no such segment or field (not for MSH).
   */
  Optional<String> field(String segmentId, int occurrence, int number) {
    int seen = 0;
    for (String s : segments) {
      if (isSegment(s, segmentId) && seen++ == occurrence) {
        return field(s, number);
      }
    }
    return Optional.empty();
  }

  /** The repetitions of a field value (split on the repetition separator), empty ones dropped. */
  List<String> repetitions(String fieldValue) {
    List<String> reps = new ArrayList<>();
    for (String r : split(fieldValue, repetitionSeparator)) {
      if (!r.isBlank()) {
        reps.add(r);
      }
    }
    return reps;
  }

  /** Component {@code number} (1-based) of a field value, or empty. */
  Optional<String> component(String fieldValue, int number) {
    List<String> parts = split(fieldValue, componentSeparator);
    return number <= parts.size() ? Optional.of(parts.get(number - 1)) : Optional.empty();
  }

  /** The component separator declared in MSH-2 (usually {@code ^}). */
  char componentSeparator() {
    return componentSeparator;
  }

  private boolean isSegment(String segment, String id) {
    return segment.length() >= 3
        && segment.startsWith(id)
        && (segment.length() == 3 || segment.charAt(3) == fieldSeparator);
  }

  /** Field at split index {@code index} (0 is the segment id). */
  private Optional<String> field(String segment, int index) {
    int pos = 0;
    for (int i = 0; i < index; i++) {
      pos = segment.indexOf(fieldSeparator, pos);
      if (pos < 0) {
        return Optional.empty();
      }
      pos++;
    }
    int end = segment.indexOf(fieldSeparator, pos);
    return Optional.of(segment.substring(pos, end < 0 ? segment.length() : end));
  }

  private static List<String> split(String value, char separator) {
    List<String> parts = new ArrayList<>();
    int start = 0;
    while (true) {
      int end = value.indexOf(separator, start);
      if (end < 0) {
        parts.add(value.substring(start));
        return parts;
      }
      parts.add(value.substring(start, end));
      start = end + 1;
    }
  }

  private static boolean isDelimiter(char c) {
    return c > ' ' && c < 0x7F && !Character.isLetterOrDigit(c);
  }
}

package io.ward.capture.dissect.hl7;

import java.util.ArrayList;
import java.util.Arrays;
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

  /** The whole message; segments are kept as offsets into it, never copied. */
  private final String message;

  /**
   * Segment {@code i} is {@code message[bounds[3i], bounds[3i+1])}; {@code bounds[3i+2]} is its id
   * packed by {@link #idCode} (or -1), so that looking for segments compares one int per segment.
   */
  private final int[] bounds;

  private final int segmentCount;
  private final char fieldSeparator;
  private final char componentSeparator;
  private final char repetitionSeparator;

  private Er7Segments(
      String message,
      int[] bounds,
      int segmentCount,
      char fieldSeparator,
      char componentSeparator,
      char repetition) {
    this.message = message;
    this.bounds = bounds;
    this.segmentCount = segmentCount;
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
    int[] bounds = new int[48];
    int count = 0;
    int start = 0;
    int n = message.length();
    // Segments end at CR or LF. String.indexOf scans far faster than charAt per character; the
    // next CR and LF are remembered, so a message without one is scanned for it once, not once
    // per segment.
    int nextCr = -1;
    int nextLf = -1;
    while (start < n && count < MAX_SEGMENTS) {
      nextCr = nextAtOrAfter(message, '\r', start, nextCr);
      nextLf = nextAtOrAfter(message, '\n', start, nextLf);
      int end = Math.min(nextCr, nextLf);
      if (end > start) {
        if (3 * count + 3 > bounds.length) {
          bounds = Arrays.copyOf(bounds, bounds.length * 2);
        }
        bounds[3 * count] = start;
        bounds[3 * count + 1] = end;
        bounds[3 * count + 2] = segmentId(message, start, end, field);
        count++;
      }
      start = end + 1;
    }
    return Optional.of(new Er7Segments(message, bounds, count, field, component, repetition));
  }

  /**
   * The first {@code c} at or after {@code from} (the length when none), reusing {@code known}, an
   * earlier answer, while it is still ahead.
   */
  private static int nextAtOrAfter(String message, char c, int from, int known) {
    if (known >= from) {
      return known;
    }
    int at = message.indexOf(c, from);
    return at < 0 ? message.length() : at;
  }

  /** True when a segment with this three-letter id is present. */
  boolean has(String segmentId) {
    int code = idCode(segmentId);
    for (int i = 0; i < segmentCount; i++) {
      if (hasId(i, code)) {
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
    int code = idCode(segmentId);
    List<String> values = new ArrayList<>();
    for (int i = 0; i < segmentCount; i++) {
      if (hasId(i, code)) {
        String value = field(i, segmentId.equals("MSH") ? number - 1 : number);
        if (value != null) {
          values.add(value);
        }
      }
    }
    return values;
  }

  /** The number of segments with this three-letter id. */
  int count(String segmentId) {
    int code = idCode(segmentId);
    int n = 0;
    for (int i = 0; i < segmentCount; i++) {
      if (hasId(i, code)) {
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
    int code = idCode(segmentId);
    int seen = 0;
    for (int i = 0; i < segmentCount; i++) {
      if (hasId(i, code) && seen++ == occurrence) {
        return Optional.ofNullable(field(i, number));
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

  /** True when segment {@code segment} has the packed id {@code code} (never for -1). */
  private boolean hasId(int segment, int code) {
    return code >= 0 && bounds[3 * segment + 2] == code;
  }

  /**
   * The packed id of {@code message[start, end)}: its first three characters when a field separator
   * or the end follows them, else -1.
   */
  private static int segmentId(String message, int start, int end, char fieldSeparator) {
    int length = end - start;
    if (length < 3 || length > 3 && message.charAt(start + 3) != fieldSeparator) {
      return -1;
    }
    return pack(message.charAt(start), message.charAt(start + 1), message.charAt(start + 2));
  }

  /** A three-letter segment id packed into an int, or -1 when it is not three Latin-1 letters. */
  private static int idCode(String id) {
    return id.length() == 3 ? pack(id.charAt(0), id.charAt(1), id.charAt(2)) : -1;
  }

  private static int pack(char a, char b, char c) {
    if ((a | b | c) > 0xFF) {
      return -1;
    }
    return a << 16 | b << 8 | c;
  }

  /** Field at split index {@code index} (0 is the segment id), or null; copies only that field. */
  private String field(int segment, int index) {
    int pos = bounds[3 * segment];
    int end = bounds[3 * segment + 1];
    for (int i = 0; i < index; i++) {
      pos = indexOf(fieldSeparator, pos, end);
      if (pos < 0) {
        return null;
      }
      pos++;
    }
    int stop = indexOf(fieldSeparator, pos, end);
    return message.substring(pos, stop < 0 ? end : stop);
  }

  private int indexOf(char c, int from, int end) {
    // Bounded by the segment's end: String.indexOf (Java 17 has no end bound) would scan the rest
    // of the message for every field a segment lacks, quadratic work on a hostile message of many
    // short segments and a long tail.
    for (int i = from; i < end; i++) {
      if (message.charAt(i) == c) {
        return i;
      }
    }
    return -1;
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

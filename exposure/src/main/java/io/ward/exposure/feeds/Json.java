package io.ward.exposure.feeds;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.zip.GZIPInputStream;

/**
 * JSON access shared by the feed readers: a mapper with limits for untrusted files and lenient
 * field getters that return {@link Optional} instead of throwing. Not part of the public API.
 */
public final class Json {

  /** Largest JSON feed file read (NVD API pages and KEV are far smaller). */
  public static final long MAX_FILE_BYTES = 512L * 1024 * 1024;

  private static final ObjectMapper MAPPER =
      JsonMapper.builder(
              JsonFactory.builder()
                  .streamReadConstraints(
                      StreamReadConstraints.builder()
                          .maxNestingDepth(256)
                          .maxStringLength(16 * 1024 * 1024)
                          .maxNumberLength(64)
                          .build())
                  .build())
          .build();

  private Json() {}

  /** The shared mapper (thread-safe). */
  public static ObjectMapper mapper() {
    return MAPPER;
  }

  /**
   * Reads a JSON file, plain or gzip-compressed (NVD publishes its yearly feeds as {@code
   * .json.gz}), refusing files larger than {@link #MAX_FILE_BYTES}, compressed or inflated.
   */
  public static JsonNode read(Path file) throws IOException {
    return read(file, MAX_FILE_BYTES);
  }

  /** {@link #read(Path)} with another size limit (for tests). */
  static JsonNode read(Path file, long maxBytes) throws IOException {
    long size = Files.size(file);
    if (size > maxBytes) {
      throw new IOException("file too large: " + size + " bytes (limit " + maxBytes + ")");
    }
    try (InputStream raw = new BufferedInputStream(Files.newInputStream(file), 65536)) {
      InputStream in =
          gzip(raw) ? new InflatedLimit(new GZIPInputStream(raw, 65536), maxBytes) : raw;
      JsonNode node = MAPPER.readTree(in);
      if (node == null || node.isMissingNode()) {
        throw new IOException("empty file");
      }
      return node;
    }
  }

  /** True when the stream starts with the gzip magic number (the stream is left unread). */
  private static boolean gzip(InputStream in) throws IOException {
    in.mark(2);
    int b1 = in.read();
    int b2 = in.read();
    in.reset();
    return b1 == 0x1f && b2 == 0x8b;
  }

  /** Stops a small gzip file from inflating into more than the size limit. */
  private static final class InflatedLimit extends FilterInputStream {
    private final long max;
    private long count;

    InflatedLimit(InputStream in, long max) {
      super(in);
      this.max = max;
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      if (b >= 0) {
        count(1);
      }
      return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      int n = super.read(b, off, len);
      if (n > 0) {
        count(n);
      }
      return n;
    }

    private void count(int n) throws IOException {
      count += n;
      if (count > max) {
        throw new IOException("gzip content inflates beyond " + max + " bytes");
      }
    }
  }

  /** The non-blank text of {@code node.field}, trimmed. */
  public static Optional<String> text(JsonNode node, String field) {
    JsonNode value = node.get(field);
    if (value == null || !value.isValueNode() || value.isNull()) {
      return Optional.empty();
    }
    String text = value.asText().trim();
    return text.isEmpty() ? Optional.empty() : Optional.of(text);
  }

  /** The text of {@code node.field}, or {@code ""}. */
  public static String textOr(JsonNode node, String field, String fallback) {
    return text(node, field).orElse(fallback);
  }

  /** The non-blank strings of the array {@code node.field}; empty when absent. */
  public static List<String> strings(JsonNode node, String field) {
    List<String> out = new ArrayList<>();
    for (JsonNode item : array(node, field)) {
      if (item.isValueNode() && !item.isNull() && !item.asText().isBlank()) {
        out.add(item.asText().trim());
      }
    }
    return out;
  }

  /** The elements of the array {@code node.field}; empty when absent or not an array. */
  public static List<JsonNode> array(JsonNode node, String field) {
    JsonNode value = node.get(field);
    if (value == null || !value.isArray()) {
      return List.of();
    }
    List<JsonNode> out = new ArrayList<>(value.size());
    value.forEach(out::add);
    return out;
  }

  /** The object {@code node.field}, if it is one. */
  public static Optional<JsonNode> object(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value != null && value.isObject() ? Optional.of(value) : Optional.empty();
  }

  /** The number {@code node.field}, if it is one (or a numeric string). */
  public static Optional<Double> number(JsonNode node, String field) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      return Optional.empty();
    }
    if (value.isNumber()) {
      return Optional.of(value.doubleValue());
    }
    try {
      return Optional.of(Double.parseDouble(value.asText().trim()));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  /** Reads an ISO-8601 date-time or date (as midnight UTC); empty when it is neither. */
  public static Optional<Instant> instant(Optional<String> text) {
    if (text.isEmpty()) {
      return Optional.empty();
    }
    String t = text.get();
    try {
      return Optional.of(OffsetDateTime.parse(t).toInstant());
    } catch (DateTimeParseException e) {
      // CVE 5 and NVD write local date-times without an offset; they are UTC.
      try {
        return Optional.of(java.time.LocalDateTime.parse(t).toInstant(java.time.ZoneOffset.UTC));
      } catch (DateTimeParseException e2) {
        return date(t).map(d -> d.atStartOfDay(java.time.ZoneOffset.UTC).toInstant());
      }
    }
  }

  /** Reads {@code yyyy-MM-dd} or {@code yyyyMMdd}, or the date part of a date-time. */
  public static Optional<LocalDate> date(String text) {
    String t = text.trim();
    try {
      if (t.length() == 8 && t.chars().allMatch(Character::isDigit)) {
        return Optional.of(LocalDate.parse(t, java.time.format.DateTimeFormatter.BASIC_ISO_DATE));
      }
      if (t.length() >= 10) {
        return Optional.of(LocalDate.parse(t.substring(0, 10)));
      }
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
    return Optional.empty();
  }
}

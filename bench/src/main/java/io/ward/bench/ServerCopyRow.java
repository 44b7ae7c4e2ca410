package io.ward.bench;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Builds rows in PostgreSQL's COPY text format: columns separated by tabs, {@code \N} for NULL,
 * backslash, tab, newline and carriage return escaped, one row per line.
 */
final class ServerCopyRow {

  private static final DateTimeFormatter TIMESTAMP =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSSxxx");

  private final StringBuilder out;
  private boolean first = true;

  /** Appends rows to {@code out}. */
  ServerCopyRow(StringBuilder out) {
    this.out = out;
  }

  /** A text column. */
  ServerCopyRow text(String value) {
    separator();
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      switch (c) {
        case '\\' -> out.append("\\\\");
        case '\t' -> out.append("\\t");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        default -> out.append(c);
      }
    }
    return this;
  }

  /** A number column. */
  ServerCopyRow number(long value) {
    separator();
    out.append(value);
    return this;
  }

  /** A floating-point column. */
  ServerCopyRow decimal(double value) {
    separator();
    out.append(value);
    return this;
  }

  /** A boolean column. */
  ServerCopyRow bool(boolean value) {
    separator();
    out.append(value ? 't' : 'f');
    return this;
  }

  /** A TIMESTAMP WITH TIME ZONE column, in UTC to the microsecond. */
  ServerCopyRow time(Instant value) {
    separator();
    out.append(TIMESTAMP.format(OffsetDateTime.ofInstant(value, ZoneOffset.UTC)));
    return this;
  }

  /** A NULL column. */
  ServerCopyRow nul() {
    separator();
    out.append("\\N");
    return this;
  }

  /** Ends the row; the next column starts a new one. */
  void end() {
    out.append('\n');
    first = true;
  }

  private void separator() {
    if (!first) {
      out.append('\t');
    }
    first = false;
  }
}

package io.ward.exposure.feeds.cmdb;

import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A tolerant RFC 4180 CSV reader for hospital exports: UTF-8 BOM, CRLF / LF / CR line ends, quoted
 * fields with doubled quotes and embedded line breaks, any one-character delimiter. A record's line
 * is the line it starts on. An unterminated quote is reported and ends the input; a stray quote
 * inside an unquoted field is kept as text. Field and record sizes are capped.
 */
public final class CsvParser {

  /** Longest field kept; longer ones are cut and reported. */
  static final int MAX_FIELD_CHARS = 64 * 1024;

  /** Most fields per record; more are dropped and reported. */
  static final int MAX_FIELDS = 1_024;

  /** One record and the 1-based line it starts on. */
  public record Row(long line, List<String> fields) {
    public Row {
      fields = List.copyOf(fields);
    }
  }

  /** A problem at a line. */
  public record Error(long line, String message) {
    public Error {
      Objects.requireNonNull(message, "message");
    }
  }

  /** The records and problems of one input. */
  public record Result(List<Row> rows, List<Error> errors) {
    public Result {
      rows = List.copyOf(rows);
      errors = List.copyOf(errors);
    }
  }

  private CsvParser() {}

  /** Parses all of {@code in}; blank lines are skipped. */
  public static Result parse(Reader reader, char delimiter) throws IOException {
    Reader in = reader.markSupported() ? reader : new java.io.BufferedReader(reader);
    List<Row> rows = new ArrayList<>();
    List<Error> errors = new ArrayList<>();
    List<String> fields = new ArrayList<>();
    StringBuilder field = new StringBuilder();
    long line = 1;
    long rowLine = 1;
    boolean quoted = false; // inside a quoted field
    boolean wasQuoted = false; // current field started with a quote
    boolean fieldTooLong = false;
    boolean tooManyFields = false;
    boolean first = true;
    int c;
    while ((c = in.read()) != -1) {
      if (first) {
        first = false;
        if (c == '\uFEFF') {
          continue;
        }
      }
      if (quoted) {
        if (c == '"') {
          in.mark(1);
          int next = peek(in);
          if (next == '"') {
            append(field, '"');
          } else {
            quoted = false;
            if (next != -1) {
              in.reset();
            }
          }
        } else {
          if (c == '\n' || (c == '\r')) {
            line++;
            if (c == '\r') {
              in.mark(1);
              if (peek(in) != '\n') {
                in.reset();
              } else {
                append(field, '\r');
                c = '\n';
              }
            }
          }
          fieldTooLong |= !append(field, (char) c);
        }
        continue;
      }
      if (c == '"' && field.length() == 0 && !wasQuoted) {
        quoted = true;
        wasQuoted = true;
      } else if (c == delimiter) {
        tooManyFields |= !addField(fields, field);
        wasQuoted = false;
      } else if (c == '\n' || c == '\r') {
        if (c == '\r') {
          in.mark(1);
          if (peek(in) != '\n') {
            in.reset();
          }
        }
        endRow(rows, errors, fields, field, rowLine, fieldTooLong, tooManyFields);
        fieldTooLong = false;
        tooManyFields = false;
        wasQuoted = false;
        line++;
        rowLine = line;
      } else {
        fieldTooLong |= !append(field, (char) c);
      }
    }
    if (quoted) {
      errors.add(new Error(rowLine, "unterminated quoted field; record dropped"));
      return new Result(rows, errors);
    }
    endRow(rows, errors, fields, field, rowLine, fieldTooLong, tooManyFields);
    return new Result(rows, errors);
  }

  private static int peek(Reader in) throws IOException {
    return in.read();
  }

  private static boolean append(StringBuilder field, char c) {
    if (field.length() >= MAX_FIELD_CHARS) {
      return false;
    }
    field.append(c);
    return true;
  }

  private static boolean addField(List<String> fields, StringBuilder field) {
    boolean ok = fields.size() < MAX_FIELDS;
    if (ok) {
      fields.add(field.toString());
    }
    field.setLength(0);
    return ok;
  }

  private static void endRow(
      List<Row> rows,
      List<Error> errors,
      List<String> fields,
      StringBuilder field,
      long line,
      boolean fieldTooLong,
      boolean tooManyFields) {
    boolean blank = fields.isEmpty() && field.length() == 0;
    tooManyFields |= !addField(fields, field);
    if (!blank) {
      if (fieldTooLong) {
        errors.add(new Error(line, "field longer than " + MAX_FIELD_CHARS + " characters, cut"));
      }
      if (tooManyFields) {
        errors.add(new Error(line, "more than " + MAX_FIELDS + " fields, rest dropped"));
      }
      rows.add(new Row(line, fields));
    }
    fields.clear();
  }
}

package io.ward.server.inventory;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Collections;
import java.util.List;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceUtils;

/**
 * Adds many rows to one table in the caller's transaction: by COPY on PostgreSQL (one stream, no
 * statement per row), by JDBC batches elsewhere (H2). A capture's evidence, flow hours and device
 * hours are tens of thousands of rows; row by row they were most of the time spent storing it.
 */
final class RowInserter {
  private static final int BATCH = 500;
  private static final int COPY_BUFFER = 1 << 16;

  private final JdbcTemplate template;
  private final DataSource dataSource;

  RowInserter(JdbcTemplate template) {
    this.template = template;
    this.dataSource = template.getDataSource();
  }

  /**
   * Inserts {@code rows} (values in {@code columns} order: strings, numbers, booleans,
   * OffsetDateTime or null) into {@code table}.
   */
  void insert(String table, List<String> columns, List<Object[]> rows) {
    if (rows.isEmpty()) {
      return;
    }
    Connection c = DataSourceUtils.getConnection(dataSource);
    try {
      if (c.isWrapperFor(PGConnection.class)) {
        copy(c.unwrap(PGConnection.class), table, columns, rows);
        return;
      }
    } catch (SQLException e) {
      throw new IllegalStateException("COPY into " + table + " failed: " + e.getMessage(), e);
    } finally {
      DataSourceUtils.releaseConnection(c, dataSource);
    }
    String sql =
        "INSERT INTO "
            + table
            + " ("
            + String.join(", ", columns)
            + ") VALUES ("
            + String.join(", ", Collections.nCopies(columns.size(), "?"))
            + ")";
    for (int i = 0; i < rows.size(); i += BATCH) {
      template.batchUpdate(sql, rows.subList(i, Math.min(rows.size(), i + BATCH)));
    }
  }

  private static void copy(PGConnection pg, String table, List<String> columns, List<Object[]> rows)
      throws SQLException {
    CopyIn in =
        pg.getCopyAPI()
            .copyIn("COPY " + table + " (" + String.join(", ", columns) + ") FROM STDIN");
    boolean done = false;
    try {
      StringBuilder text = new StringBuilder(COPY_BUFFER + 4096);
      for (Object[] row : rows) {
        line(text, row);
        if (text.length() >= COPY_BUFFER) {
          write(in, text);
        }
      }
      write(in, text);
      in.endCopy();
      done = true;
    } finally {
      if (!done && in.isActive()) {
        in.cancelCopy();
      }
    }
  }

  private static void write(CopyIn in, StringBuilder text) throws SQLException {
    byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
    in.writeToCopy(bytes, 0, bytes.length);
    text.setLength(0);
  }

  /** One row in COPY's text format: tab-separated, \N for null, control characters escaped. */
  static void line(StringBuilder out, Object[] row) {
    for (int i = 0; i < row.length; i++) {
      if (i > 0) {
        out.append('\t');
      }
      Object v = row[i];
      if (v == null) {
        out.append("\\N");
      } else if (v instanceof Boolean b) {
        out.append(b ? 't' : 'f');
      } else if (v instanceof Number || v instanceof java.time.OffsetDateTime) {
        out.append(v);
      } else if (v instanceof String s) {
        escape(out, s);
      } else {
        throw new IllegalArgumentException("no COPY text form for " + v.getClass().getName());
      }
    }
    out.append('\n');
  }

  private static void escape(StringBuilder out, String s) {
    for (int i = 0; i < s.length(); i++) {
      char ch = s.charAt(i);
      switch (ch) {
        case '\\' -> out.append("\\\\");
        case '\t' -> out.append("\\t");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        default -> out.append(ch);
      }
    }
  }
}

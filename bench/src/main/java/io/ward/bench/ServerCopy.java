package io.ward.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import org.postgresql.PGConnection;
import org.postgresql.copy.PGCopyOutputStream;

/**
 * Streams rows into one table with PostgreSQL's COPY FROM STDIN: the rows are built in memory a
 * buffer at a time and sent as they fill, so a million rows never sit in memory at once.
 */
final class ServerCopy implements AutoCloseable {

  private static final int FLUSH_CHARS = 1 << 20;

  private final PGCopyOutputStream copy;
  private final StringBuilder buffer = new StringBuilder(FLUSH_CHARS + 64 * 1024);
  private final ServerCopyRow row = new ServerCopyRow(buffer);
  private long rows;

  /** Starts {@code COPY table (columns) FROM STDIN} on the connection. */
  ServerCopy(Connection connection, String table, String columns) throws SQLException {
    this.copy =
        new PGCopyOutputStream(
            connection.unwrap(PGConnection.class),
            "COPY " + table + " (" + columns + ") FROM STDIN",
            1 << 16);
  }

  /** The next row's columns; call {@link ServerCopyRow#end()} after its last column. */
  ServerCopyRow row() {
    if (buffer.length() >= FLUSH_CHARS) {
      flush();
    }
    rows++;
    return row;
  }

  /** Rows started so far. */
  long rows() {
    return rows;
  }

  private void flush() {
    try {
      copy.write(buffer.toString().getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("COPY failed: " + e.getMessage(), e);
    }
    buffer.setLength(0);
  }

  /** Sends what is left and ends the COPY. */
  @Override
  public void close() throws IOException {
    flush();
    copy.close();
  }
}

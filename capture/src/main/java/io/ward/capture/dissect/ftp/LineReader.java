package io.ward.capture.dissect.ftp;

import java.nio.charset.StandardCharsets;

/**
 * Splits one direction of a text protocol into lines ending in LF (CR LF on the wire, RFC 959
 * section 4.1). A line longer than {@link #MAX_LINE_BYTES} is cut there and the rest of it skipped.
 */
final class LineReader {

  /** RFC 959 has no line limit; real servers stay under 512 bytes per reply line. */
  static final int MAX_LINE_BYTES = 2048;

  /** Receives each complete line, without its CR LF. */
  interface Listener {
    void line(String line);

    void anomaly(String kind);
  }

  private final byte[] buffer = new byte[MAX_LINE_BYTES];
  private int fill;
  private boolean skipping;

  void feed(byte[] data, int offset, int count, Listener listener) {
    for (int i = offset; i < offset + count; i++) {
      byte b = data[i];
      if (b == '\n') {
        if (!skipping) {
          int end = fill > 0 && buffer[fill - 1] == '\r' ? fill - 1 : fill;
          listener.line(new String(buffer, 0, end, StandardCharsets.ISO_8859_1));
        }
        fill = 0;
        skipping = false;
      } else if (!skipping) {
        if (fill == MAX_LINE_BYTES) {
          listener.anomaly("ftp.long_line");
          listener.line(new String(buffer, 0, fill, StandardCharsets.ISO_8859_1));
          fill = 0;
          skipping = true;
        } else {
          buffer[fill++] = b;
        }
      }
    }
  }

  /** Drops a partial line after lost bytes. */
  void reset() {
    fill = 0;
    skipping = true;
  }
}

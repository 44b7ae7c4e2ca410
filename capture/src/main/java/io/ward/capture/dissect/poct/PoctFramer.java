package io.ward.capture.dissect.poct;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Cuts one direction of a POCT1-A connection into XML documents. POCT1-A2 sends one complete
 * document per message back to back on the TCP stream; a document ends with the closing tag of its
 * root element. Documents are bounded by {@link #MAX_MESSAGE_BYTES}.
 */
final class PoctFramer {

  /** Largest message kept; an observation upload with many results is a few tens of KiB. */
  static final int MAX_MESSAGE_BYTES = 256 * 1024;

  interface Listener {
    void message(byte[] bytes, int length);

    void anomaly(String kind);
  }

  private byte[] buffer = new byte[1024];
  private int fill;

  /** Where the search for the current document's closing tag resumes (avoids rescanning). */
  private int searchFrom;

  void feed(byte[] data, int offset, int count, Listener listener) {
    int p = offset;
    int end = offset + count;
    while (p < end) {
      int n = Math.min(end - p, MAX_MESSAGE_BYTES - fill);
      if (fill + n > buffer.length) {
        buffer =
            Arrays.copyOf(
                buffer, Math.min(MAX_MESSAGE_BYTES, Math.max(fill + n, buffer.length * 2)));
      }
      System.arraycopy(data, p, buffer, fill, n);
      fill += n;
      p += n;
      drain(listener);
      if (fill == MAX_MESSAGE_BYTES) {
        listener.anomaly("poct.oversize");
        reset();
      }
    }
  }

  /** Drops a partial document after lost bytes. */
  void reset() {
    fill = 0;
    searchFrom = 0;
  }

  private void drain(Listener listener) {
    while (true) {
      int start = indexOf((byte) '<', 0);
      if (start < 0) {
        reset();
        return;
      }
      int rootStart = rootElement(start);
      if (rootStart == -1) {
        return; // need more bytes
      }
      if (rootStart == -2) {
        listener.anomaly("poct.bad_xml");
        reset();
        return;
      }
      int nameEnd = rootStart + 1;
      while (nameEnd < fill && isNameChar(buffer[nameEnd])) {
        nameEnd++;
      }
      if (nameEnd == fill) {
        return;
      }
      String root =
          new String(buffer, rootStart + 1, nameEnd - rootStart - 1, StandardCharsets.US_ASCII);
      byte[] closing = ("</" + root + ">").getBytes(StandardCharsets.US_ASCII);
      int close = indexOf(closing, Math.max(nameEnd, searchFrom));
      if (close < 0) {
        searchFrom = Math.max(nameEnd, fill - closing.length + 1);
        return;
      }
      searchFrom = 0;
      int docEnd = close + closing.length;
      listener.message(Arrays.copyOfRange(buffer, start, docEnd), docEnd - start);
      System.arraycopy(buffer, docEnd, buffer, 0, fill - docEnd);
      fill -= docEnd;
    }
  }

  /**
   * Position of the root element's {@code <} after an optional XML declaration, comments and
   * processing instructions; -1 when more bytes are needed, -2 when the text is not XML.
   */
  private int rootElement(int from) {
    int p = from;
    while (true) {
      while (p < fill && isBlank(buffer[p])) {
        p++;
      }
      if (p + 1 >= fill) {
        return -1;
      }
      if (buffer[p] != '<') {
        return -2;
      }
      byte next = buffer[p + 1];
      if (next == '?' || next == '!') {
        int close = indexOf((byte) '>', p + 2);
        if (close < 0) {
          return -1;
        }
        p = close + 1;
      } else if (isNameChar(next)) {
        return p;
      } else {
        return -2;
      }
    }
  }

  private int indexOf(byte b, int from) {
    for (int i = from; i < fill; i++) {
      if (buffer[i] == b) {
        return i;
      }
    }
    return -1;
  }

  private int indexOf(byte[] needle, int from) {
    outer:
    for (int i = from; i + needle.length <= fill; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (buffer[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }

  private static boolean isBlank(byte b) {
    return b == ' '
        || b == '\r'
        || b == '\n'
        || b == '\t'
        || b == (byte) 0xEF
        || b == (byte) 0xBB
        || b == (byte) 0xBF;
  }

  private static boolean isNameChar(byte b) {
    return Character.isLetterOrDigit(b) || b == '.' || b == '_' || b == '-' || b == ':';
  }
}

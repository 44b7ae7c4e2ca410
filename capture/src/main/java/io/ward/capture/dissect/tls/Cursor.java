package io.ward.capture.dissect.tls;

import java.util.Arrays;

/**
 * Bounds-checked big-endian reading over a slice. Running past the end throws {@link Truncated},
 * which parsers catch at their entry point: it never leaves the package.
 */
final class Cursor {
  private final byte[] buf;
  private int pos;
  private final int end;

  Cursor(byte[] buf, int offset, int length) {
    if (offset < 0 || length < 0 || offset + length > buf.length) {
      throw new Truncated();
    }
    this.buf = buf;
    this.pos = offset;
    this.end = offset + length;
  }

  int u8() {
    need(1);
    return buf[pos++] & 0xFF;
  }

  int u16() {
    need(2);
    int v = ((buf[pos] & 0xFF) << 8) | (buf[pos + 1] & 0xFF);
    pos += 2;
    return v;
  }

  int u24() {
    need(3);
    int v = ((buf[pos] & 0xFF) << 16) | ((buf[pos + 1] & 0xFF) << 8) | (buf[pos + 2] & 0xFF);
    pos += 3;
    return v;
  }

  void skip(int n) {
    need(n);
    pos += n;
  }

  /** A sub-cursor over the next {@code n} bytes, which this cursor then skips. */
  Cursor slice(int n) {
    need(n);
    Cursor c = new Cursor(buf, pos, n);
    pos += n;
    return c;
  }

  byte[] bytes(int n) {
    need(n);
    byte[] out = Arrays.copyOfRange(buf, pos, pos + n);
    pos += n;
    return out;
  }

  /** The index in the array of the next byte. */
  int position() {
    return pos;
  }

  int remaining() {
    return end - pos;
  }

  boolean hasRemaining() {
    return pos < end;
  }

  private void need(int n) {
    if (n < 0 || n > end - pos) {
      throw new Truncated();
    }
  }

  /** The input ended inside a field. Carries no stack trace: it is control flow. */
  static final class Truncated extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Truncated() {
      super("truncated", null, false, false);
    }
  }
}

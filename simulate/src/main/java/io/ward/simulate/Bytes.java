package io.ward.simulate;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** A growable byte buffer with big- and little-endian writers, for building protocol messages. */
final class Bytes {
  private byte[] buf;
  private int len;

  Bytes() {
    this(128);
  }

  Bytes(int capacity) {
    buf = new byte[Math.max(16, capacity)];
  }

  int length() {
    return len;
  }

  private void ensure(int extra) {
    if (len + extra > buf.length) {
      buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + extra));
    }
  }

  Bytes u8(int v) {
    ensure(1);
    buf[len++] = (byte) v;
    return this;
  }

  Bytes u16(int v) {
    ensure(2);
    buf[len++] = (byte) (v >>> 8);
    buf[len++] = (byte) v;
    return this;
  }

  Bytes u24(int v) {
    ensure(3);
    buf[len++] = (byte) (v >>> 16);
    buf[len++] = (byte) (v >>> 8);
    buf[len++] = (byte) v;
    return this;
  }

  Bytes u32(long v) {
    ensure(4);
    buf[len++] = (byte) (v >>> 24);
    buf[len++] = (byte) (v >>> 16);
    buf[len++] = (byte) (v >>> 8);
    buf[len++] = (byte) v;
    return this;
  }

  Bytes u16le(int v) {
    ensure(2);
    buf[len++] = (byte) v;
    buf[len++] = (byte) (v >>> 8);
    return this;
  }

  Bytes u32le(long v) {
    ensure(4);
    buf[len++] = (byte) v;
    buf[len++] = (byte) (v >>> 8);
    buf[len++] = (byte) (v >>> 16);
    buf[len++] = (byte) (v >>> 24);
    return this;
  }

  Bytes u64le(long v) {
    u32le(v);
    return u32le(v >>> 32);
  }

  Bytes mac(long mac) {
    ensure(6);
    for (int shift = 40; shift >= 0; shift -= 8) {
      buf[len++] = (byte) (mac >>> shift);
    }
    return this;
  }

  Bytes bytes(byte[] b) {
    return bytes(b, 0, b.length);
  }

  Bytes bytes(byte[] b, int off, int n) {
    ensure(n);
    System.arraycopy(b, off, buf, len, n);
    len += n;
    return this;
  }

  Bytes bytes(Bytes other) {
    return bytes(other.buf, 0, other.len);
  }

  Bytes ascii(String s) {
    return bytes(s.getBytes(StandardCharsets.ISO_8859_1));
  }

  /** Writes {@code s} in exactly {@code width} bytes, padded with {@code pad}. */
  Bytes fixed(String s, int width, char pad) {
    byte[] b = s.getBytes(StandardCharsets.ISO_8859_1);
    int n = Math.min(b.length, width);
    bytes(b, 0, n);
    for (int i = n; i < width; i++) {
      u8(pad);
    }
    return this;
  }

  Bytes utf16le(String s) {
    for (int i = 0; i < s.length(); i++) {
      u16le(s.charAt(i));
    }
    return this;
  }

  Bytes zeros(int n) {
    ensure(n);
    len += n; // the array is zero-filled where never written, and never reused below len
    Arrays.fill(buf, len - n, len, (byte) 0);
    return this;
  }

  /** Overwrites a big-endian 16-bit value at {@code pos}. */
  void set16(int pos, int v) {
    buf[pos] = (byte) (v >>> 8);
    buf[pos + 1] = (byte) v;
  }

  /** Overwrites a big-endian 32-bit value at {@code pos}. */
  void set32(int pos, long v) {
    buf[pos] = (byte) (v >>> 24);
    buf[pos + 1] = (byte) (v >>> 16);
    buf[pos + 2] = (byte) (v >>> 8);
    buf[pos + 3] = (byte) v;
  }

  /** Overwrites a little-endian 16-bit value at {@code pos}. */
  void set16le(int pos, int v) {
    buf[pos] = (byte) v;
    buf[pos + 1] = (byte) (v >>> 8);
  }

  /** Overwrites a little-endian 32-bit value at {@code pos}. */
  void set32le(int pos, long v) {
    buf[pos] = (byte) v;
    buf[pos + 1] = (byte) (v >>> 8);
    buf[pos + 2] = (byte) (v >>> 16);
    buf[pos + 3] = (byte) (v >>> 24);
  }

  byte[] toArray() {
    return Arrays.copyOf(buf, len);
  }

  static byte[] text(CharSequence s) {
    return s.toString().getBytes(StandardCharsets.ISO_8859_1);
  }

  static byte[] utf8(CharSequence s) {
    return s.toString().getBytes(StandardCharsets.UTF_8);
  }
}

package io.ward.capture;

/** Reads integers from byte arrays without bounds checks beyond the JVM's own. */
final class Bytes {
  private Bytes() {}

  static int u8(byte[] b, int i) {
    return b[i] & 0xFF;
  }

  static int u16(byte[] b, int i) {
    return ((b[i] & 0xFF) << 8) | (b[i + 1] & 0xFF);
  }

  static int u16le(byte[] b, int i) {
    return (b[i] & 0xFF) | ((b[i + 1] & 0xFF) << 8);
  }

  static int i32(byte[] b, int i) {
    return ((b[i] & 0xFF) << 24)
        | ((b[i + 1] & 0xFF) << 16)
        | ((b[i + 2] & 0xFF) << 8)
        | (b[i + 3] & 0xFF);
  }

  static int i32le(byte[] b, int i) {
    return (b[i] & 0xFF)
        | ((b[i + 1] & 0xFF) << 8)
        | ((b[i + 2] & 0xFF) << 16)
        | ((b[i + 3] & 0xFF) << 24);
  }

  static int u16(byte[] b, int i, boolean littleEndian) {
    return littleEndian ? u16le(b, i) : u16(b, i);
  }

  static int i32(byte[] b, int i, boolean littleEndian) {
    return littleEndian ? i32le(b, i) : i32(b, i);
  }

  static long u32(byte[] b, int i, boolean littleEndian) {
    return i32(b, i, littleEndian) & 0xFFFF_FFFFL;
  }

  /** Six bytes as a 48-bit MAC value. */
  static long mac(byte[] b, int i) {
    return ((long) u16(b, i) << 32) | (i32(b, i + 2) & 0xFFFF_FFFFL);
  }

  /** Eight bytes big-endian. */
  static long i64(byte[] b, int i) {
    return ((long) i32(b, i) << 32) | (i32(b, i + 4) & 0xFFFF_FFFFL);
  }
}

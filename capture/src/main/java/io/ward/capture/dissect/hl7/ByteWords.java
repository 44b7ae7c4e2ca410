package io.ward.capture.dissect.hl7;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Eight bytes at a time (SWAR): the HL7 scans that read every byte of every message look for a few
 * byte values in a long word instead of one byte at a time, which under the C1 compiler Ward runs
 * with costs less than half as much. Bounds are checked by the VarHandle, as array accesses are.
 */
final class ByteWords {
  private ByteWords() {}

  private static final VarHandle LONGS =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

  private static final long LOW_SEVEN_BITS = 0x7F7F7F7F7F7F7F7FL;

  /** Every byte's high bit. */
  static final long HIGH_BITS = 0x8080808080808080L;

  /** Bytes {@code [i, i + 8)} of {@code b}, the first in the lowest bits. */
  static long word(byte[] b, int i) {
    return (long) LONGS.get(b, i);
  }

  /** A word whose eight bytes are all {@code c}. */
  static long broadcast(int c) {
    return 0x0101010101010101L * (c & 0xFF);
  }

  /**
   * The high bit of each byte of {@code x} equal to the byte repeated in {@code pattern} (see
   * {@link #broadcast}), and no other bit: exact, as no carry crosses a byte.
   */
  static long equalBytes(long x, long pattern) {
    long v = x ^ pattern;
    return ~(((v & LOW_SEVEN_BITS) + LOW_SEVEN_BITS) | v | LOW_SEVEN_BITS);
  }

  /** The index within its word of the first byte marked in {@code mask} (not zero). */
  static int firstByte(long mask) {
    return Long.numberOfTrailingZeros(mask) >>> 3;
  }

  /** The index of the first byte {@code c} in {@code b[from, to)}, or -1. */
  static int indexOf(byte[] b, int from, int to, byte c) {
    long pattern = broadcast(c);
    int i = from;
    for (; i + 8 <= to; i += 8) {
      long found = equalBytes(word(b, i), pattern);
      if (found != 0) {
        return i + firstByte(found);
      }
    }
    for (; i < to; i++) {
      if (b[i] == c) {
        return i;
      }
    }
    return -1;
  }
}

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

  /**
   * The index within its word of the first byte with a bit set in {@code mask} (not zero).
   *
   * <p>Written out rather than {@code Long.numberOfTrailingZeros(mask) >>> 3}: the C1 compiler Ward
   * analyses with has no intrinsic for it in Java 17, and its Java body cost about 9 ns a call
   * against about 1 ns for this (measured, 52 million calls), and the HL7 scans make one for most
   * words of every message. Each marked byte is reduced to its high bit, the lowest one isolated
   * and moved to the byte's lowest bit, and the product with the bytes 7, 6, …, 0 carries that
   * byte's index into the top byte.
   */
  static int firstByte(long mask) {
    long marks = highBits(mask);
    return (int) ((((marks & -marks) >>> 7) * 0x0001020304050607L) >>> 56);
  }

  /**
   * How many bytes of {@code mask} have a bit set. Written out for the reason {@link #firstByte}
   * is: {@code Long.bitCount} has no C1 intrinsic in Java 17 and costs several times as much. The
   * product of the bytes' low bits with {@code 0x0101…01} sums them into the top byte (at most 8,
   * so no carry is lost).
   */
  static int countBytes(long mask) {
    return (int) (((highBits(mask) >>> 7) * 0x0101010101010101L) >>> 56);
  }

  /** {@code mask} with each byte that has any bit set reduced to its high bit, the others zero. */
  private static long highBits(long mask) {
    return (((mask & LOW_SEVEN_BITS) + LOW_SEVEN_BITS) | mask) & HIGH_BITS;
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

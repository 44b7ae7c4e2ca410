package io.ward.capture.dissect.hl7;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;

/** The word-at-a-time byte search marks exactly the bytes a byte-at-a-time loop would. */
class ByteWordsProperties {

  @Property(tries = 5_000)
  void marksExactlyTheEqualBytesInOrder(@ForAll @Size(8) byte[] bytes, @ForAll byte wanted) {
    // Biased towards words that hold the byte, and bytes around it (0x00, 0x80, neighbours).
    bytes[Byte.toUnsignedInt(wanted) % 8] = wanted;
    bytes[(Byte.toUnsignedInt(wanted) + 3) % 8] = (byte) (wanted + 1);
    long mask = ByteWords.equalBytes(ByteWords.word(bytes, 0), ByteWords.broadcast(wanted));
    long expected = 0;
    int first = -1;
    for (int i = 0; i < 8; i++) {
      if (bytes[i] == wanted) {
        expected |= 0x80L << (8 * i);
        first = first < 0 ? i : first;
      }
    }
    assertThat(mask).isEqualTo(expected);
    if (first >= 0) {
      assertThat(ByteWords.firstByte(mask)).isEqualTo(first);
    }
  }

  @Property(tries = 10_000)
  void firstByteAndCountBytesReadAnyMaskAsTheJdkDoes(@ForAll long mask, @ForAll byte keep) {
    // Also sparse masks: only the bytes that keep's bits select, each holding any bits.
    long sparse = 0;
    for (int i = 0; i < 8; i++) {
      if ((keep >>> i & 1) != 0) {
        sparse |= mask & 0xFFL << (8 * i);
      }
    }
    for (long m : new long[] {mask, sparse, mask & ByteWords.HIGH_BITS, Long.lowestOneBit(mask)}) {
      int nonZeroBytes = 0;
      for (int i = 0; i < 8; i++) {
        nonZeroBytes += (m >>> (8 * i) & 0xFF) != 0 ? 1 : 0;
      }
      assertThat(ByteWords.countBytes(m)).as("bytes set in %x", m).isEqualTo(nonZeroBytes);
      if (m != 0) {
        assertThat(ByteWords.firstByte(m))
            .as("first byte set in %x", m)
            .isEqualTo(Long.numberOfTrailingZeros(m) >>> 3);
      }
    }
  }

  @Property(tries = 3_000)
  void findsTheFirstEqualByteInARangeAsALoopDoes(
      @ForAll @Size(max = 40) byte[] bytes,
      @ForAll @net.jqwik.api.constraints.IntRange(max = 40) int from,
      @ForAll @net.jqwik.api.constraints.IntRange(max = 40) int to,
      @ForAll byte wanted) {
    int a = Math.min(from, bytes.length);
    int z = Math.max(a, Math.min(to, bytes.length));
    if (bytes.length > 0) {
      bytes[(from * 7 + to) % bytes.length] = wanted; // often present, sometimes outside the range
    }
    int expected = -1;
    for (int i = a; i < z && expected < 0; i++) {
      expected = bytes[i] == wanted ? i : -1;
    }
    assertThat(ByteWords.indexOf(bytes, a, z, wanted)).isEqualTo(expected);
  }
}

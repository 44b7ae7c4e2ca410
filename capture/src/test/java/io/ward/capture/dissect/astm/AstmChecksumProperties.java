package io.ward.capture.dissect.astm;

import static org.assertj.core.api.Assertions.assertThat;

import io.ward.capture.dissect.testing.DissectorDriver;
import io.ward.capture.dissect.testing.RecordingFlowContext;
import io.ward.model.ObservationFields;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * A frame is taken exactly when its two checksum characters are the hex of the modulo-256 sum, in
 * either case: the framer compares digit by digit, and the reference here is the plain definition
 * (format the sum, compare ignoring case), which the framer itself used before.
 */
class AstmChecksumProperties {

  @Property(tries = 3_000)
  void takesAFrameExactlyWhenItsChecksumIsTheHexOfItsSum(
      @ForAll("texts") String text, @ForAll("digits") char high, @ForAll("digits") char low) {
    byte[] frame = AstmDissectorTest.frame(1, AstmDissectorTest.HEADER + text + "\r", true);
    frame[frame.length - 4] = (byte) high;
    frame[frame.length - 3] = (byte) low;

    int sum = 0;
    for (int i = 1; i < frame.length - 4; i++) {
      sum += frame[i] & 0xFF;
    }
    boolean expected =
        String.format("%02X", sum & 0xFF).equalsIgnoreCase(new String(new char[] {high, low}));

    DissectorDriver d =
        new DissectorDriver(new AstmDissector(), RecordingFlowContext.between(40000, 5000));
    d.feed(true, 1L, new byte[] {0x05});
    d.feed(true, 2L, frame);
    assertThat(d.context().values(ObservationFields.ASTM_SENDER).isEmpty()).isEqualTo(!expected);
    assertThat(d.context().anomalies().containsKey("astm.bad_checksum")).isEqualTo(!expected);
  }

  @Property(tries = 1_000)
  void takesTheRightChecksumInEitherCase(
      @ForAll("texts") String text, @ForAll boolean lowerHigh, @ForAll boolean lowerLow) {
    byte[] frame = AstmDissectorTest.frame(1, AstmDissectorTest.HEADER + text + "\r", true);
    if (lowerHigh) {
      frame[frame.length - 4] = (byte) Character.toLowerCase(frame[frame.length - 4]);
    }
    if (lowerLow) {
      frame[frame.length - 3] = (byte) Character.toLowerCase(frame[frame.length - 3]);
    }

    DissectorDriver d =
        new DissectorDriver(new AstmDissector(), RecordingFlowContext.between(40000, 5000));
    d.feed(true, 1L, new byte[] {0x05});
    d.feed(true, 2L, frame);
    assertThat(d.context().values(ObservationFields.ASTM_SENDER)).containsExactly("cobas e411");
    assertThat(d.context().anomalies()).doesNotContainKey("astm.bad_checksum");
  }

  @Provide
  Arbitrary<String> texts() {
    return Arbitraries.strings().withCharRange(' ', '~').excludeChars('|', '\r').ofMaxLength(30);
  }

  /** Hex digits of both cases, and characters next to them that are not digits. */
  @Provide
  Arbitrary<Character> digits() {
    return Arbitraries.of(
        '0', '1', '5', '9', 'A', 'B', 'C', 'D', 'E', 'F', 'a', 'b', 'c', 'd', 'e', 'f', '/', ':',
        '@', 'G', '`', 'g');
  }
}

package io.ward.capture.dissect.hl7;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * The framer gives the same messages and anomalies however the stream is cut into pieces: whole
 * messages handed over in place and messages reassembled across pieces must not differ.
 */
class MllpFramerProperties {

  /** Every message and anomaly, in order, as text. */
  private static List<String> frame(byte[] stream, int[] cuts) {
    List<String> out = new ArrayList<>();
    MllpFramer.Listener listener =
        new MllpFramer.Listener() {
          @Override
          public void message(byte[] bytes, int offset, int length) {
            out.add(
                "message:" + Arrays.toString(Arrays.copyOfRange(bytes, offset, offset + length)));
          }

          @Override
          public void anomaly(String kind) {
            out.add("anomaly:" + kind);
          }
        };
    MllpFramer framer = new MllpFramer();
    int from = 0;
    for (int cut : cuts) {
      int to = Math.min(stream.length, from + cut);
      // Each piece in an array of its own with bytes around it, as the reassembler delivers.
      byte[] piece = new byte[to - from + 7];
      Arrays.fill(piece, (byte) 0x55);
      System.arraycopy(stream, from, piece, 3, to - from);
      framer.feed(piece, 3, to - from, listener);
      from = to;
    }
    if (from < stream.length) {
      framer.feed(stream, from, stream.length - from, listener);
    }
    return out;
  }

  @Property(tries = 500)
  void shouldFrameAlikeHoweverTheStreamIsCut(
      @ForAll @Size(min = 1, max = 8)
          List<@Size(max = 40) List<@IntRange(min = 0, max = 4) Integer>> messages,
      @ForAll @Size(max = 30) List<@IntRange(min = 1, max = 25) Integer> cuts) {
    // Bytes drawn from a small alphabet that includes the framing bytes, so that frames, stray
    // start bytes, missing trailers and junk between frames all occur.
    byte[] alphabet = {'A', MllpFramer.START, MllpFramer.END, MllpFramer.CR, '|'};
    ByteArrayOutputStream stream = new ByteArrayOutputStream();
    for (List<Integer> m : messages) {
      stream.write(MllpFramer.START);
      m.forEach(i -> stream.write(alphabet[i]));
      stream.write(MllpFramer.END);
      stream.write(MllpFramer.CR);
    }
    byte[] bytes = stream.toByteArray();
    List<String> whole = frame(bytes, new int[] {bytes.length});
    int[] pieces = cuts.stream().mapToInt(Integer::intValue).toArray();
    assertThat(frame(bytes, pieces)).isEqualTo(whole);
    int[] bytewise = new int[bytes.length];
    Arrays.fill(bytewise, 1);
    assertThat(frame(bytes, bytewise)).isEqualTo(whole);
  }
}

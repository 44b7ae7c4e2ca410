package io.ward.capture;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.ward.capture.dissect.DissectorRegistry;
import io.ward.capture.dissect.ObservationSink;
import java.util.Arrays;

/**
 * Any frame, of any link type Ward decodes, through the decoder, the flow table, reassembly and
 * every registered dissector: nothing may throw.
 */
class PacketDecoderFuzzTest {
  static final int[] LINK_TYPES = {1, 113, 276, 101, 0, 108, 228, 229, 12, 14, 147};

  private static final CaptureOptions OPTIONS =
      CaptureOptions.defaults().withDissectors(DissectorRegistry.all());
  private static final ProtocolMatcher MATCHER = new ProtocolMatcher(OPTIONS.dissectors());

  @FuzzTest(maxDuration = "5m")
  void fuzz(byte[] data) {
    if (data.length < 1) {
      return;
    }
    PacketProcessor processor = new PacketProcessor(OPTIONS, MATCHER, ObservationSink.NONE, 1000);
    PacketRecord record = new PacketRecord();
    byte[] frame = Arrays.copyOfRange(data, 1, data.length);
    int linkType = LINK_TYPES[(data[0] & 0xFF) % LINK_TYPES.length];
    // The same frame twice, the second time from a later packet: exercises flow updates too.
    record.set(frame, 0, frame.length, frame.length, 1_000_000_000L, linkType);
    processor.process(record);
    record.set(frame, 0, frame.length, frame.length, 2_000_000_000L, linkType);
    processor.process(record);
    processor.finishAll();
  }
}

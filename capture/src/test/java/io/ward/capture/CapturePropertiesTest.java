package io.ward.capture;

import static org.assertj.core.api.Assertions.assertThat;

import io.ward.capture.dissect.DissectorRegistry;
import io.ward.capture.dissect.ObservationSink;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/** Properties of the reader, decoder and flow key over arbitrary input. */
class CapturePropertiesTest {

  @Property(tries = 300)
  void anyBytesGiveASummaryOrACaptureFormatException(@ForAll @Size(max = 600) byte[] data) {
    FuzzSupport.analyze(data);
  }

  @Property(tries = 300)
  void anyRecordsAfterAValidPcapHeaderNeverThrow(
      @ForAll @Size(max = 2000) byte[] body,
      @ForAll("linkTypes") int linkType,
      @ForAll boolean bigEndian) {
    ByteBuffer b =
        ByteBuffer.allocate(24 + body.length)
            .order(bigEndian ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
    b.putInt(0xA1B2C3D4)
        .putShort((short) 2)
        .putShort((short) 4)
        .putInt(0)
        .putInt(0)
        .putInt(65535)
        .putInt(linkType);
    CaptureSummary s = FuzzSupport.analyze(b.put(body).array());

    assertThat(s).isNotNull();
    assertThat(s.packets()).isLessThanOrEqualTo(body.length / 16);
  }

  @Property(tries = 300)
  void anyBlocksAfterAValidSectionHeaderNeverThrow(@ForAll @Size(max = 2000) byte[] body) {
    byte[] shb = new TestCaptures.Pcapng(ByteOrder.LITTLE_ENDIAN).idb(1, -1).bytes();
    byte[] data = Frames.concat(shb, body);

    assertThat(FuzzSupport.analyze(data)).isNotNull();
  }

  @Property(tries = 500)
  void anyFrameOfAnyLinkTypeDecodesWithoutThrowing(
      @ForAll("frames") byte[] frame, @ForAll("linkTypes") int linkType) {
    CaptureOptions options = CaptureOptions.defaults().withDissectors(DissectorRegistry.all());
    PacketProcessor processor =
        new PacketProcessor(
            options, new ProtocolMatcher(options.dissectors()), ObservationSink.NONE, 100);
    PacketRecord record = new PacketRecord();
    record.set(frame, 0, frame.length, frame.length, 1, linkType);

    processor.process(record);
    processor.finishAll();

    assertThat(processor.flows + processor.undecodable).isLessThanOrEqualTo(1);
  }

  @Property(tries = 1000)
  void theFlowKeyIsTheSameForBothDirections(
      @ForAll long srcHigh,
      @ForAll long srcLow,
      @ForAll @IntRange(max = 65535) int srcPort,
      @ForAll long dstHigh,
      @ForAll long dstLow,
      @ForAll @IntRange(max = 65535) int dstPort,
      @ForAll @IntRange(max = 255) int proto,
      @ForAll @IntRange(max = 4095) int vlan) {
    boolean forward = FlowTable.srcIsA(srcHigh, srcLow, srcPort, dstHigh, dstLow, dstPort);
    boolean backward = FlowTable.srcIsA(dstHigh, dstLow, dstPort, srcHigh, srcLow, srcPort);
    boolean same = srcHigh == dstHigh && srcLow == dstLow && srcPort == dstPort;

    assertThat(forward != backward || same).isTrue();
    long h1 =
        forward
            ? FlowTable.hash(srcHigh, srcLow, dstHigh, dstLow, srcPort, dstPort, proto, vlan)
            : FlowTable.hash(dstHigh, dstLow, srcHigh, srcLow, dstPort, srcPort, proto, vlan);
    long h2 =
        backward
            ? FlowTable.hash(dstHigh, dstLow, srcHigh, srcLow, dstPort, srcPort, proto, vlan)
            : FlowTable.hash(srcHigh, srcLow, dstHigh, dstLow, srcPort, dstPort, proto, vlan);
    assertThat(h1).isEqualTo(h2);
  }

  /** The open-addressing table agrees with a HashMap under any sequence of adds and removes. */
  @Property(tries = 200)
  void theFlowTableBehavesLikeAMap(@ForAll @Size(max = 300) List<@IntRange(max = 40) Integer> ops) {
    FlowTable table = new FlowTable(16);
    Map<Integer, FlowState> model = new HashMap<>();
    for (int op : ops) {
      int key = op % 20;
      FlowState found = find(table, key);
      assertThat(found).isSameAs(model.get(key));
      if (op >= 20 && found != null) {
        table.remove(found);
        model.remove(key);
      } else if (found == null) {
        FlowState f = state(key);
        table.add(f);
        model.put(key, f);
      } else {
        table.touch(found);
      }
      assertThat(table.size()).isEqualTo(model.size());
    }
    for (int key = 0; key < 20; key++) {
      assertThat(find(table, key)).isSameAs(model.get(key));
    }
    int live = 0;
    for (FlowState f = table.oldest(); f != null; f = f.newer) {
      live++;
    }
    assertThat(live).isEqualTo(model.size());
  }

  private static FlowState find(FlowTable table, int key) {
    // Few distinct hash values, so keys collide and probe sequences interleave.
    return table.find(key % 3, 0, key, 0, 0, key, 0, 6, 0);
  }

  private static FlowState state(int key) {
    return new FlowState(null, key % 3, 0, key, 0, 0, key, 0, 6, 0, true);
  }

  @Provide
  Arbitrary<Integer> linkTypes() {
    return Arbitraries.of(1, 113, 276, 101, 0, 108, 228, 229, 12, 14, 147);
  }

  /** Random frames, and real-looking ones: an Ethernet/IPv4 prefix with random bytes after. */
  @Provide
  Arbitrary<byte[]> frames() {
    Arbitrary<byte[]> random = Arbitraries.bytes().array(byte[].class).ofMaxSize(200);
    byte[] prefix = Frames.eth(Frames.MAC_B, Frames.MAC_A, 0x0800, new byte[] {0x45, 0, 0, 60});
    Arbitrary<byte[]> ipish = random.map(tail -> Frames.concat(prefix, tail));
    return Arbitraries.oneOf(random, ipish);
  }
}

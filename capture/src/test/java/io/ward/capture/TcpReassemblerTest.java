package io.ward.capture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/** Ordering, trimming, gaps and the memory bound of one TCP direction. */
class TcpReassemblerTest {
  private static final int ISN = 0xFFFF_FFF0; // near the wrap, so sequence arithmetic is modular

  /** Records what the reassembler hands on. */
  private static final class Recorder implements TcpReassembler.Receiver {
    final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    final List<Long> gaps = new ArrayList<>();
    boolean keepGoing = true;

    @Override
    public boolean data(boolean fromClient, byte[] buf, int offset, int length) {
      bytes.write(buf, offset, length);
      return keepGoing;
    }

    @Override
    public boolean gap(boolean fromClient, long missingBytes) {
      gaps.add(missingBytes);
      return true;
    }

    String text() {
      return bytes.toString(StandardCharsets.US_ASCII);
    }
  }

  private static boolean send(TcpReassembler r, Recorder rec, int offsetInStream, String data) {
    byte[] b = ("xx" + data).getBytes(StandardCharsets.US_ASCII); // payload not at offset 0
    return r.segment(
        ISN + 1 + offsetInStream, Packet.TCP_ACK, b, 2, data.length(), data.length(), rec);
  }

  private static TcpReassembler started(Recorder rec, int limit) {
    return started(rec, limit, new ReassemblyBudget(Long.MAX_VALUE));
  }

  private static TcpReassembler started(Recorder rec, int limit, ReassemblyBudget budget) {
    TcpReassembler r = new TcpReassembler(true, limit, budget);
    r.segment(ISN, Packet.TCP_SYN, new byte[0], 0, 0, 0, rec);
    return r;
  }

  @Test
  void shouldDeliverInOrderSegmentsAcrossTheSequenceWrap() {
    Recorder rec = new Recorder();
    TcpReassembler r = started(rec, 1024);

    send(r, rec, 0, "MSH|^~\\&|");
    send(r, rec, 9, "PUMP|");
    send(r, rec, 14, "ICU");

    assertThat(rec.text()).isEqualTo("MSH|^~\\&|PUMP|ICU");
    assertThat(rec.gaps).isEmpty();
  }

  @Test
  void shouldReorderOutOfOrderSegments() {
    Recorder rec = new Recorder();
    TcpReassembler r = started(rec, 1024);

    send(r, rec, 10, "KLMNO");
    send(r, rec, 5, "FGHIJ");
    assertThat(rec.text()).isEmpty();
    assertThat(r.pendingBytes()).isEqualTo(10);
    send(r, rec, 0, "ABCDE");

    assertThat(rec.text()).isEqualTo("ABCDEFGHIJKLMNO");
    assertThat(r.pendingBytes()).isZero();
  }

  @Test
  void shouldDropRetransmissionsAndTrimOverlaps() {
    Recorder rec = new Recorder();
    TcpReassembler r = started(rec, 1024);

    send(r, rec, 0, "ABCDE");
    send(r, rec, 0, "ABCDE"); // retransmission
    send(r, rec, 3, "DEFGH"); // overlaps two delivered bytes
    send(r, rec, 10, "KLM"); // held
    send(r, rec, 9, "JKLMN"); // fills the hole and overlaps the held segment
    send(r, rec, 8, "I");

    assertThat(rec.text()).isEqualTo("ABCDEFGHIJKLMN");
  }

  @Test
  void shouldReportAGapWhenTheFlowEndsWithAHole() {
    Recorder rec = new Recorder();
    TcpReassembler r = started(rec, 1024);

    send(r, rec, 0, "ABC");
    send(r, rec, 7, "HIJ");
    r.flush(rec);

    assertThat(rec.text()).isEqualTo("ABCHIJ");
    assertThat(rec.gaps).containsExactly(4L);
  }

  @Test
  void shouldGiveUpOnTheOldestHoleWhenTheBoundIsReached() {
    Recorder rec = new Recorder();
    TcpReassembler r = started(rec, 8);

    send(r, rec, 0, "AB");
    send(r, rec, 4, "EFGH"); // held: 4 bytes
    send(r, rec, 10, "KLMN"); // held: 8 bytes, at the bound
    assertThat(rec.text()).isEqualTo("AB");
    send(r, rec, 16, "QR"); // over the bound: skip the hole at 2..4, deliver EFGH, still hold KLMN

    assertThat(rec.gaps).containsExactly(2L);
    assertThat(rec.text()).isEqualTo("ABEFGH");
    assertThat(r.pendingBytes()).isLessThanOrEqualTo(8);
  }

  @Test
  void shouldShareTheWorkersBudgetBetweenStreamsAndGiveItBack() {
    ReassemblyBudget budget = new ReassemblyBudget(6);
    Recorder rec1 = new Recorder();
    Recorder rec2 = new Recorder();
    TcpReassembler one = started(rec1, 1024, budget);
    TcpReassembler two = started(rec2, 1024, budget);

    send(one, rec1, 4, "EFGH"); // held: budget 4 of 6
    send(two, rec2, 4, "efgh"); // does not fit: its hole is given up at once
    assertThat(budget.usedBytes()).isEqualTo(4);
    assertThat(rec2.gaps).containsExactly(4L);
    assertThat(rec2.text()).isEqualTo("efgh");

    one.release();
    assertThat(budget.usedBytes()).isZero();
    assertThat(one.pendingBytes()).isZero();
  }

  @Test
  void shouldReportTheTailCutByTheSnapLengthAsAGap() {
    Recorder rec = new Recorder();
    TcpReassembler r = started(rec, 1024);
    byte[] b = "ABCDEFGHIJ".getBytes(StandardCharsets.US_ASCII);

    r.segment(ISN + 1, Packet.TCP_ACK, b, 0, 4, 10, rec); // 10 bytes on the wire, 4 captured
    send(r, rec, 10, "KL");

    assertThat(rec.text()).isEqualTo("ABCDKL");
    assertThat(rec.gaps).containsExactly(6L);
  }

  @Test
  void shouldStartMidStreamWithoutASyn() {
    Recorder rec = new Recorder();
    TcpReassembler r = new TcpReassembler(false, 1024, new ReassemblyBudget(1024));

    send(r, rec, 100, "late");
    send(r, rec, 104, "r");

    assertThat(rec.text()).isEqualTo("later");
  }

  @Test
  void shouldStopWhenTheReceiverAsksTo() {
    Recorder rec = new Recorder();
    TcpReassembler r = started(rec, 1024);
    rec.keepGoing = false;

    assertThat(send(r, rec, 0, "ABC")).isFalse();
  }

  /** Any order of delivery of a split stream yields the stream (within the bound, no gaps). */
  @Property(tries = 200)
  void shouldRebuildAStreamFromAnyPermutationOfItsSegments(
      @ForAll @IntRange(min = 1, max = 40) int segments, @ForAll long seed) {
    java.util.Random random = new java.util.Random(seed);
    StringBuilder stream = new StringBuilder();
    List<int[]> pieces = new ArrayList<>();
    for (int i = 0; i < segments; i++) {
      int len = 1 + random.nextInt(9);
      pieces.add(new int[] {stream.length(), len});
      for (int j = 0; j < len; j++) {
        stream.append((char) ('a' + random.nextInt(26)));
      }
    }
    List<int[]> order = new ArrayList<>(pieces);
    java.util.Collections.shuffle(order, random);
    order.add(pieces.get(random.nextInt(pieces.size()))); // and one retransmission
    Recorder rec = new Recorder();
    ReassemblyBudget budget = new ReassemblyBudget(1 << 20);
    TcpReassembler r = started(rec, 1 << 16, budget);

    for (int[] p : order) {
      send(r, rec, p[0], stream.substring(p[0], p[0] + p[1]));
    }

    assertThat(rec.text()).isEqualTo(stream.toString());
    assertThat(rec.gaps).isEmpty();
    assertThat(r.pendingBytes()).isZero();
    assertThat(budget.usedBytes()).isZero();
  }
}

package io.ward.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class PcapCountingOutputStreamTest {

  /** 92 packets according to {@code capinfos -c}. */
  private static final String TELNET = "pcaps/ndpi/telnet.pcap";

  private static final String PCAPNG = "pcaps/ndpi/snmp.pcap";

  @Test
  void shouldCountEveryRecordOfARealCaptureWrittenInOneBlock() throws IOException {
    byte[] capture = Files.readAllBytes(testData(TELNET));

    PcapCountingOutputStream counter = write(capture, capture.length);

    assertThat(counter.packets()).isEqualTo(92);
    assertThat(counter.bytes()).isEqualTo(capture.length);
  }

  @Test
  void shouldCountTheSameWhenRecordsArriveSplitAcrossWrites() throws IOException {
    byte[] capture = Files.readAllBytes(testData(TELNET));

    for (int chunk : new int[] {1, 3, 16, 17, 1000}) {
      assertThat(write(capture, chunk).packets()).as("chunk %d", chunk).isEqualTo(92);
    }
  }

  @Test
  void shouldPassEveryByteThroughUnchanged() throws IOException {
    byte[] capture = Files.readAllBytes(testData(TELNET));
    ByteArrayOutputStream sink = new ByteArrayOutputStream();

    try (PcapCountingOutputStream counter = new PcapCountingOutputStream(sink)) {
      counter.write(capture, 0, capture.length);
    }

    assertThat(sink.toByteArray()).isEqualTo(capture);
  }

  @Test
  void shouldCountBigEndianCaptures() throws IOException {
    byte[] bigEndian = toBigEndian(Files.readAllBytes(testData(TELNET)));

    assertThat(write(bigEndian, 7).packets()).isEqualTo(92);
  }

  @Test
  void shouldRejectAStreamThatIsNotClassicPcap() throws IOException {
    byte[] pcapng = Files.readAllBytes(testData(PCAPNG));

    assertThatThrownBy(() -> write(pcapng, pcapng.length))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("not a classic pcap");
  }

  private static PcapCountingOutputStream write(byte[] capture, int chunk) throws IOException {
    PcapCountingOutputStream counter =
        new PcapCountingOutputStream(java.io.OutputStream.nullOutputStream());
    for (int at = 0; at < capture.length; at += chunk) {
      counter.write(capture, at, Math.min(chunk, capture.length - at));
    }
    counter.close();
    return counter;
  }

  /**
   * Rewrites a little-endian pcap's header fields in big-endian order (record bodies unchanged).
   */
  private static byte[] toBigEndian(byte[] little) {
    ByteBuffer in = ByteBuffer.wrap(little).order(ByteOrder.LITTLE_ENDIAN);
    ByteBuffer out = ByteBuffer.allocate(little.length).order(ByteOrder.BIG_ENDIAN);
    out.putInt(in.getInt()).putShort(in.getShort()).putShort(in.getShort());
    for (int i = 0; i < 4; i++) {
      out.putInt(in.getInt());
    }
    while (in.hasRemaining()) {
      out.putInt(in.getInt()).putInt(in.getInt());
      int included = in.getInt();
      out.putInt(included).putInt(in.getInt());
      byte[] body = new byte[included];
      in.get(body);
      out.put(body);
    }
    return out.array();
  }

  static Path testData(String relative) {
    String env = System.getenv("WARD_TESTDATA");
    Path root = env == null || env.isBlank() ? Path.of("../../shared/data") : Path.of(env);
    return root.resolve(relative);
  }
}

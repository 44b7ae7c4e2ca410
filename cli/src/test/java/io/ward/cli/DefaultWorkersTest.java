package io.ward.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** How many workers {@code ward analyze} runs when not told. */
class DefaultWorkersTest {

  static final Path DATA =
      Path.of(System.getenv().getOrDefault("WARD_TESTDATA", "../../shared/data"));

  @TempDir Path tmp;

  @Test
  void shouldRunOnePerProcessorUpToFour() {
    assertThat(DefaultWorkers.of(1, false)).isEqualTo(1);
    assertThat(DefaultWorkers.of(2, false)).isEqualTo(2);
    assertThat(DefaultWorkers.of(3, false)).isEqualTo(3);
    assertThat(DefaultWorkers.of(4, false)).isEqualTo(4);
    assertThat(DefaultWorkers.of(64, false)).isEqualTo(4);
  }

  @Test
  void shouldLeaveAProcessorToDecompressing() {
    assertThat(DefaultWorkers.of(1, true)).isEqualTo(1);
    assertThat(DefaultWorkers.of(2, true)).isEqualTo(1);
    assertThat(DefaultWorkers.of(4, true)).isEqualTo(3);
    assertThat(DefaultWorkers.of(64, true)).isEqualTo(4);
  }

  @Test
  void shouldTellAGzipCaptureFileByItsContentNotItsName() throws IOException {
    Path pcap = DATA.resolve("pcaps/ndpi/hl7.pcap");
    Path gz = tmp.resolve("hl7.pcap");
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
      out.write(Files.readAllBytes(pcap));
    }
    Path named = tmp.resolve("plain.pcap.gz");
    Files.copy(pcap, named);

    assertThat(DefaultWorkers.gzipped(gz)).isTrue();
    assertThat(DefaultWorkers.gzipped(pcap)).isFalse();
    assertThat(DefaultWorkers.gzipped(named)).isFalse();
    assertThat(DefaultWorkers.gzipped(tmp.resolve("missing.pcap"))).isFalse();
    Path oneByte = Files.write(tmp.resolve("one"), new byte[] {0x1F});
    assertThat(DefaultWorkers.gzipped(oneByte)).isFalse();
  }

  @Test
  // A separate thread: opening a FIFO blocks in the kernel, where an interrupt does not reach.
  @Timeout(value = 30, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  void shouldNotOpenAPipeOrADirectoryToLookAtThem() throws Exception {
    Path fifo = tmp.resolve("capture.fifo");
    Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).inheritIO().start();
    assertThat(mkfifo.waitFor()).isZero();

    // Opening a FIFO to read waits for a writer, and its bytes can be read only once.
    assertThat(DefaultWorkers.gzipped(fifo)).isFalse();
    assertThat(DefaultWorkers.gzipped(tmp)).isFalse();
  }

  @Test
  void shouldPeekAtAStreamWithoutTakingItsBytes() throws IOException {
    byte[] gzipStart = {0x1F, (byte) 0x8B, 8, 0, 1, 2, 3};
    BufferedInputStream gz = new BufferedInputStream(new ByteArrayInputStream(gzipStart));
    assertThat(DefaultWorkers.gzipped(gz)).isTrue();
    assertThat(gz.readAllBytes()).isEqualTo(gzipStart);

    byte[] pcapStart = {(byte) 0xD4, (byte) 0xC3, (byte) 0xB2, (byte) 0xA1};
    BufferedInputStream pcap = new BufferedInputStream(new ByteArrayInputStream(pcapStart));
    assertThat(DefaultWorkers.gzipped(pcap)).isFalse();
    assertThat(pcap.readAllBytes()).isEqualTo(pcapStart);

    BufferedInputStream empty = new BufferedInputStream(InputStream.nullInputStream());
    assertThat(DefaultWorkers.gzipped(empty)).isFalse();
    assertThat(empty.read()).isEqualTo(-1);

    BufferedInputStream failing =
        new BufferedInputStream(
            new InputStream() {
              @Override
              public int read() throws IOException {
                throw new IOException("broken pipe");
              }
            });
    assertThat(DefaultWorkers.gzipped(failing)).isFalse();
  }
}

package io.ward.capture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** When workers each read the whole capture, and that they then read the same bytes. */
class FileScanWorkersTest {

  @TempDir Path tmp;

  @Test
  void shouldScanOnlyAnUncompressedFileWithAFewWorkers() throws IOException {
    Path file = Files.write(tmp.resolve("c.pcap"), new byte[] {1, 2, 3});
    CaptureSource source = CaptureSource.ofPath(file);
    assertThat(FileScanWorkers.suits(source, false, 2)).isTrue();
    assertThat(FileScanWorkers.suits(source, false, FileScanWorkers.MAX_WORKERS)).isTrue();
    assertThat(FileScanWorkers.suits(source, false, 1)).as("one worker").isFalse();
    assertThat(FileScanWorkers.suits(source, true, 2)).as("gzip").isFalse();
    assertThat(FileScanWorkers.suits(source, false, FileScanWorkers.MAX_WORKERS + 1))
        .as("many workers")
        .isFalse();
    CaptureSource stream = CaptureSource.ofStream(new ByteArrayInputStream(new byte[3]), "-");
    assertThat(FileScanWorkers.suits(stream, false, 2)).as("a stream").isFalse();
    assertThat(FileScanWorkers.suits(CaptureSource.ofPath(tmp), false, 2))
        .as("a directory")
        .isFalse();
  }

  @Test
  void shouldReadOnlyTheBytesThereWereAtTheStart() throws IOException {
    byte[] bytes = new byte[10_000];
    for (int i = 0; i < bytes.length; i++) {
      bytes[i] = (byte) i;
    }
    Path file = Files.write(tmp.resolve("growing.pcap"), bytes);
    for (int chunk : new int[] {1, 7, 4096, 20_000}) {
      try (PrefixChannel in = new PrefixChannel(FileChannel.open(file), 6_001)) {
        ByteBuffer all = ByteBuffer.allocate(bytes.length);
        ByteBuffer part = ByteBuffer.allocate(chunk);
        int n;
        while ((n = in.read(part.clear())) >= 0) {
          assertThat(n).as("a read of %d bytes", chunk).isPositive();
          all.put(part.flip());
        }
        assertThat(all.position()).as("chunks of %d", chunk).isEqualTo(6_001);
        for (int i = 0; i < 6_001; i++) {
          assertThat(all.get(i)).isEqualTo(bytes[i]);
        }
      }
    }
  }
}

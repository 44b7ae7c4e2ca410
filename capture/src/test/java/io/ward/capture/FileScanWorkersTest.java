package io.ward.capture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** When workers each read the whole capture, and the file slices they read it through. */
class FileScanWorkersTest {

  @TempDir Path tmp;

  @Test
  void shouldScanOnlyAnUncompressedFileWithAFewWorkers() throws IOException {
    Path file = Files.write(tmp.resolve("c.pcap"), new byte[] {1, 2, 3});
    try (FileChannel channel = FileChannel.open(file)) {
      FileSlice slice = new FileSlice(channel, 3);
      assertThat(FileScanWorkers.suits(slice, false, 2)).isTrue();
      assertThat(FileScanWorkers.suits(slice, false, FileScanWorkers.MAX_WORKERS)).isTrue();
      assertThat(FileScanWorkers.suits(slice, false, 1)).as("one worker").isFalse();
      assertThat(FileScanWorkers.suits(slice, true, 2)).as("gzip").isFalse();
      assertThat(FileScanWorkers.suits(slice, false, FileScanWorkers.MAX_WORKERS + 1))
          .as("many workers")
          .isFalse();
      assertThat(FileScanWorkers.suits(channel, false, 2)).as("not a slice of a file").isFalse();
      var stream = Channels.newChannel(new java.io.ByteArrayInputStream(new byte[3]));
      assertThat(FileScanWorkers.suits(stream, false, 2)).as("a stream").isFalse();
    }
  }

  @Test
  void shouldReadOnlyTheBytesThereWereAtTheStart() throws IOException {
    byte[] bytes = new byte[10_000];
    for (int i = 0; i < bytes.length; i++) {
      bytes[i] = (byte) i;
    }
    Path file = Files.write(tmp.resolve("growing.pcap"), new byte[0]);
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      Files.write(file, bytes);
      FileSlice first = new FileSlice(channel, 6_001);
      Files.write(file, bytes, StandardOpenOption.APPEND); // the capture grows meanwhile
      for (int chunk : new int[] {1, 7, 4096, 20_000}) {
        assertThat(readAll(first.again(), chunk)).as("chunks of %d", chunk).hasSize(6_001);
      }
      byte[] read = readAll(first, 4096);
      for (int i = 0; i < read.length; i++) {
        assertThat(read[i]).isEqualTo(bytes[i]);
      }
      first.close();
      assertThat(first.isOpen()).isFalse();
      assertThat(channel.isOpen()).as("the file, still read by other slices").isTrue();
    }
  }

  private static byte[] readAll(FileSlice in, int chunk) throws IOException {
    ByteBuffer all = ByteBuffer.allocate(1 << 16);
    ByteBuffer part = ByteBuffer.allocate(chunk);
    int n;
    while ((n = in.read(part.clear())) >= 0) {
      assertThat(n).as("a read of %d bytes", chunk).isPositive();
      all.put(part.flip());
    }
    byte[] out = new byte[all.position()];
    all.flip().get(out);
    return out;
  }
}

package io.ward.capture;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;

/**
 * Any bytes given as a gzip-compressed capture, which is inflated on a thread of its own: a summary
 * or a {@link CaptureFormatException}, nothing else, and no inflating thread left behind. The first
 * byte chooses how the rest becomes gzip: {@code 0} compresses it properly (any capture bytes, well
 * compressed), anything else puts a gzip header before it (any deflate data, mostly damaged).
 */
class GzipCaptureFuzzTest {

  /** A gzip member header: magic, deflate, no flags, no time, no extra flags, unknown OS. */
  private static final byte[] HEADER = {0x1F, (byte) 0x8B, 8, 0, 0, 0, 0, 0, 0, (byte) 0xFF};

  /** Far more threads than the test itself runs: inflating threads left behind pile up. */
  private static final int MAX_THREADS = 64;

  @FuzzTest(maxDuration = "5m")
  void fuzz(byte[] data) {
    if (data.length == 0) {
      return;
    }
    byte[] rest = Arrays.copyOfRange(data, 1, data.length);
    FuzzSupport.analyze(data[0] == 0 ? gzip(rest) : withHeader(rest));
    assertThat(Thread.activeCount()).isLessThan(MAX_THREADS);
  }

  private static byte[] gzip(byte[] bytes) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  private static byte[] withHeader(byte[] deflate) {
    byte[] all = Arrays.copyOf(HEADER, HEADER.length + deflate.length);
    System.arraycopy(deflate, 0, all, HEADER.length, deflate.length);
    return all;
  }
}

package io.ward.cli;

import io.ward.capture.CaptureSource;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * How many workers {@code ward analyze} runs when {@code --workers} is not given: one per
 * processor, at most {@link #MAX}, and one fewer when a capture is gzip-compressed, because
 * decompressing it takes a processor of its own (Ward inflates on a thread of its own, ahead of the
 * workers).
 *
 * <p>Measured on two processors (bench/README.md, session 21): two workers finished every kind of
 * uncompressed input sooner than one, 10-35% for 20-35% more CPU; on the benchmark's
 * gzip-compressed capture one worker took 5.2 s and two 6.0 s, since inflating it (about 4.5 s of
 * CPU) is the slower half and extra threads only compete with it for the processors. Up to {@link
 * #MAX}, each worker reads an uncompressed capture file by itself and they share nothing; beyond
 * it, one thread reads for all. More than two processors were not measured.
 */
final class DefaultWorkers {
  /** The most workers used unless asked for more. */
  static final int MAX = 4;

  private DefaultWorkers() {}

  /** The default on {@code processors} processors, when some capture is {@code compressed}. */
  static int of(int processors, boolean compressed) {
    int free = compressed ? processors - 1 : processors;
    return Math.max(1, Math.min(free, MAX));
  }

  /**
   * Whether the regular file starts with the gzip magic. Anything else counts as not: a file that
   * cannot be read (the analysis reports it), and a pipe or device such as {@code <(zcat x.gz)},
   * which gives its bytes once and must keep them for the analysis.
   */
  static boolean gzipped(Path file) {
    if (!Files.isRegularFile(file)) {
      return false;
    }
    try (InputStream in = Files.newInputStream(file)) {
      return startsWithGzipMagic(in);
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }

  /**
   * Whether the stream starts with the gzip magic, leaving its bytes to be read again. A stream
   * that fails counts as not: the analysis reports it.
   */
  static boolean gzipped(BufferedInputStream in) {
    try {
      in.mark(2);
      boolean magic = startsWithGzipMagic(in);
      in.reset();
      return magic;
    } catch (IOException e) {
      return false;
    }
  }

  private static boolean startsWithGzipMagic(InputStream in) throws IOException {
    int first = in.read();
    int second = in.read();
    return first >= 0 && second >= 0 && CaptureSource.gzipMagic(first, second); // -1: the end
  }
}

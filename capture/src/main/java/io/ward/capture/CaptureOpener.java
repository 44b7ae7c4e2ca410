package io.ward.capture;

import java.io.ByteArrayInputStream;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.channels.Channels;
import java.nio.channels.ReadableByteChannel;
import java.util.Arrays;
import java.util.function.Function;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/** Recognises the format by its magic number (after gunzipping when the gzip magic is seen). */
final class CaptureOpener {
  private static final int GZIP_BUFFER = 1 << 16;

  /**
   * The reader for a source, and whether it was compressed. Closing it stops the thread reading
   * ahead, if any, and closes its stream (the gzip stream) and with it the source's channel (its
   * owner closes that too, and must not read it afterwards).
   */
  record Opened(CaptureReader reader, boolean gzip, ReadAheadChannel readAhead)
      implements Closeable {
    @Override
    public void close() throws IOException {
      if (readAhead != null) {
        readAhead.close();
      }
    }
  }

  private CaptureOpener() {}

  /** The reader for {@code raw}, read on the calling thread unless it is compressed. */
  static Opened open(String name, ReadableByteChannel raw, Counters counters, int bufferBytes)
      throws IOException {
    return open(name, raw, counters, bufferBytes, false);
  }

  /**
   * The reader for {@code raw}. A compressed source is always decompressed on a thread of its own;
   * with {@code readAhead}, an uncompressed one is read on a thread of its own too ({@link
   * ReadAheadChannel} says why), after the first block, which the caller's thread reads to learn
   * the format.
   */
  static Opened open(
      String name, ReadableByteChannel raw, Counters counters, int bufferBytes, boolean readAhead)
      throws IOException {
    return open(
        name,
        raw,
        counters,
        bufferBytes,
        readAhead ? rest -> new ReadAheadChannel(rest, "ward-read") : null);
  }

  /**
   * As {@link #open(String, ReadableByteChannel, Counters, int, boolean)}, an uncompressed source
   * read on the thread of the channel {@code readAhead} makes of the rest of it (none when null).
   */
  static Opened open(
      String name,
      ReadableByteChannel raw,
      Counters counters,
      int bufferBytes,
      Function<InputStream, ReadAheadChannel> readAhead)
      throws IOException {
    ChannelInput in = new ChannelInput(raw, bufferBytes);
    requireData(name, in, "");
    byte[] b = in.array();
    if (b[in.pos()] == (byte) 0x1F && b[in.pos() + 1] == (byte) 0x8B) {
      // The bytes already buffered go first, then the rest of the channel.
      byte[] head = Arrays.copyOfRange(b, in.pos(), in.pos() + in.available());
      InputStream rest = Channels.newInputStream(raw);
      InputStream gunzip;
      try {
        gunzip =
            new GZIPInputStream(
                new SequenceInputStream(new ByteArrayInputStream(head), rest), GZIP_BUFFER);
      } catch (ZipException | EOFException e) {
        throw new CaptureFormatException(name, "damaged gzip header (" + e.getMessage() + ")");
      }
      ReadAheadChannel decompressed = new ReadAheadChannel(gunzip, "ward-gunzip");
      try {
        return open(name, new ChannelInput(decompressed), counters, true, decompressed);
      } catch (IOException | RuntimeException | Error e) {
        // An Error too: the reading thread would otherwise wait for ever for an empty chunk.
        try {
          decompressed.close();
        } catch (IOException | RuntimeException suppressed) {
          e.addSuppressed(suppressed);
        }
        throw e;
      }
    }
    Opened opened = open(name, in, counters, false, null);
    if (readAhead == null) {
      return opened;
    }
    // Started only once the header is known to be a capture's: the reader has read it already.
    ReadAheadChannel ahead = readAhead.apply(Channels.newInputStream(raw));
    in.continueFrom(ahead);
    return new Opened(opened.reader(), false, ahead);
  }

  /** The reader for {@code in}, whose bytes {@code readAhead} reads when it is not null. */
  private static Opened open(
      String name, ChannelInput in, Counters counters, boolean gzip, ReadAheadChannel readAhead)
      throws IOException {
    if (gzip) {
      requireData(name, in, "gzip stream: ");
    }
    int magic = Bytes.i32(in.array(), in.pos());
    if (magic == PcapngReader.SHB) {
      return new Opened(PcapngReader.open(name, in, counters), gzip, readAhead);
    }
    if (PcapReader.isMagic(magic)) {
      return new Opened(PcapReader.open(name, in, counters), gzip, readAhead);
    }
    throw new CaptureFormatException(
        name,
        String.format(
            "%snot a pcap or pcapng capture (magic 0x%08x)", gzip ? "gzip content " : "", magic));
  }

  private static void requireData(String name, ChannelInput in, String where) throws IOException {
    if (in.ensure(4)) {
      return;
    }
    if (in.damage() != null) {
      throw new CaptureFormatException(name, where + in.damage());
    }
    if (in.available() == 0) {
      throw new CaptureFormatException(name, where + "empty, no capture data");
    }
    throw new CaptureFormatException(
        name,
        where
            + "only "
            + in.available()
            + (in.available() == 1 ? " byte" : " bytes")
            + ", too short to be a capture");
  }
}

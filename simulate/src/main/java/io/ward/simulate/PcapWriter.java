package io.ward.simulate;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/**
 * Writes a classic libpcap file: microsecond timestamps, little-endian, LINKTYPE_ETHERNET
 * (https://www.tcpdump.org/manpages/pcap-savefile.5.txt).
 */
final class PcapWriter {
  private static final int MAGIC_MICROS = 0xA1B2C3D4;
  private static final int SNAPLEN = 262_144;
  private static final int LINKTYPE_ETHERNET = 1;
  private static final int BUFFER_BYTES = 1 << 20;

  private final OutputStream out;
  private final byte[] record = new byte[16];
  private long packets;
  private long bytes;

  PcapWriter(OutputStream target) throws IOException {
    this.out = new BufferedOutputStream(target, BUFFER_BYTES);
    byte[] h = new byte[24];
    putLe32(h, 0, MAGIC_MICROS);
    putLe16(h, 4, 2);
    putLe16(h, 6, 4);
    putLe32(h, 16, SNAPLEN);
    putLe32(h, 20, LINKTYPE_ETHERNET);
    out.write(h);
  }

  void write(long epochMicros, byte[] frame) throws IOException {
    putLe32(record, 0, (int) (epochMicros / 1_000_000));
    putLe32(record, 4, (int) (epochMicros % 1_000_000));
    putLe32(record, 8, frame.length);
    putLe32(record, 12, frame.length);
    out.write(record);
    out.write(frame);
    packets++;
    bytes += frame.length;
  }

  long packets() {
    return packets;
  }

  long bytes() {
    return bytes;
  }

  /** Flushes the buffer; the target stream stays open (the caller owns it). */
  void flush() throws IOException {
    out.flush();
  }

  private static void putLe16(byte[] b, int p, int v) {
    b[p] = (byte) v;
    b[p + 1] = (byte) (v >>> 8);
  }

  private static void putLe32(byte[] b, int p, int v) {
    b[p] = (byte) v;
    b[p + 1] = (byte) (v >>> 8);
    b[p + 2] = (byte) (v >>> 16);
    b[p + 3] = (byte) (v >>> 24);
  }
}

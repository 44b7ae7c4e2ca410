package io.ward.bench;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/**
 * Passes a classic pcap stream through while counting its packet records, so the benchmark knows
 * the packet count of a capture as it is written, without reading a gigabyte back.
 */
final class PcapCountingOutputStream extends FilterOutputStream {

  private static final int GLOBAL_HEADER_BYTES = 24;
  private static final int RECORD_HEADER_BYTES = 16;
  private static final int MAGIC_MICROS = 0xa1b2c3d4;
  private static final int MAGIC_NANOS = 0xa1b23c4d;

  private final byte[] header = new byte[GLOBAL_HEADER_BYTES];
  private int headerFill;
  private boolean globalHeaderDone;
  private boolean bigEndian;
  private long dataRemaining;
  private long packets;
  private long bytes;

  PcapCountingOutputStream(OutputStream out) {
    super(out);
  }

  /** Packet records completely or partly written so far. */
  long packets() {
    return packets;
  }

  /** Bytes written so far, headers included. */
  long bytes() {
    return bytes;
  }

  @Override
  public void write(int b) throws IOException {
    write(new byte[] {(byte) b}, 0, 1);
  }

  @Override
  public void write(byte[] b, int off, int len) throws IOException {
    out.write(b, off, len);
    bytes += len;
    int i = off;
    int end = off + len;
    while (i < end) {
      if (dataRemaining > 0) {
        int skip = (int) Math.min(dataRemaining, end - i);
        dataRemaining -= skip;
        i += skip;
        continue;
      }
      int want = globalHeaderDone ? RECORD_HEADER_BYTES : GLOBAL_HEADER_BYTES;
      int take = Math.min(want - headerFill, end - i);
      System.arraycopy(b, i, header, headerFill, take);
      headerFill += take;
      i += take;
      if (headerFill == want) {
        headerFill = 0;
        if (globalHeaderDone) {
          packets++;
          dataRemaining = Integer.toUnsignedLong(readInt(8));
        } else {
          readMagic();
          globalHeaderDone = true;
        }
      }
    }
  }

  private void readMagic() throws IOException {
    bigEndian = true;
    int magic = readInt(0);
    if (magic == MAGIC_MICROS || magic == MAGIC_NANOS) {
      return;
    }
    bigEndian = false;
    magic = readInt(0);
    if (magic != MAGIC_MICROS && magic != MAGIC_NANOS) {
      throw new IOException("not a classic pcap stream: magic " + Integer.toHexString(magic));
    }
  }

  private int readInt(int at) {
    int b0 = header[at] & 0xff;
    int b1 = header[at + 1] & 0xff;
    int b2 = header[at + 2] & 0xff;
    int b3 = header[at + 3] & 0xff;
    return bigEndian
        ? (b0 << 24) | (b1 << 16) | (b2 << 8) | b3
        : (b3 << 24) | (b2 << 16) | (b1 << 8) | b0;
  }
}

package io.ward.capture;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The pcapng format (draft-ietf-opsawg-pcapng): sections opened by a Section Header Block in either
 * byte order; Interface Description Blocks with their link type and timestamp resolution ({@code
 * if_tsresol}, §4.2) and offset ({@code if_tsoffset}); Enhanced, Simple and obsolete Packet Blocks.
 * Every other block type is skipped by its length.
 */
final class PcapngReader extends CaptureReader {
  static final int SHB = 0x0A0D0D0A;
  private static final int BYTE_ORDER_MAGIC = 0x1A2B3C4D;
  private static final int IDB = 1;
  private static final int OBSOLETE_PB = 2;
  private static final int SPB = 3;
  private static final int EPB = 6;
  private static final int MAX_BLOCK_BYTES = 32 << 20;

  /**
   * One interface of the current section.
   *
   * @param unitNanos nanoseconds per timestamp unit when that is a whole number (a decimal
   *     resolution of 1 ns or coarser), else 0: the usual case then costs one multiplication
   */
  private record Interface(
      int linkType, int snapLength, int resolution, long offsetSeconds, long unitNanos) {
    Interface(int linkType, int snapLength, int resolution, long offsetSeconds) {
      this(
          linkType,
          snapLength,
          resolution,
          offsetSeconds,
          (resolution & 0x80) == 0 && resolution <= 9 ? toNanos(1, resolution) : 0);
    }
  }

  private final List<Interface> interfaces = new ArrayList<>();
  private boolean littleEndian;

  private PcapngReader(String name, ChannelInput in, Counters counters) {
    super(name, in, counters);
  }

  /** A reader positioned at the first Section Header Block. */
  static PcapngReader open(String name, ChannelInput in, Counters counters) throws IOException {
    if (!in.ensure(12)) {
      throw new CaptureFormatException(name, "pcapng section header cut short");
    }
    int bom = Bytes.i32(in.array(), in.pos() + 8);
    if (bom != BYTE_ORDER_MAGIC && bom != Integer.reverseBytes(BYTE_ORDER_MAGIC)) {
      throw new CaptureFormatException(
          name, String.format("pcapng section header has a bad byte-order magic 0x%08x", bom));
    }
    return new PcapngReader(name, in, counters);
  }

  @Override
  String format() {
    return "pcapng";
  }

  @Override
  boolean next(PacketRecord record) throws IOException {
    while (true) {
      if (!in.ensure(8)) {
        return endOrDamage("file ends inside a block header");
      }
      int fast = enhancedPacketBlock(record);
      if (fast > 0) {
        return true;
      }
      if (fast == 0) {
        continue;
      }
      long start = in.offset();
      int type = Bytes.i32(in.array(), in.pos(), littleEndian);
      if (type == SHB) {
        if (!in.ensure(12)) {
          return endOrDamage("file ends inside a section header");
        }
        int bom = Bytes.i32(in.array(), in.pos() + 8);
        if (bom == BYTE_ORDER_MAGIC) {
          littleEndian = false;
        } else if (bom == Integer.reverseBytes(BYTE_ORDER_MAGIC)) {
          littleEndian = true;
        } else {
          damaged(start, String.format("section header with bad byte-order magic 0x%08x", bom));
          return false;
        }
      }
      int length = Bytes.i32(in.array(), in.pos() + 4, littleEndian);
      if (length < 12 || (length & 3) != 0 || length > MAX_BLOCK_BYTES) {
        damaged(start, "absurd block length " + Integer.toUnsignedString(length));
        return false;
      }
      if (type != SHB && type != IDB && type != EPB && type != SPB && type != OBSOLETE_PB) {
        if (in.skip(length) < length) {
          return endOrDamage("file ends inside a block");
        }
        continue;
      }
      if (!in.ensure(length)) {
        return endOrDamage("file ends inside a block");
      }
      byte[] b = in.array();
      int p = in.pos();
      if (Bytes.i32(b, p + length - 4, littleEndian) != length) {
        damaged(start, "block length trailer does not match its header");
        return false;
      }
      boolean packet = block(type, b, p, length, record);
      in.advance(length);
      if (packet) {
        return true;
      }
    }
  }

  /**
   * The usual block, an Enhanced Packet Block that is whole and sound, read without the general
   * path's checks for every block type: 1 when it filled {@code record}, 0 when it was consumed
   * without a packet (an anomaly was counted), -1 when it is another block, or damaged, or cut
   * short, for the general path to read or report. Why a path of its own: pcapng must read at least
   * 0.9x as fast as pcap (issue 2), and nearly every block of a capture is an EPB.
   */
  private int enhancedPacketBlock(PacketRecord record) throws IOException {
    byte[] b = in.array();
    int p = in.pos();
    if (Bytes.i32(b, p, littleEndian) != EPB) {
      return -1;
    }
    int length = Bytes.i32(b, p + 4, littleEndian);
    if (length < 32 || (length & 3) != 0 || length > MAX_BLOCK_BYTES || !in.ensure(length)) {
      return -1;
    }
    b = in.array();
    p = in.pos();
    if (Bytes.i32(b, p + length - 4, littleEndian) != length) {
      return -1;
    }
    boolean packet = packetBlock(b, p, length, Bytes.i32(b, p + 8, littleEndian), record);
    in.advance(length);
    return packet ? 1 : 0;
  }

  /** Interprets one complete block; true when it filled {@code record}. */
  private boolean block(int type, byte[] b, int p, int length, PacketRecord record) {
    switch (type) {
      case SHB:
        interfaces.clear();
        return false;
      case IDB:
        interfaceBlock(b, p, length);
        return false;
      case EPB:
        return packetBlock(b, p, length, Bytes.i32(b, p + 8, littleEndian), record);
      case OBSOLETE_PB:
        return packetBlock(b, p, length, Bytes.u16(b, p + 8, littleEndian), record);
      case SPB:
        return simplePacketBlock(b, p, length, record);
      default:
        return false;
    }
  }

  private void interfaceBlock(byte[] b, int p, int length) {
    if (length < 20) {
      counters.add(Anomaly.PCAPNG_BAD_BLOCK);
      return;
    }
    int linkType = Bytes.u16(b, p + 8, littleEndian);
    int snap = Bytes.i32(b, p + 12, littleEndian);
    int resolution = 6;
    long offsetSeconds = 0;
    int o = p + 16;
    int end = p + length - 4;
    while (o + 4 <= end) {
      int code = Bytes.u16(b, o, littleEndian);
      int len = Bytes.u16(b, o + 2, littleEndian);
      if (code == 0 || o + 4 + len > end) {
        break;
      }
      if (code == 9 && len >= 1) {
        resolution = b[o + 4] & 0xFF;
      } else if (code == 14 && len >= 8) {
        offsetSeconds = littleEndian ? Long.reverseBytes(Bytes.i64(b, o + 4)) : Bytes.i64(b, o + 4);
      }
      o += 4 + ((len + 3) & ~3);
    }
    interfaces.add(new Interface(linkType, snap, resolution, offsetSeconds));
    addLinkType(linkType);
  }

  private boolean packetBlock(byte[] b, int p, int length, int ifaceId, PacketRecord record) {
    if (length < 32) {
      counters.add(Anomaly.PCAPNG_BAD_BLOCK);
      return false;
    }
    long high = Bytes.u32(b, p + 12, littleEndian);
    long low = Bytes.u32(b, p + 16, littleEndian);
    int captured = Bytes.i32(b, p + 20, littleEndian);
    int wire = Bytes.i32(b, p + 24, littleEndian);
    if (ifaceId < 0 || ifaceId >= interfaces.size()) {
      counters.add(Anomaly.PCAPNG_UNKNOWN_INTERFACE);
      return false;
    }
    if (captured < 0 || captured > length - 32) {
      counters.add(Anomaly.PCAPNG_BAD_BLOCK);
      return false;
    }
    Interface iface = interfaces.get(ifaceId);
    if (wire < captured) {
      counters.add(Anomaly.WIRE_SHORTER_THAN_CAPTURED);
      wire = captured;
    }
    if (captured > MAX_RECORD_BYTES) {
      counters.add(Anomaly.FRAME_CUT);
      captured = MAX_RECORD_BYTES;
    }
    long units = (high << 32) | low;
    long nanos =
        (iface.unitNanos != 0 ? units * iface.unitNanos : toNanos(units, iface.resolution))
            + iface.offsetSeconds * 1_000_000_000L;
    record.set(b, p + 28, captured, wire, nanos, iface.linkType);
    return true;
  }

  private boolean simplePacketBlock(byte[] b, int p, int length, PacketRecord record) {
    if (length < 16) {
      counters.add(Anomaly.PCAPNG_BAD_BLOCK);
      return false;
    }
    if (interfaces.isEmpty()) {
      counters.add(Anomaly.PCAPNG_UNKNOWN_INTERFACE);
      return false;
    }
    Interface iface = interfaces.get(0);
    int wire = Bytes.i32(b, p + 8, littleEndian);
    int captured = length - 16;
    if (wire >= 0 && wire < captured) {
      captured = wire;
    }
    if (iface.snapLength > 0 && captured > iface.snapLength) {
      captured = iface.snapLength;
    }
    if (captured > MAX_RECORD_BYTES) {
      counters.add(Anomaly.FRAME_CUT);
      captured = MAX_RECORD_BYTES;
    }
    // §4.4: a Simple Packet Block carries no timestamp.
    record.set(b, p + 12, captured, Math.max(wire, captured), 0, iface.linkType);
    return true;
  }

  /**
   * Converts a timestamp in interface units to nanoseconds. {@code if_tsresol} (§4.2): high bit
   * clear means 10^-n seconds, set means 2^-n seconds; default 10^-6.
   */
  static long toNanos(long units, int resolution) {
    int n = resolution & 0x7F;
    if ((resolution & 0x80) == 0) {
      if (n <= 9) {
        long scale = 1;
        for (int i = n; i < 9; i++) {
          scale *= 10;
        }
        return units * scale;
      }
      if (n > 27) {
        return 0; // finer than 10^-27 s: 10^(n-9) no longer fits a long
      }
      long div = 1;
      for (int i = 9; i < n; i++) {
        div *= 10;
      }
      return Long.divideUnsigned(units, div);
    }
    if (n == 0) {
      return units * 1_000_000_000L;
    }
    if (n >= 64) {
      return 0;
    }
    long whole = units >>> n;
    long frac = units & ((1L << n) - 1);
    return whole * 1_000_000_000L + (long) (frac * (1e9 / Math.pow(2, n)));
  }
}

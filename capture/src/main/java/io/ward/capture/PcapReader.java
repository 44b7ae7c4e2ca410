package io.ward.capture;

import java.io.IOException;

/**
 * The classic libpcap format (pcap-savefile(5); draft-ietf-opsawg-pcap): a 24-byte file header,
 * then records of a 16-byte header and the captured bytes. Either byte order, microsecond or
 * nanosecond timestamps, and Kuznetzov's modified format (8 more header bytes per record).
 */
final class PcapReader extends CaptureReader {
  static final int MAGIC_MICRO = 0xA1B2C3D4;
  static final int MAGIC_NANO = 0xA1B23C4D;
  static final int MAGIC_KUZNETZOV = 0xA1B2CD34;

  private final boolean littleEndian;
  private final long fractionToNanos;
  private final int recordHeaderBytes;
  private final int linkType;

  private PcapReader(
      String name,
      ChannelInput in,
      Counters counters,
      boolean littleEndian,
      int magic,
      int linkType) {
    super(name, in, counters);
    this.littleEndian = littleEndian;
    this.fractionToNanos = magic == MAGIC_NANO ? 1 : 1000;
    this.recordHeaderBytes = magic == MAGIC_KUZNETZOV ? 24 : 16;
    this.linkType = linkType;
    addLinkType(linkType);
  }

  /** True for the four byte orders × resolutions (and Kuznetzov's) pcap magic numbers. */
  static boolean isMagic(int bigEndianMagic) {
    return magicOf(bigEndianMagic) != 0;
  }

  private static int magicOf(int m) {
    for (int known : new int[] {MAGIC_MICRO, MAGIC_NANO, MAGIC_KUZNETZOV}) {
      if (m == known || m == Integer.reverseBytes(known)) {
        return known;
      }
    }
    return 0;
  }

  /** Reads the file header; the input is positioned at a pcap magic number. */
  static PcapReader open(String name, ChannelInput in, Counters counters) throws IOException {
    if (!in.ensure(24)) {
      throw new CaptureFormatException(
          name, "pcap file header cut short (" + in.available() + " of 24 bytes)");
    }
    byte[] b = in.array();
    int p = in.pos();
    int raw = Bytes.i32(b, p);
    int magic = magicOf(raw);
    boolean le = raw != magic;
    int linkType = Bytes.i32(b, p + 20, le) & 0xFFFF; // upper bits hold FCS length flags
    in.advance(24);
    return new PcapReader(name, in, counters, le, magic, linkType);
  }

  @Override
  String format() {
    return "pcap";
  }

  @Override
  boolean next(PacketRecord record) throws IOException {
    int h = recordHeaderBytes;
    if (!in.ensure(h)) {
      return endOrDamage("file ends inside a record header");
    }
    byte[] b = in.array();
    int p = in.pos();
    long seconds = Bytes.u32(b, p, littleEndian);
    long fraction = Bytes.u32(b, p + 4, littleEndian);
    int captured = Bytes.i32(b, p + 8, littleEndian);
    int wire = Bytes.i32(b, p + 12, littleEndian);
    if (captured < 0 || captured > MAX_RECORD_BYTES) {
      damaged(in.offset(), "absurd record length " + Integer.toUnsignedString(captured));
      return false;
    }
    if (!in.ensure(h + captured)) {
      return endOrDamage("file ends inside a packet record");
    }
    b = in.array();
    p = in.pos();
    if (wire < captured) {
      counters.add(Anomaly.WIRE_SHORTER_THAN_CAPTURED);
      wire = captured;
    }
    record.set(
        b, p + h, captured, wire, seconds * 1_000_000_000L + fraction * fractionToNanos, linkType);
    in.advance(h + captured);
    return true;
  }
}

package io.ward.simulate;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/** A tiny classic-pcap reader for tests: checks the global header and splits records. */
final class PcapReader {

  /** One record: capture time and the frame. */
  record Packet(long epochMicros, byte[] frame) {
    long srcMac() {
      return mac(6);
    }

    long dstMac() {
      return mac(0);
    }

    private long mac(int off) {
      long v = 0;
      for (int i = 0; i < 6; i++) {
        v = (v << 8) | (frame[off + i] & 0xFF);
      }
      return v;
    }

    /** Offset of the layer-3 header (after an optional 802.1Q tag). */
    int l3() {
      return etherTypeAt12() == 0x8100 ? 18 : 14;
    }

    int etherType() {
      return u16(l3() - 2);
    }

    int vlan() {
      return etherTypeAt12() == 0x8100 ? u16(14) & 0x0FFF : 0;
    }

    private int etherTypeAt12() {
      return u16(12);
    }

    int u16(int off) {
      return ((frame[off] & 0xFF) << 8) | (frame[off + 1] & 0xFF);
    }

    int u8(int off) {
      return frame[off] & 0xFF;
    }
  }

  private PcapReader() {}

  /** Parses a whole file; throws AssertionError on any structural defect. */
  static List<Packet> read(byte[] file) {
    ByteBuffer b = ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN);
    check(file.length >= 24, "short global header");
    check(b.getInt(0) == 0xA1B2C3D4, "magic is not microsecond little-endian pcap");
    check(b.getShort(4) == 2 && b.getShort(6) == 4, "version is not 2.4");
    int snaplen = b.getInt(16);
    check(b.getInt(20) == 1, "link type is not Ethernet");
    List<Packet> out = new ArrayList<>();
    int p = 24;
    long last = Long.MIN_VALUE;
    while (p < file.length) {
      check(p + 16 <= file.length, "truncated record header at " + p);
      long sec = Integer.toUnsignedLong(b.getInt(p));
      long usec = Integer.toUnsignedLong(b.getInt(p + 4));
      int incl = b.getInt(p + 8);
      int orig = b.getInt(p + 12);
      check(usec < 1_000_000, "microseconds out of range");
      check(incl == orig && incl > 0 && incl <= snaplen, "bad record length " + incl);
      check(p + 16 + incl <= file.length, "truncated record at " + p);
      long t = sec * 1_000_000 + usec;
      check(t >= last, "records out of time order at " + p);
      last = t;
      byte[] frame = new byte[incl];
      System.arraycopy(file, p + 16, frame, 0, incl);
      out.add(new Packet(t, frame));
      p += 16 + incl;
    }
    return out;
  }

  /** True when the IPv4 header checksum of an IPv4 frame verifies. */
  static boolean ipv4ChecksumOk(Packet pk) {
    int o = pk.l3();
    int ihl = (pk.u8(o) & 0x0F) * 4;
    long sum = 0;
    for (int i = 0; i < ihl; i += 2) {
      sum += pk.u16(o + i);
    }
    while ((sum >>> 16) != 0) {
      sum = (sum & 0xFFFF) + (sum >>> 16);
    }
    return sum == 0xFFFF;
  }

  /** True when the TCP or UDP checksum of an IPv4 frame verifies (UDP zero means none). */
  static boolean l4ChecksumOk(Packet pk) {
    int o = pk.l3();
    int ihl = (pk.u8(o) & 0x0F) * 4;
    int total = pk.u16(o + 2);
    int proto = pk.u8(o + 9);
    int l4 = o + ihl;
    int len = total - ihl;
    if (proto == 17 && pk.u16(l4 + 6) == 0) {
      return true;
    }
    long sum = pk.u16(o + 12) + pk.u16(o + 14) + pk.u16(o + 16) + pk.u16(o + 18) + proto + len;
    for (int i = 0; i + 1 < len; i += 2) {
      sum += pk.u16(l4 + i);
    }
    if ((len & 1) != 0) {
      sum += pk.u8(l4 + len - 1) << 8;
    }
    while ((sum >>> 16) != 0) {
      sum = (sum & 0xFFFF) + (sum >>> 16);
    }
    return sum == 0xFFFF;
  }

  private static void check(boolean ok, String what) {
    if (!ok) {
      throw new AssertionError("pcap: " + what);
    }
  }
}

package io.ward.engine;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Classic pcap files for tests: Ethernet frames built here (IPv4 TCP segments, ARP replies), and an
 * Ethernet capture rewritten as raw IP, as a capture on a tun device or a firewall's export would
 * hold the same traffic.
 */
final class CraftedPcap {
  static final int LINKTYPE_ETHERNET = 1;
  static final int LINKTYPE_RAW = 101;

  private final List<byte[]> frames = new ArrayList<>();

  /** A TCP segment with {@code flags} (0x02 SYN, 0x12 SYN+ACK) between two hosts. */
  CraftedPcap tcp(
      long srcMac, String src, int srcPort, long dstMac, String dst, int dstPort, int flags) {
    ByteBuffer f = ByteBuffer.allocate(14 + 20 + 20);
    mac(f, dstMac);
    mac(f, srcMac);
    f.putShort((short) 0x0800);
    f.put((byte) 0x45).put((byte) 0).putShort((short) 40).putShort((short) 1).putShort((short) 0);
    f.put((byte) 64).put((byte) 6).putShort((short) 0).put(ipv4(src)).put(ipv4(dst));
    f.putShort((short) srcPort).putShort((short) dstPort).putInt(1).putInt(flags == 0x12 ? 2 : 0);
    f.put((byte) 0x50).put((byte) flags).putShort((short) 65535).putInt(0);
    frames.add(f.array());
    return this;
  }

  /** An ARP reply: {@code mac} holds {@code ip}. */
  CraftedPcap arpReply(long mac, String ip, long toMac, String toIp) {
    ByteBuffer f = ByteBuffer.allocate(14 + 28);
    mac(f, toMac);
    mac(f, mac);
    f.putShort((short) 0x0806);
    f.putShort((short) 1).putShort((short) 0x0800).put((byte) 6).put((byte) 4).putShort((short) 2);
    mac(f, mac);
    f.put(ipv4(ip));
    mac(f, toMac);
    f.put(ipv4(toIp));
    frames.add(f.array());
    return this;
  }

  /** Writes the Ethernet frames, one per millisecond from 2024-03-04. */
  Path write(Path file) throws IOException {
    return write(file, LINKTYPE_ETHERNET, frames);
  }

  /**
   * Rewrites the Ethernet capture {@code in} (classic pcap, either byte order) as raw IP: IPv4 and
   * IPv6 frames lose their Ethernet header and 802.1Q tags, other frames (ARP, LLDP) are dropped.
   */
  static Path rawIpFrom(Path in, Path out) throws IOException {
    ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(in)).order(ByteOrder.LITTLE_ENDIAN);
    if (b.getInt(0) != 0xA1B2C3D4 && b.getInt(0) != 0xA1B23C4D) {
      b.order(ByteOrder.BIG_ENDIAN);
    }
    List<byte[]> packets = new ArrayList<>();
    List<long[]> times = new ArrayList<>();
    for (int p = 24; p + 16 <= b.limit(); ) {
      int captured = b.getInt(p + 8);
      int o = p + 16 + 12;
      int type = u16(b, o);
      while (type == 0x8100 || type == 0x88A8) {
        o += 4;
        type = u16(b, o);
      }
      int start = o + 2;
      int end = p + 16 + captured;
      if ((type == 0x0800 || type == 0x86DD) && start < end) {
        byte[] ip = new byte[end - start];
        b.get(start, ip);
        packets.add(ip);
        times.add(
            new long[] {
              Integer.toUnsignedLong(b.getInt(p)), Integer.toUnsignedLong(b.getInt(p + 4))
            });
      }
      p = end;
    }
    int microsOrNanos = b.getInt(0) == 0xA1B23C4D ? 0xA1B23C4D : 0xA1B2C3D4;
    return write(out, LINKTYPE_RAW, packets, times, microsOrNanos);
  }

  private static Path write(Path file, int linkType, List<byte[]> frames) throws IOException {
    List<long[]> times = new ArrayList<>();
    for (int i = 0; i < frames.size(); i++) {
      times.add(new long[] {1_709_539_200L + i / 1000, (i % 1000) * 1000L});
    }
    return write(file, linkType, frames, times, 0xA1B2C3D4);
  }

  private static Path write(
      Path file, int linkType, List<byte[]> frames, List<long[]> times, int magic)
      throws IOException {
    int size = 24 + frames.stream().mapToInt(f -> 16 + f.length).sum();
    ByteBuffer out = ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
    out.putInt(magic).putShort((short) 2).putShort((short) 4).putInt(0).putInt(0);
    out.putInt(262_144).putInt(linkType);
    for (int i = 0; i < frames.size(); i++) {
      byte[] f = frames.get(i);
      out.putInt((int) times.get(i)[0]).putInt((int) times.get(i)[1]);
      out.putInt(f.length).putInt(f.length).put(f);
    }
    return Files.write(file, out.array());
  }

  /** A frame's 16-bit field, in network byte order whatever the file's. */
  private static int u16(ByteBuffer b, int offset) {
    return (b.get(offset) & 0xFF) << 8 | (b.get(offset + 1) & 0xFF);
  }

  private static void mac(ByteBuffer f, long mac) {
    for (int shift = 40; shift >= 0; shift -= 8) {
      f.put((byte) (mac >>> shift));
    }
  }

  private static byte[] ipv4(String dotted) {
    String[] p = dotted.split("\\.");
    byte[] out = new byte[4];
    for (int i = 0; i < 4; i++) {
      out[i] = (byte) Integer.parseInt(p[i]);
    }
    return out;
  }
}

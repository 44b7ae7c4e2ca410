package io.ward.simulate;

/**
 * Builds Ethernet frames (optionally 802.1Q tagged) carrying ARP, or IPv4 with UDP or TCP, with
 * correct lengths and checksums. The capture point is the access side of the core switch: a frame
 * is seen once, as its sender put it on the wire, so off-segment traffic goes to the router's MAC
 * and traffic from beyond the router comes from it.
 */
final class Frames {
  static final int TCP_FIN = 0x01;
  static final int TCP_SYN = 0x02;
  static final int TCP_RST = 0x04;
  static final int TCP_PSH = 0x08;
  static final int TCP_ACK = 0x10;

  static final long BROADCAST_MAC = 0xFFFF_FFFF_FFFFL;
  private static final int ETHERTYPE_IPV4 = 0x0800;
  private static final int ETHERTYPE_ARP = 0x0806;
  private static final int ETHERTYPE_VLAN = 0x8100;
  private static final int MIN_FRAME = 60; // IEEE 802.3 minimum without the FCS
  private static final int PROTO_TCP = 6;
  private static final int PROTO_UDP = 17;

  private final long routerMac;

  Frames(long routerMac) {
    this.routerMac = routerMac;
  }

  long routerMac() {
    return routerMac;
  }

  /** The destination MAC for a unicast frame from {@code src} to {@code dst}. */
  long nextHopMac(Host src, Host dst) {
    if (src.remote()) {
      return dst.mac();
    }
    if (dst.remote() || src.zone() != dst.zone()) {
      return routerMac;
    }
    return dst.mac();
  }

  private static int vlanOf(Host src, Host dst) {
    return src.remote() ? dst.vlan() : src.vlan();
  }

  /** The Ethernet multicast MAC of an IPv4 group address (RFC 1112 section 6.4). */
  static long multicastMac(int groupIp) {
    return 0x0100_5E00_0000L | (groupIp & 0x7F_FFFF);
  }

  /** A unicast UDP datagram. */
  byte[] udp(Host src, Host dst, int srcPort, int dstPort, int ipId, byte[] payload) {
    return udp(
        src.mac(),
        nextHopMac(src, dst),
        vlanOf(src, dst),
        src.ip(),
        dst.ip(),
        src.ttl(),
        srcPort,
        dstPort,
        ipId,
        payload);
  }

  /** A UDP datagram with explicit layer-2 and layer-3 addresses (broadcast, multicast, relay). */
  byte[] udp(
      long srcMac,
      long dstMac,
      int vlan,
      int srcIp,
      int dstIp,
      int ttl,
      int srcPort,
      int dstPort,
      int ipId,
      byte[] payload) {
    int udpLen = 8 + payload.length;
    int l2 = vlan == 0 ? 14 : 18;
    int total = l2 + 20 + udpLen;
    byte[] f = new byte[Math.max(MIN_FRAME, total)];
    int ip = ethernet(f, dstMac, srcMac, vlan, ETHERTYPE_IPV4);
    ipv4(f, ip, 20 + udpLen, ipId, ttl, PROTO_UDP, srcIp, dstIp, false);
    int u = ip + 20;
    put16(f, u, srcPort);
    put16(f, u + 2, dstPort);
    put16(f, u + 4, udpLen);
    System.arraycopy(payload, 0, f, u + 8, payload.length);
    int sum = l4Checksum(f, ip, u, udpLen, PROTO_UDP);
    put16(f, u + 6, sum == 0 ? 0xFFFF : sum); // RFC 768: a computed zero is sent as all ones
    return f;
  }

  /** A TCP segment carrying {@code len} bytes of {@code payload} from {@code off}. */
  byte[] tcp(
      Host src,
      Host dst,
      int srcPort,
      int dstPort,
      int ipId,
      long seq,
      long ack,
      int flags,
      int window,
      byte[] options,
      byte[] payload,
      int off,
      int len) {
    int optLen = (options.length + 3) & ~3;
    int tcpLen = 20 + optLen + len;
    int vlan = vlanOf(src, dst);
    int l2 = vlan == 0 ? 14 : 18;
    int total = l2 + 20 + tcpLen;
    byte[] f = new byte[Math.max(MIN_FRAME, total)];
    int ip = ethernet(f, nextHopMac(src, dst), src.mac(), vlan, ETHERTYPE_IPV4);
    ipv4(f, ip, 20 + tcpLen, ipId, src.ttl(), PROTO_TCP, src.ip(), dst.ip(), true);
    int t = ip + 20;
    put16(f, t, srcPort);
    put16(f, t + 2, dstPort);
    put32(f, t + 4, seq);
    put32(f, t + 8, (flags & TCP_ACK) != 0 ? ack : 0);
    f[t + 12] = (byte) (((20 + optLen) / 4) << 4);
    f[t + 13] = (byte) flags;
    put16(f, t + 14, window);
    System.arraycopy(options, 0, f, t + 20, options.length);
    for (int i = options.length; i < optLen; i++) {
      f[t + 20 + i] = 1; // NOP padding
    }
    if (len > 0) {
      System.arraycopy(payload, off, f, t + 20 + optLen, len);
    }
    put16(f, t + 16, l4Checksum(f, ip, t, tcpLen, PROTO_TCP));
    return f;
  }

  /** An ARP request or reply (RFC 826). */
  static byte[] arp(
      long srcMac,
      long dstMac,
      int vlan,
      int op,
      long senderMac,
      int senderIp,
      long targetMac,
      int targetIp) {
    byte[] f = new byte[MIN_FRAME];
    int a = ethernet(f, dstMac, srcMac, vlan, ETHERTYPE_ARP);
    put16(f, a, 1); // Ethernet
    put16(f, a + 2, ETHERTYPE_IPV4);
    f[a + 4] = 6;
    f[a + 5] = 4;
    put16(f, a + 6, op);
    putMac(f, a + 8, senderMac);
    put32(f, a + 14, senderIp);
    putMac(f, a + 18, targetMac);
    put32(f, a + 24, targetIp);
    return f;
  }

  private static int ethernet(byte[] f, long dstMac, long srcMac, int vlan, int etherType) {
    putMac(f, 0, dstMac);
    putMac(f, 6, srcMac);
    if (vlan == 0) {
      put16(f, 12, etherType);
      return 14;
    }
    put16(f, 12, ETHERTYPE_VLAN);
    put16(f, 14, vlan & 0x0FFF);
    put16(f, 16, etherType);
    return 18;
  }

  private static void ipv4(
      byte[] f,
      int p,
      int totalLen,
      int ipId,
      int ttl,
      int proto,
      int srcIp,
      int dstIp,
      boolean dontFragment) {
    f[p] = 0x45;
    put16(f, p + 2, totalLen);
    put16(f, p + 4, ipId);
    put16(f, p + 6, dontFragment ? 0x4000 : 0);
    f[p + 8] = (byte) ttl;
    f[p + 9] = (byte) proto;
    put32(f, p + 12, srcIp);
    put32(f, p + 16, dstIp);
    put16(f, p + 10, fold(sum(f, p, 20, 0)));
  }

  private static int l4Checksum(byte[] f, int ip, int l4, int l4Len, int proto) {
    long s = sum(f, ip + 12, 8, 0); // source and destination address
    s += proto + l4Len;
    s = sum(f, l4, l4Len, s);
    return fold(s);
  }

  private static long sum(byte[] f, int off, int len, long acc) {
    int i = off;
    int end = off + len - 1;
    while (i < end) {
      acc += ((f[i] & 0xFF) << 8) | (f[i + 1] & 0xFF);
      i += 2;
    }
    if ((len & 1) != 0) {
      acc += (f[off + len - 1] & 0xFF) << 8;
    }
    return acc;
  }

  private static int fold(long s) {
    while ((s >>> 16) != 0) {
      s = (s & 0xFFFF) + (s >>> 16);
    }
    return (int) (~s & 0xFFFF);
  }

  static void put16(byte[] f, int p, int v) {
    f[p] = (byte) (v >>> 8);
    f[p + 1] = (byte) v;
  }

  static void put32(byte[] f, int p, long v) {
    f[p] = (byte) (v >>> 24);
    f[p + 1] = (byte) (v >>> 16);
    f[p + 2] = (byte) (v >>> 8);
    f[p + 3] = (byte) v;
  }

  static void putMac(byte[] f, int p, long mac) {
    for (int i = 0; i < 6; i++) {
      f[p + i] = (byte) (mac >>> (40 - 8 * i));
    }
  }
}

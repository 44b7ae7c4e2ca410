package io.ward.capture;

/**
 * Decodes link, network and transport headers into a reused {@link Packet}. Every read is bounds
 * checked against the captured length; malformed headers are counted in {@link Counters} and the
 * packet reported as {@link #UNDECODABLE}, never thrown.
 */
final class PacketDecoder {
  /** Headers malformed, or a link type Ward does not decode. */
  static final int UNDECODABLE = 0;

  /** A layer-2 frame that is not IP (ARP, LLDP, CDP, others); {@code etherType} says which. */
  static final int LINK = 1;

  /** An IP fragment other than the first: addresses known, no transport header. */
  static final int FRAGMENT = 2;

  /** IP with transport ports (or a protocol without ports): belongs to a flow. */
  static final int FLOW = 3;

  static final int LINKTYPE_NULL = 0;
  static final int LINKTYPE_ETHERNET = 1;
  static final int LINKTYPE_RAW = 101;
  static final int LINKTYPE_LOOP = 108;
  static final int LINKTYPE_LINUX_SLL = 113;
  static final int LINKTYPE_IPV4 = 228;
  static final int LINKTYPE_IPV6 = 229;
  static final int LINKTYPE_LINUX_SLL2 = 276;

  /** DLT_RAW as written by some platforms' pcap files (12 on most, 14 on OpenBSD). */
  static final int DLT_RAW_12 = 12;

  static final int DLT_RAW_14 = 14;

  static final int ETHERTYPE_IPV4 = 0x0800;
  static final int ETHERTYPE_ARP = 0x0806;
  static final int ETHERTYPE_IPV6 = 0x86DD;
  static final int ETHERTYPE_LLDP = 0x88CC;
  private static final int ETHERTYPE_VLAN = 0x8100;
  private static final int ETHERTYPE_QINQ = 0x88A8;
  private static final int ETHERTYPE_QINQ_OLD = 0x9100;
  private static final int ETHERTYPE_QINQ_OLD2 = 0x9200;
  private static final int ETHERTYPE_MPLS = 0x8847;
  private static final int ETHERTYPE_MPLS_MULTICAST = 0x8848;
  private static final int ETHERTYPE_PPPOE_SESSION = 0x8864;
  private static final int MAX_VLAN_TAGS = 4;
  private static final int MAX_IPV6_EXT_HEADERS = 10;

  private static final int MAX_TUNNEL_DEPTH = 3;

  private final Counters counters;
  private int tunnelDepth;

  /**
   * The anomaly of the packet last decoded, counted only when {@link #commitAnomaly} says so: with
   * workers that each decode every packet of a file, only the packet's owner counts it. Decoding
   * stops at a packet's first damage, so a packet has at most one.
   */
  private Anomaly pending;

  PacketDecoder(Counters counters) {
    this.counters = counters;
  }

  /** Counts the anomaly of the packet last decoded, if it had one (once per packet, or never). */
  void commitAnomaly() {
    if (pending != null) {
      counters.add(pending);
      pending = null;
    }
  }

  private void anomaly(Anomaly a) {
    if (pending == null) {
      pending = a;
    }
  }

  /** Decodes {@code r} into {@code p}; returns {@link #UNDECODABLE}, {@link #LINK}, … */
  int decode(PacketRecord r, Packet p) {
    byte[] b = r.buf;
    int o = r.offset;
    int end = r.offset + r.capturedLength;
    p.reset(b);
    tunnelDepth = 0;
    pending = null;
    switch (r.linkType) {
      case LINKTYPE_ETHERNET:
        return ethernet(p, b, o, end);
      case LINKTYPE_LINUX_SLL:
        return sll(p, b, o, end);
      case LINKTYPE_LINUX_SLL2:
        return sll2(p, b, o, end);
      case LINKTYPE_RAW:
      case DLT_RAW_12:
      case DLT_RAW_14:
        return rawIp(p, b, o, end);
      case LINKTYPE_IPV4:
        return ipv4(p, b, o, end);
      case LINKTYPE_IPV6:
        return ipv6(p, b, o, end);
      case LINKTYPE_NULL:
      case LINKTYPE_LOOP:
        return loopback(p, b, o, end);
      default:
        anomaly(Anomaly.UNSUPPORTED_LINK_TYPE);
        return UNDECODABLE;
    }
  }

  private int ethernet(Packet p, byte[] b, int o, int end) {
    if (end - o < 14) {
      anomaly(Anomaly.LINK_TRUNCATED);
      return UNDECODABLE;
    }
    p.dstMac = macOrNone(b, o);
    p.srcMac = macOrNone(b, o + 6);
    return etherType(p, b, Bytes.u16(b, o + 12), o + 14, end);
  }

  /**
   * An all-zero MAC names no device (Linux loopback captures carry 00:00:00:00:00:00), so it is
   * treated as absent.
   */
  private static long macOrNone(byte[] b, int o) {
    long mac = Bytes.mac(b, o);
    return mac == 0 ? Packet.NO_MAC : mac;
  }

  /** Dispatches on an EtherType, after any 802.1Q/802.1ad tags. */
  private int etherType(Packet p, byte[] b, int type, int o, int end) {
    int tags = 0;
    while (type == ETHERTYPE_VLAN
        || type == ETHERTYPE_QINQ
        || type == ETHERTYPE_QINQ_OLD
        || type == ETHERTYPE_QINQ_OLD2) {
      if (++tags > MAX_VLAN_TAGS) {
        anomaly(Anomaly.VLAN_TOO_MANY_TAGS);
        return UNDECODABLE;
      }
      if (end - o < 4) {
        anomaly(Anomaly.VLAN_TRUNCATED);
        return UNDECODABLE;
      }
      // The innermost tag wins: with QinQ the outer (service) tag is the carrier's, the inner
      // (customer) tag is the hospital's VLAN.
      p.vlan = Bytes.u16(b, o) & 0x0FFF;
      type = Bytes.u16(b, o + 2);
      o += 4;
    }
    p.etherType = type;
    p.l3Offset = o;
    p.l3End = end;
    switch (type) {
      case ETHERTYPE_IPV4:
        return ipv4(p, b, o, end);
      case ETHERTYPE_IPV6:
        return ipv6(p, b, o, end);
      case ETHERTYPE_MPLS:
      case ETHERTYPE_MPLS_MULTICAST:
        return mpls(p, b, o, end);
      case ETHERTYPE_PPPOE_SESSION:
        return pppoe(p, b, o, end);
      default:
        if (type <= 1500) {
          // IEEE 802.3 length field: LLC follows. CDP is LLC/SNAP with OUI 00:00:0c, PID 0x2000.
          if (end - o >= 8
              && Bytes.u16(b, o) == 0xAAAA
              && b[o + 2] == 0x03
              && Bytes.u16(b, o + 3) == 0x0000
              && Bytes.u16(b, o + 5) == 0x0C20
              && b[o + 7] == 0x00) {
            p.cdp = true;
            p.l3Offset = o + 8;
          }
        }
        return LINK;
    }
  }

  /** RFC 3032: label stack entries until the bottom-of-stack bit, then IP by version nibble. */
  private int mpls(Packet p, byte[] b, int o, int end) {
    for (int i = 0; i < 8; i++) {
      if (end - o < 4) {
        anomaly(Anomaly.MPLS_TRUNCATED);
        return UNDECODABLE;
      }
      boolean bottom = (b[o + 2] & 0x01) != 0;
      o += 4;
      if (bottom) {
        return rawIp(p, b, o, end);
      }
    }
    anomaly(Anomaly.MPLS_TRUNCATED);
    return UNDECODABLE;
  }

  /** RFC 2516 session stage: 6-byte PPPoE header, then the 2-byte PPP protocol. */
  private int pppoe(Packet p, byte[] b, int o, int end) {
    if (end - o < 8) {
      anomaly(Anomaly.PPPOE_TRUNCATED);
      return UNDECODABLE;
    }
    int proto = Bytes.u16(b, o + 6);
    if (proto == 0x0021) {
      return ipv4(p, b, o + 8, end);
    }
    if (proto == 0x0057) {
      return ipv6(p, b, o + 8, end);
    }
    return LINK;
  }

  /** Linux cooked capture v1: 16-byte header, sender address only. */
  private int sll(Packet p, byte[] b, int o, int end) {
    if (end - o < 16) {
      anomaly(Anomaly.LINK_TRUNCATED);
      return UNDECODABLE;
    }
    int hatype = Bytes.u16(b, o + 2);
    int addrLen = Bytes.u16(b, o + 4);
    if (hatype == 1 && addrLen == 6) {
      p.srcMac = macOrNone(b, o + 6);
    }
    return cookedPayload(p, b, Bytes.u16(b, o + 14), o + 16, end);
  }

  /** Linux cooked capture v2: 20-byte header, protocol first. */
  private int sll2(Packet p, byte[] b, int o, int end) {
    if (end - o < 20) {
      anomaly(Anomaly.LINK_TRUNCATED);
      return UNDECODABLE;
    }
    int hatype = Bytes.u16(b, o + 8);
    int addrLen = b[o + 11] & 0xFF;
    if (hatype == 1 && addrLen == 6) {
      p.srcMac = macOrNone(b, o + 12);
    }
    return cookedPayload(p, b, Bytes.u16(b, o), o + 20, end);
  }

  private int cookedPayload(Packet p, byte[] b, int protocol, int o, int end) {
    // Values below 1536 are not EtherTypes here but Linux's ETH_P_802_2 and friends: no IP.
    if (protocol < 0x0600) {
      p.etherType = protocol;
      p.l3Offset = o;
      p.l3End = end;
      return LINK;
    }
    return etherType(p, b, protocol, o, end);
  }

  /** BSD loopback: a 4-byte address family in the capturing host's byte order, then IP. */
  private int loopback(Packet p, byte[] b, int o, int end) {
    if (end - o < 4) {
      anomaly(Anomaly.LINK_TRUNCATED);
      return UNDECODABLE;
    }
    return rawIp(p, b, o + 4, end);
  }

  private int rawIp(Packet p, byte[] b, int o, int end) {
    if (end - o < 1) {
      anomaly(Anomaly.LINK_TRUNCATED);
      return UNDECODABLE;
    }
    int version = (b[o] & 0xFF) >>> 4;
    if (version == 4) {
      return ipv4(p, b, o, end);
    }
    if (version == 6) {
      return ipv6(p, b, o, end);
    }
    anomaly(Anomaly.IP_BAD_VERSION);
    return UNDECODABLE;
  }

  private int ipv4(Packet p, byte[] b, int o, int end) {
    if (end - o < 20) {
      anomaly(Anomaly.IPV4_TRUNCATED);
      return UNDECODABLE;
    }
    int vihl = b[o] & 0xFF;
    if ((vihl >>> 4) != 4) {
      anomaly(Anomaly.IP_BAD_VERSION);
      return UNDECODABLE;
    }
    int ihl = (vihl & 0x0F) << 2;
    if (ihl < 20) {
      anomaly(Anomaly.IPV4_BAD_HEADER_LENGTH);
      return UNDECODABLE;
    }
    if (ihl > end - o) {
      anomaly(Anomaly.IPV4_TRUNCATED);
      return UNDECODABLE;
    }
    int total = Bytes.u16(b, o + 2);
    int wireEnd;
    if (total == 0) {
      // TCP segmentation offload leaves the total length zero in locally captured packets.
      wireEnd = end;
    } else if (total < ihl) {
      anomaly(Anomaly.IPV4_BAD_TOTAL_LENGTH);
      return UNDECODABLE;
    } else {
      wireEnd = o + total;
      if (wireEnd < end) {
        end = wireEnd; // Ethernet padding after a short datagram is not payload.
      }
    }
    p.ipVersion = 4;
    p.srcHigh = 0;
    p.srcLow = 0x0000_FFFF_0000_0000L | (Bytes.i32(b, o + 12) & 0xFFFF_FFFFL);
    p.dstHigh = 0;
    p.dstLow = 0x0000_FFFF_0000_0000L | (Bytes.i32(b, o + 16) & 0xFFFF_FFFFL);
    p.ipProto = b[o + 9] & 0xFF;
    int frag = Bytes.u16(b, o + 6);
    if ((frag & 0x3FFF) != 0) {
      p.fragment = true;
      if ((frag & 0x1FFF) != 0) {
        return FRAGMENT;
      }
    }
    return transport(p, b, o + ihl, end, wireEnd);
  }

  private int ipv6(Packet p, byte[] b, int o, int end) {
    if (end - o < 40) {
      anomaly(Anomaly.IPV6_TRUNCATED);
      return UNDECODABLE;
    }
    if (((b[o] & 0xFF) >>> 4) != 6) {
      anomaly(Anomaly.IP_BAD_VERSION);
      return UNDECODABLE;
    }
    int payload = Bytes.u16(b, o + 4);
    int wireEnd;
    if (payload == 0) {
      wireEnd = end; // jumbogram (RFC 2675) or offload: take what was captured
    } else {
      wireEnd = o + 40 + payload;
      if (wireEnd < end) {
        end = wireEnd;
      }
    }
    p.ipVersion = 6;
    p.srcHigh = Bytes.i64(b, o + 8);
    p.srcLow = Bytes.i64(b, o + 16);
    p.dstHigh = Bytes.i64(b, o + 24);
    p.dstLow = Bytes.i64(b, o + 32);
    int next = b[o + 6] & 0xFF;
    int off = o + 40;
    for (int i = 0; ; i++) {
      if (i > MAX_IPV6_EXT_HEADERS) {
        anomaly(Anomaly.IPV6_TOO_MANY_EXT_HEADERS);
        return UNDECODABLE;
      }
      int len;
      switch (next) {
        case 0: // hop-by-hop options, RFC 8200 §4.3
        case 43: // routing, §4.4
        case 60: // destination options, §4.6
        case 135: // mobility, RFC 6275
        case 139: // HIP, RFC 7401
        case 140: // shim6, RFC 5533
          if (end - off < 2) {
            anomaly(Anomaly.IPV6_EXT_HEADER_TRUNCATED);
            return UNDECODABLE;
          }
          len = ((b[off + 1] & 0xFF) + 1) << 3;
          break;
        case 51: // authentication header, RFC 4302 §2.2: length in 4-octet units minus 2
          if (end - off < 2) {
            anomaly(Anomaly.IPV6_EXT_HEADER_TRUNCATED);
            return UNDECODABLE;
          }
          len = ((b[off + 1] & 0xFF) + 2) << 2;
          break;
        case 44: // fragment, §4.5
          if (end - off < 8) {
            anomaly(Anomaly.IPV6_EXT_HEADER_TRUNCATED);
            return UNDECODABLE;
          }
          p.fragment = true;
          if ((Bytes.u16(b, off + 2) & 0xFFF8) != 0) {
            p.ipProto = b[off] & 0xFF;
            return FRAGMENT;
          }
          len = 8;
          break;
        default:
          p.ipProto = next;
          return transport(p, b, off, end, wireEnd);
      }
      if (end - off < len) {
        anomaly(Anomaly.IPV6_EXT_HEADER_TRUNCATED);
        return UNDECODABLE;
      }
      next = b[off] & 0xFF;
      off += len;
    }
  }

  private int transport(Packet p, byte[] b, int o, int end, int wireEnd) {
    switch (p.ipProto) {
      case Packet.PROTO_TCP:
        return tcp(p, b, o, end, wireEnd);
      case Packet.PROTO_UDP:
        return udp(p, b, o, end);
      case Packet.PROTO_ICMP:
      case Packet.PROTO_ICMPV6:
        if (end - o < 4) {
          anomaly(Anomaly.ICMP_TRUNCATED);
        }
        return FLOW;
      case 4: // IP in IP (RFC 2003)
      case 41: // IPv6 in IPv4/IPv6 (RFC 4213 6in4)
      case 47: // GRE (RFC 2784)
        return tunnel(p, b, o, end);
      default:
        return FLOW;
    }
  }

  /**
   * Decapsulates a tunnel so the flow is the inner conversation, as Wireshark and Zeek show it. The
   * outer layer-2 addresses belong to the tunnel's routers, not to the inner hosts, so they are
   * dropped.
   */
  private int tunnel(Packet p, byte[] b, int o, int end) {
    if (p.fragment || ++tunnelDepth > MAX_TUNNEL_DEPTH) {
      return FLOW; // a fragmented tunnel packet stays a flow between the tunnel endpoints
    }
    int proto = p.ipProto;
    int inner = o;
    int innerType;
    if (proto == 47) {
      if (end - o < 4) {
        return FLOW;
      }
      int flags = Bytes.u16(b, o);
      if ((flags & 0x0007) != 0) {
        return FLOW; // GRE version 1 (PPTP) carries PPP, not decoded
      }
      innerType = Bytes.u16(b, o + 2);
      inner =
          o
              + 4
              + ((flags & 0x8000) != 0 ? 4 : 0)
              + ((flags & 0x2000) != 0 ? 4 : 0)
              + ((flags & 0x1000) != 0 ? 4 : 0);
      if (innerType != ETHERTYPE_IPV4 && innerType != ETHERTYPE_IPV6) {
        return FLOW;
      }
    } else {
      innerType = proto == 4 ? ETHERTYPE_IPV4 : ETHERTYPE_IPV6;
    }
    if (inner >= end) {
      return FLOW;
    }
    p.srcMac = Packet.NO_MAC;
    p.dstMac = Packet.NO_MAC;
    return innerType == ETHERTYPE_IPV4 ? ipv4(p, b, inner, end) : ipv6(p, b, inner, end);
  }

  private int tcp(Packet p, byte[] b, int o, int end, int wireEnd) {
    if (end - o < 4) {
      anomaly(Anomaly.TCP_TRUNCATED);
      return UNDECODABLE;
    }
    p.srcPort = Bytes.u16(b, o);
    p.dstPort = Bytes.u16(b, o + 2);
    if (end - o < 20) {
      // Ports survive a short snap length; the rest of the header does not.
      anomaly(Anomaly.TCP_TRUNCATED);
      return FLOW;
    }
    p.seq = Bytes.i32(b, o + 4);
    p.tcpFlags = b[o + 13] & 0x3F;
    int dataOffset = ((b[o + 12] & 0xFF) >>> 4) << 2;
    if (dataOffset < 20) {
      anomaly(Anomaly.TCP_BAD_DATA_OFFSET);
      return FLOW;
    }
    if (dataOffset > end - o) {
      anomaly(Anomaly.TCP_TRUNCATED);
      return FLOW;
    }
    p.payloadOffset = o + dataOffset;
    p.payloadLength = end - p.payloadOffset;
    p.payloadWireLength = Math.max(p.payloadLength, wireEnd - p.payloadOffset);
    return FLOW;
  }

  private int udp(Packet p, byte[] b, int o, int end) {
    if (end - o < 4) {
      anomaly(Anomaly.UDP_TRUNCATED);
      return UNDECODABLE;
    }
    p.srcPort = Bytes.u16(b, o);
    p.dstPort = Bytes.u16(b, o + 2);
    if (end - o < 8) {
      anomaly(Anomaly.UDP_TRUNCATED);
      return FLOW;
    }
    int length = Bytes.u16(b, o + 4);
    p.payloadOffset = o + 8;
    int captured = end - p.payloadOffset;
    if (length < 8) {
      if (length != 0) {
        anomaly(Anomaly.UDP_BAD_LENGTH);
      }
      p.payloadLength = captured;
      p.payloadWireLength = captured;
      return FLOW;
    }
    p.payloadWireLength = length - 8;
    p.payloadLength = Math.min(captured, length - 8);
    if (length - 8 > captured && p.fragment) {
      p.payloadWireLength = p.payloadLength; // first fragment: the rest is in later fragments
    }
    return FLOW;
  }
}

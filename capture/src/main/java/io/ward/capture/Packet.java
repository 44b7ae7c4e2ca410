package io.ward.capture;

/**
 * The decoded headers of one packet as primitive fields, refilled for every packet by {@link
 * PacketDecoder} (one instance per thread, never one per packet).
 */
final class Packet {
  static final int PROTO_ICMP = 1;
  static final int PROTO_TCP = 6;
  static final int PROTO_UDP = 17;
  static final int PROTO_ICMPV6 = 58;

  static final int TCP_FIN = 0x01;
  static final int TCP_SYN = 0x02;
  static final int TCP_RST = 0x04;
  static final int TCP_ACK = 0x10;

  /** A MAC value meaning "no layer-2 address". */
  static final long NO_MAC = -1;

  byte[] buf;
  long srcMac;
  long dstMac;
  int vlan;
  int etherType;

  /** Offset of the layer-3 header (or of the LLC payload for CDP). */
  int l3Offset;

  /** End of the captured layer-3 bytes. */
  int l3End;

  boolean cdp;

  int ipVersion;
  long srcHigh;
  long srcLow;
  long dstHigh;
  long dstLow;
  int ipProto;
  boolean fragment;

  int srcPort;
  int dstPort;
  int tcpFlags;
  int seq;
  int payloadOffset;

  /** Payload bytes captured. */
  int payloadLength;

  /** Payload bytes on the wire per the headers (more than captured when the snap length cut it). */
  int payloadWireLength;

  void reset(byte[] buf) {
    this.buf = buf;
    srcMac = NO_MAC;
    dstMac = NO_MAC;
    vlan = 0;
    etherType = -1;
    cdp = false;
    ipVersion = 0;
    ipProto = -1;
    fragment = false;
    srcPort = 0;
    dstPort = 0;
    tcpFlags = 0;
    seq = 0;
    payloadOffset = 0;
    payloadLength = 0;
    payloadWireLength = 0;
  }
}

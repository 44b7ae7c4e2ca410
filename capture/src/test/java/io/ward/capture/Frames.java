package io.ward.capture;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Builds packets header by header, for tests that need exact, unusual or broken ones. */
final class Frames {
  static final long MAC_A = 0x0010_1800_0001L;
  static final long MAC_B = 0x0010_1800_0002L;
  static final int IP_A = 0x0A00_0001; // 10.0.0.1
  static final int IP_B = 0x0A00_0002; // 10.0.0.2

  private Frames() {}

  static byte[] concat(byte[]... parts) {
    int n = 0;
    for (byte[] p : parts) {
      n += p.length;
    }
    ByteBuffer b = ByteBuffer.allocate(n);
    for (byte[] p : parts) {
      b.put(p);
    }
    return b.array();
  }

  static byte[] eth(long dst, long src, int type, byte[] payload) {
    ByteBuffer b = ByteBuffer.allocate(14 + payload.length);
    b.putShort((short) (dst >>> 32))
        .putInt((int) dst)
        .putShort((short) (src >>> 32))
        .putInt((int) src);
    return b.putShort((short) type).put(payload).array();
  }

  /** Tags: pairs of (TPID, VLAN id), outermost first, then the EtherType. */
  static byte[] ethTagged(long dst, long src, int[] tags, int type, byte[] payload) {
    ByteBuffer b = ByteBuffer.allocate(12 + tags.length * 2 + 2 + payload.length);
    b.putShort((short) (dst >>> 32))
        .putInt((int) dst)
        .putShort((short) (src >>> 32))
        .putInt((int) src);
    for (int i = 0; i < tags.length; i += 2) {
      b.putShort((short) tags[i]).putShort((short) tags[i + 1]);
    }
    return b.putShort((short) type).put(payload).array();
  }

  static byte[] ipv4(int src, int dst, int proto, byte[] l4) {
    return ipv4(src, dst, proto, 0, l4);
  }

  /** IPv4 with the flags/fragment-offset field given (0x2000 = more fragments). */
  static byte[] ipv4(int src, int dst, int proto, int fragField, byte[] l4) {
    ByteBuffer b = ByteBuffer.allocate(20 + l4.length);
    b.put((byte) 0x45).put((byte) 0).putShort((short) (20 + l4.length));
    b.putShort((short) 1)
        .putShort((short) fragField)
        .put((byte) 64)
        .put((byte) proto)
        .putShort((short) 0);
    return b.putInt(src).putInt(dst).put(l4).array();
  }

  static byte[] ipv6(long srcLow, long dstLow, int next, byte[] rest) {
    ByteBuffer b = ByteBuffer.allocate(40 + rest.length);
    b.putInt(0x6000_0000).putShort((short) rest.length).put((byte) next).put((byte) 64);
    b.putLong(0x2001_0DB8_0000_0000L)
        .putLong(srcLow)
        .putLong(0x2001_0DB8_0000_0000L)
        .putLong(dstLow);
    return b.put(rest).array();
  }

  /** An IPv6 extension header of 8 bytes (hop-by-hop, destination options, routing). */
  static byte[] ext8(int next) {
    return new byte[] {(byte) next, 0, 0, 0, 0, 0, 0, 0};
  }

  static byte[] ipv6Fragment(int next, int offsetUnits, boolean more) {
    int field = (offsetUnits << 3) | (more ? 1 : 0);
    return new byte[] {(byte) next, 0, (byte) (field >>> 8), (byte) field, 0, 0, 0, 1};
  }

  static byte[] tcp(int sport, int dport, int seq, int flags, byte[] payload) {
    ByteBuffer b = ByteBuffer.allocate(20 + payload.length);
    b.putShort((short) sport).putShort((short) dport).putInt(seq).putInt(0);
    b.put((byte) 0x50).put((byte) flags).putShort((short) 65535).putInt(0);
    return b.put(payload).array();
  }

  static byte[] udp(int sport, int dport, byte[] payload) {
    ByteBuffer b = ByteBuffer.allocate(8 + payload.length);
    b.putShort((short) sport)
        .putShort((short) dport)
        .putShort((short) (8 + payload.length))
        .putShort((short) 0);
    return b.put(payload).array();
  }

  /** An Ethernet/IPv4/TCP frame from A to B or back. */
  static byte[] tcpFrame(boolean fromA, int aPort, int bPort, int seq, int flags, byte[] payload) {
    byte[] seg =
        fromA ? tcp(aPort, bPort, seq, flags, payload) : tcp(bPort, aPort, seq, flags, payload);
    byte[] ip = fromA ? ipv4(IP_A, IP_B, 6, seg) : ipv4(IP_B, IP_A, 6, seg);
    return fromA ? eth(MAC_B, MAC_A, 0x0800, ip) : eth(MAC_A, MAC_B, 0x0800, ip);
  }

  static byte[] udpFrame(boolean fromA, int aPort, int bPort, byte[] payload) {
    byte[] dgram = fromA ? udp(aPort, bPort, payload) : udp(bPort, aPort, payload);
    byte[] ip = fromA ? ipv4(IP_A, IP_B, 17, dgram) : ipv4(IP_B, IP_A, 17, dgram);
    return fromA ? eth(MAC_B, MAC_A, 0x0800, ip) : eth(MAC_A, MAC_B, 0x0800, ip);
  }

  /** A capture of Ethernet frames, one millisecond apart unless times are given. */
  static final class Capture {
    private final List<TestCaptures.Frame> frames = new ArrayList<>();
    private long nanos = 1_700_000_000_000_000_000L;

    Capture add(byte[] frame) {
      frames.add(new TestCaptures.Frame(1, nanos, frame));
      nanos += 1_000_000;
      return this;
    }

    Capture after(long seconds) {
      nanos += seconds * 1_000_000_000L;
      return this;
    }

    Path write(Path file) throws java.io.IOException {
      Files.write(file, TestCaptures.pcapBytes(1, false, true, frames));
      return file;
    }
  }
}

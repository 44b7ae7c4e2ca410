package io.ward.capture.dissect.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes small classic pcap files of Ethernet/IPv4/UDP datagrams, for protocols no public capture
 * in the test data carries (SSDP, unicast DNS, LLMNR): the same file then goes through Ward's
 * engine and through tshark.
 */
public final class SyntheticPcap {
  private final List<byte[]> frames = new ArrayList<>();

  /** Adds one datagram from {@code src}:{@code srcPort} to {@code dst}:{@code dstPort}. */
  public SyntheticPcap udp(String src, int srcPort, String dst, int dstPort, byte[] payload) {
    ByteBuffer f = ByteBuffer.allocate(14 + 20 + 8 + payload.length);
    byte[] srcIp = ip(src);
    byte[] dstIp = ip(dst);
    f.put(new byte[] {0x02, 0, 0, 0, 0, dstIp[3]});
    f.put(new byte[] {0x02, 0, 0, 0, 0, srcIp[3]});
    f.putShort((short) 0x0800);
    int total = 20 + 8 + payload.length;
    f.put((byte) 0x45)
        .put((byte) 0)
        .putShort((short) total)
        .putShort((short) 1)
        .putShort((short) 0);
    f.put((byte) 64).put((byte) 17).putShort((short) 0).put(srcIp).put(dstIp);
    int sum = 0;
    for (int i = 14; i < 34; i += 2) {
      sum += ((f.get(i) & 0xFF) << 8) | (f.get(i + 1) & 0xFF);
    }
    while ((sum >>> 16) != 0) {
      sum = (sum & 0xFFFF) + (sum >>> 16);
    }
    f.putShort(24, (short) ~sum);
    f.putShort((short) srcPort).putShort((short) dstPort).putShort((short) (8 + payload.length));
    f.putShort((short) 0).put(payload);
    frames.add(f.array());
    return this;
  }

  /** Writes the file (one frame per second from 2024-01-01) and returns its path. */
  public Path write(Path file) {
    ByteBuffer b =
        ByteBuffer.allocate(24 + frames.stream().mapToInt(x -> 16 + x.length).sum())
            .order(ByteOrder.LITTLE_ENDIAN);
    b.putInt(0xA1B2C3D4).putShort((short) 2).putShort((short) 4).putInt(0).putInt(0);
    b.putInt(65535).putInt(1);
    int second = 1_704_067_200;
    for (byte[] f : frames) {
      b.putInt(second++).putInt(0).putInt(f.length).putInt(f.length).put(f);
    }
    try {
      Files.write(file, b.array());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return file;
  }

  private static byte[] ip(String dotted) {
    String[] p = dotted.split("\\.");
    byte[] out = new byte[4];
    for (int i = 0; i < 4; i++) {
      out[i] = (byte) Integer.parseInt(p[i]);
    }
    return out;
  }
}

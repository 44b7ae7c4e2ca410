package io.ward.capture.dissect.testing;

import io.ward.model.IpAddress;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes a classic pcap (Ethernet, IPv4, TCP) of one conversation: three-way handshake, the given
 * payloads in order with correct sequence numbers and checksums, then FINs. For protocols that have
 * no public capture (ASTM, POCT1-A): the bytes follow the standards' message examples.
 */
public final class TcpPcapBuilder {

  private static final long START_NANOS = 1_700_000_000_000_000_000L;
  private static final int MSS = 1400;

  private final byte[] clientIp;
  private final byte[] serverIp;
  private final int clientPort;
  private final int serverPort;
  private final List<byte[]> frames = new ArrayList<>();
  private long clientSeq = 1000;
  private long serverSeq = 5000;

  /** A conversation between {@code clientIp:clientPort} and {@code serverIp:serverPort}. */
  public TcpPcapBuilder(String clientIp, int clientPort, String serverIp, int serverPort) {
    this.clientIp = v4(clientIp);
    this.serverIp = v4(serverIp);
    this.clientPort = clientPort;
    this.serverPort = serverPort;
    segment(true, 0x02, new byte[0]); // SYN
    clientSeq++;
    segment(false, 0x12, new byte[0]); // SYN ACK
    serverSeq++;
    segment(true, 0x10, new byte[0]); // ACK
  }

  /** Payload sent by the client, cut into MSS-sized segments. */
  public TcpPcapBuilder client(byte[] data) {
    return data(true, data);
  }

  /** Payload sent by the server. */
  public TcpPcapBuilder server(byte[] data) {
    return data(false, data);
  }

  /** The capture file bytes, ending with FIN from both sides. */
  public byte[] build() {
    segment(true, 0x11, new byte[0]);
    clientSeq++;
    segment(false, 0x11, new byte[0]);
    serverSeq++;
    segment(true, 0x10, new byte[0]);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteBuffer header = ByteBuffer.allocate(24).order(ByteOrder.LITTLE_ENDIAN);
    header.putInt(0xA1B2C3D4).putShort((short) 2).putShort((short) 4).putInt(0).putInt(0);
    header.putInt(65535).putInt(1);
    out.writeBytes(header.array());
    long t = START_NANOS;
    for (byte[] f : frames) {
      ByteBuffer rec = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN);
      rec.putInt((int) (t / 1_000_000_000L)).putInt((int) (t % 1_000_000_000L / 1000));
      rec.putInt(f.length).putInt(f.length);
      out.writeBytes(rec.array());
      out.writeBytes(f);
      t += 1_000_000L;
    }
    return out.toByteArray();
  }

  /** Writes {@link #build()} to {@code file} and returns it. */
  public Path write(Path file) {
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      Files.write(file, build());
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private TcpPcapBuilder data(boolean fromClient, byte[] data) {
    for (int p = 0; p < data.length; p += MSS) {
      byte[] chunk = java.util.Arrays.copyOfRange(data, p, Math.min(data.length, p + MSS));
      segment(fromClient, 0x18, chunk); // PSH ACK
      if (fromClient) {
        clientSeq += chunk.length;
      } else {
        serverSeq += chunk.length;
      }
    }
    return this;
  }

  private void segment(boolean fromClient, int flags, byte[] payload) {
    byte[] src = fromClient ? clientIp : serverIp;
    byte[] dst = fromClient ? serverIp : clientIp;
    int sport = fromClient ? clientPort : serverPort;
    int dport = fromClient ? serverPort : clientPort;
    long seq = fromClient ? clientSeq : serverSeq;
    long ack = (flags & 0x10) != 0 ? (fromClient ? serverSeq : clientSeq) : 0;
    ByteBuffer tcp = ByteBuffer.allocate(20 + payload.length);
    tcp.putShort((short) sport).putShort((short) dport).putInt((int) seq).putInt((int) ack);
    tcp.put((byte) 0x50).put((byte) flags).putShort((short) 65535).putShort((short) 0);
    tcp.putShort((short) 0).put(payload);
    byte[] t = tcp.array();
    ByteBuffer pseudo = ByteBuffer.allocate(12 + t.length);
    pseudo.put(src).put(dst).put((byte) 0).put((byte) 6).putShort((short) t.length).put(t);
    int sum = checksum(pseudo.array());
    t[16] = (byte) (sum >>> 8);
    t[17] = (byte) sum;
    ByteBuffer ip = ByteBuffer.allocate(20);
    ip.put((byte) 0x45)
        .put((byte) 0)
        .putShort((short) (20 + t.length))
        .putShort((short) frames.size());
    ip.putShort((short) 0x4000).put((byte) 64).put((byte) 6).putShort((short) 0).put(src).put(dst);
    byte[] iph = ip.array();
    int ipsum = checksum(iph);
    iph[10] = (byte) (ipsum >>> 8);
    iph[11] = (byte) ipsum;
    ByteBuffer eth = ByteBuffer.allocate(14 + 20 + t.length);
    eth.put(mac(dst[3])).put(mac(src[3])).putShort((short) 0x0800).put(iph).put(t);
    frames.add(eth.array());
  }

  private static byte[] mac(byte last) {
    return new byte[] {0x02, 0, 0, 0, 0, last};
  }

  private static int checksum(byte[] b) {
    long sum = 0;
    for (int i = 0; i + 1 < b.length; i += 2) {
      sum += ((b[i] & 0xFF) << 8) | (b[i + 1] & 0xFF);
    }
    if (b.length % 2 == 1) {
      sum += (b[b.length - 1] & 0xFF) << 8;
    }
    while ((sum >>> 16) != 0) {
      sum = (sum & 0xFFFF) + (sum >>> 16);
    }
    return (int) (~sum & 0xFFFF);
  }

  private static byte[] v4(String text) {
    IpAddress ip = IpAddress.parse(text);
    long low = ip.low();
    return new byte[] {(byte) (low >>> 24), (byte) (low >>> 16), (byte) (low >>> 8), (byte) low};
  }
}

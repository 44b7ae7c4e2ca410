package io.ward.bench;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The "plain Java header walk with a flow table": less work per packet than any decoder of
 * a pcap file does, timed as a process beside Ward and its peers (JVM start included) so that the
 * report shows what a simple single-threaded Java program reaches on this machine and file. It
 * reads the file in large blocks, walks the Ethernet (with 802.1Q/QinQ tags), IPv4/IPv6 and TCP/UDP
 * headers of each record, and counts packets and bytes per bidirectional flow in an open-addressing
 * table of primitive arrays. No protocol is dissected, nothing is allocated per packet, and there
 * is no output but three counts (printed so the work cannot be optimised away). IPv4 keys are
 * exact; IPv6 addresses are folded to 64 bits, whose collisions are negligible at a benchmark's
 * flow counts and do not change the amount of work.
 *
 * <p>Usage: {@code java -cp ward-bench.jar io.ward.bench.HeaderWalk FILE.pcap}
 */
public final class HeaderWalk {

  private static final int DEFAULT_BLOCK = 8 << 20;
  private static final int ETHERNET = 1;

  /** Bytes read at a time. */
  private final int block;

  private long[] keyHosts = new long[1 << 16];
  private long[] keyPorts = new long[1 << 16];
  private long[] packets = new long[1 << 16];
  private long[] bytes = new long[1 << 16];
  private boolean[] used = new boolean[1 << 16];
  private int flows;
  private long totalPackets;
  private long undecoded;

  HeaderWalk(int block) {
    this.block = block;
  }

  public static void main(String[] args) throws IOException {
    if (args.length != 1) {
      System.err.println("usage: HeaderWalk FILE.pcap");
      System.exit(2);
    }
    try {
      walk(Path.of(args[0]));
    } catch (IOException e) {
      // One line naming the file, as Ward's own commands report bad input.
      String why = e instanceof NoSuchFileException ? args[0] + ": no such file" : e.getMessage();
      System.err.println("HeaderWalk: " + why);
      System.exit(3);
    }
  }

  /** Walks {@code file} and prints its packet, flow and flowless packet counts on one line. */
  static void walk(Path file) throws IOException {
    walk(file, DEFAULT_BLOCK);
  }

  /** {@link #walk(Path)} reading {@code block} bytes at a time (small blocks, for tests). */
  static void walk(Path file, int block) throws IOException {
    HeaderWalk walk = new HeaderWalk(block);
    walk.read(file);
    System.out.println(
        walk.totalPackets
            + " packets, "
            + walk.flows
            + " flows, "
            + walk.undecoded
            + " without a flow ("
            + file
            + ")");
  }

  private void read(Path file) throws IOException {
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      ByteBuffer buf = ByteBuffer.allocate(block);
      fill(ch, buf);
      byte[] b = buf.array();
      if (buf.limit() < 24) {
        throw new IOException(file + ": not a pcap file (shorter than its header)");
      }
      int magic = i32le(b, 0);
      boolean little;
      if (magic == 0xa1b2c3d4 || magic == 0xa1b23c4d) {
        little = true;
      } else if (Integer.reverseBytes(magic) == 0xa1b2c3d4
          || Integer.reverseBytes(magic) == 0xa1b23c4d) {
        little = false;
      } else {
        throw new IOException(
            file + ": not a pcap file (magic " + Integer.toHexString(magic) + ")");
      }
      int linkType = i32(b, 20, little);
      int pos = 24;
      while (true) {
        int limit = buf.limit();
        while (pos + 16 <= limit) {
          int caplen = i32(b, pos + 8, little);
          int origLen = i32(b, pos + 12, little);
          if (caplen < 0 || caplen > block - 16) {
            throw new IOException(file + ": bad record length " + caplen);
          }
          if (pos + 16 + caplen > limit) {
            break;
          }
          totalPackets++;
          if (linkType == ETHERNET) {
            ethernet(b, pos + 16, pos + 16 + caplen, origLen);
          } else {
            undecoded++;
          }
          pos += 16 + caplen;
        }
        // Keep the partial record and read on after it.
        buf.position(pos);
        buf.compact();
        int before = buf.position();
        int read = fillFrom(ch, buf);
        if (read <= 0 && buf.position() == before) {
          return;
        }
        buf.flip();
        pos = 0;
      }
    }
  }

  private static void fill(FileChannel ch, ByteBuffer buf) throws IOException {
    fillFrom(ch, buf);
    buf.flip();
  }

  private static int fillFrom(FileChannel ch, ByteBuffer buf) throws IOException {
    int total = 0;
    while (buf.hasRemaining()) {
      int n = ch.read(buf);
      if (n < 0) {
        break;
      }
      total += n;
    }
    return total;
  }

  private void ethernet(byte[] b, int at, int end, int wireLength) {
    if (end - at < 14) {
      undecoded++;
      return;
    }
    int type = u16(b, at + 12);
    int p = at + 14;
    while ((type == 0x8100 || type == 0x88a8) && p + 4 <= end) {
      type = u16(b, p + 2);
      p += 4;
    }
    if (type == 0x0800) {
      ipv4(b, p, end, wireLength);
    } else if (type == 0x86dd) {
      ipv6(b, p, end, wireLength);
    } else {
      undecoded++;
    }
  }

  private void ipv4(byte[] b, int at, int end, int wireLength) {
    if (end - at < 20) {
      undecoded++;
      return;
    }
    int ihl = (b[at] & 0x0f) * 4;
    if ((b[at] & 0xf0) != 0x40 || ihl < 20) {
      undecoded++;
      return;
    }
    int proto = b[at + 9] & 0xff;
    boolean laterFragment = (u16(b, at + 6) & 0x1fff) != 0;
    long src = i32(b, at + 12, false) & 0xffffffffL;
    long dst = i32(b, at + 16, false) & 0xffffffffL;
    transport(b, at + ihl, end, proto, laterFragment, true, src, dst, wireLength);
  }

  private void ipv6(byte[] b, int at, int end, int wireLength) {
    if (end - at < 40) {
      undecoded++;
      return;
    }
    int proto = b[at + 6] & 0xff;
    long src = fold(b, at + 8);
    long dst = fold(b, at + 24);
    transport(b, at + 40, end, proto, false, false, src, dst, wireLength);
  }

  private static long fold(byte[] b, int at) {
    return (i64(b, at) * 0x9E3779B97F4A7C15L) ^ i64(b, at + 8);
  }

  private void transport(
      byte[] b,
      int at,
      int end,
      int proto,
      boolean laterFragment,
      boolean ipv4,
      long src,
      long dst,
      int wireLength) {
    int sport = 0;
    int dport = 0;
    if ((proto == 6 || proto == 17) && !laterFragment && at + 4 <= end) {
      sport = u16(b, at);
      dport = u16(b, at + 2);
    }
    // One key for both directions: the lower endpoint first.
    boolean srcFirst = src < dst || (src == dst && sport <= dport);
    long lo = srcFirst ? src : dst;
    long hi = srcFirst ? dst : src;
    // Two IPv4 addresses fit the key exactly; two folded IPv6 addresses are mixed.
    long hosts = ipv4 ? (lo << 32) | hi : lo * 0x9E3779B97F4A7C15L + Long.rotateLeft(hi, 31);
    long ports =
        ((long) proto << 32)
            | (srcFirst ? ((long) sport << 16) | dport : ((long) dport << 16) | sport);
    count(hosts, ports, wireLength);
  }

  /** The start slot in a table of {@code mask + 1} slots: the top bits of a multiplicative hash. */
  private static int slot(long hosts, long ports, int mask) {
    long h = (hosts ^ Long.rotateLeft(ports, 23)) * 0x9E3779B97F4A7C15L;
    return (int) (h >>> (64 - Integer.bitCount(mask)));
  }

  private void count(long hosts, long ports, int wireLength) {
    int mask = used.length - 1;
    int i = slot(hosts, ports, mask);
    while (used[i]) {
      if (keyHosts[i] == hosts && keyPorts[i] == ports) {
        packets[i]++;
        bytes[i] += wireLength;
        return;
      }
      i = (i + 1) & mask;
    }
    used[i] = true;
    keyHosts[i] = hosts;
    keyPorts[i] = ports;
    packets[i] = 1;
    bytes[i] = wireLength;
    if (++flows * 2 > used.length) {
      grow();
    }
  }

  private void grow() {
    long[] oldHosts = keyHosts;
    long[] oldPorts = keyPorts;
    long[] oldPackets = packets;
    long[] oldBytes = bytes;
    boolean[] oldUsed = used;
    int n = oldUsed.length * 2;
    keyHosts = new long[n];
    keyPorts = new long[n];
    packets = new long[n];
    bytes = new long[n];
    used = new boolean[n];
    int mask = n - 1;
    for (int j = 0; j < oldUsed.length; j++) {
      if (oldUsed[j]) {
        long hosts = oldHosts[j];
        long ports = oldPorts[j];
        int i = slot(hosts, ports, mask);
        while (used[i]) {
          i = (i + 1) & mask;
        }
        used[i] = true;
        keyHosts[i] = hosts;
        keyPorts[i] = ports;
        packets[i] = oldPackets[j];
        bytes[i] = oldBytes[j];
      }
    }
  }

  private static int u16(byte[] b, int at) {
    return ((b[at] & 0xff) << 8) | (b[at + 1] & 0xff);
  }

  private static int i32le(byte[] b, int at) {
    return (b[at] & 0xff)
        | ((b[at + 1] & 0xff) << 8)
        | ((b[at + 2] & 0xff) << 16)
        | ((b[at + 3] & 0xff) << 24);
  }

  private static int i32(byte[] b, int at, boolean little) {
    int v = i32le(b, at);
    return little ? v : Integer.reverseBytes(v);
  }

  private static long i64(byte[] b, int at) {
    return ((long) i32(b, at, false) << 32) | (i32(b, at + 4, false) & 0xffffffffL);
  }
}

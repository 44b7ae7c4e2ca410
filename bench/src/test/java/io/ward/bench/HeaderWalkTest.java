package io.ward.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The header walk counts what tshark counts on a real capture: every packet, and one flow per
 * bidirectional address and port pair.
 */
class HeaderWalkTest {

  @TempDir Path tmp;

  @ParameterizedTest
  @ValueSource(strings = {"pcaps/zeek/ftp_bruteforce.pcap", "pcaps/zeek/dns_mdns.pcap"})
  void shouldCountThePacketsAndBidirectionalFlowsTsharkSeesInARealCapture(String relative)
      throws Exception {
    assumeTrue(installed("tshark") && installed("editcap"), "tshark and editcap are installed");
    Path capture = realCapture(relative);
    Path pcap = tmp.resolve("c.pcap");
    run("editcap", "-F", "pcap", capture.toString(), pcap.toString());
    List<String> rows =
        run(
            "tshark",
            "-r",
            pcap.toString(),
            "-T",
            "fields",
            "-E",
            "separator=|",
            "-e",
            "ip.src",
            "-e",
            "ip.dst",
            "-e",
            "ip.proto",
            "-e",
            "ipv6.src",
            "-e",
            "ipv6.dst",
            "-e",
            "ipv6.nxt",
            "-e",
            "tcp.srcport",
            "-e",
            "tcp.dstport",
            "-e",
            "udp.srcport",
            "-e",
            "udp.dstport");
    Set<String> flows = new TreeSet<>();
    long withoutFlow = 0;
    for (String row : rows) {
      String[] f = row.split("\\|", -1);
      int ip = f[0].isEmpty() ? 3 : 0; // IPv4 columns, else IPv6 (the walk reads the fixed header)
      if (f[ip].isEmpty()) {
        withoutFlow++;
        continue;
      }
      String sport = f[6].isEmpty() ? f[8] : f[6];
      String dport = f[7].isEmpty() ? f[9] : f[7];
      String a = f[ip] + ":" + sport;
      String b = f[ip + 1] + ":" + dport;
      flows.add(f[ip + 2] + " " + (a.compareTo(b) <= 0 ? a + " " + b : b + " " + a));
    }

    String out = walk(pcap);

    assertThat(out)
        .startsWith(
            rows.size()
                + " packets, "
                + flows.size()
                + " flows, "
                + withoutFlow
                + " without a flow");
  }

  /**
   * Every byte order and timestamp resolution, read in blocks smaller than two records so that
   * records span blocks, with a truncated last record: two directions of one TCP flow, a VLAN and a
   * QinQ packet of one UDP flow, IPv4 options in one direction only, IPv6, ARP and a bad IPv4
   * header.
   */
  @ParameterizedTest
  @ValueSource(strings = {"le-us", "be-us", "le-ns", "be-ns"})
  void shouldWalkEveryByteOrderAndResolutionAcrossBlocks(String format) throws Exception {
    boolean bigEndian = format.startsWith("be");
    boolean nanos = format.endsWith("ns");
    List<byte[]> frames =
        List.of(
            ipv4(new int[0], 5, 10_000_001, 10_000_002, 6, 1000, 80),
            ipv4(new int[0], 5, 10_000_002, 10_000_001, 6, 80, 1000),
            ipv4(new int[] {0x8100}, 5, 10_000_003, 10_000_004, 17, 53, 5353),
            ipv4(new int[] {0x88a8, 0x8100}, 5, 10_000_004, 10_000_003, 17, 5353, 53),
            ipv4(new int[0], 6, 10_000_005, 10_000_006, 6, 2000, 443),
            ipv4(new int[0], 5, 10_000_006, 10_000_005, 6, 443, 2000),
            ipv6Udp(5000, 6000),
            arp(),
            ipv4(new int[0], 4, 10_000_007, 10_000_008, 6, 1, 2));
    Path pcap = tmp.resolve(format + ".pcap");
    Files.write(pcap, pcap(bigEndian, nanos, frames, /* truncatedTail= */ true));

    for (int block : new int[] {150, 8 << 20}) {
      assertThat(walk(pcap, block))
          .as("block of %d bytes", block)
          .startsWith("9 packets, 4 flows, 2 without a flow");
    }
  }

  @Test
  void shouldKeepEveryFlowApartWhenTheTableGrows() throws Exception {
    List<byte[]> frames = new ArrayList<>();
    int flows = 40_000;
    for (int i = 0; i < flows; i++) {
      // Neighbouring addresses with the same ports: the pairs a weak key would merge.
      frames.add(ipv4(new int[0], 5, 0x0a000000 + i, 0x0b000000 - 31 * i, 17, 7000, 7000));
      frames.add(ipv4(new int[0], 5, 0x0b000000 - 31 * i, 0x0a000000 + i, 17, 7000, 7000));
    }
    Path pcap = tmp.resolve("many.pcap");
    Files.write(pcap, pcap(false, false, frames, false));

    assertThat(walk(pcap, 4096)).startsWith((2 * flows) + " packets, " + flows + " flows, 0 ");
  }

  private static byte[] ipv4(
      int[] tags, int ihlWords, int src, int dst, int proto, int sp, int dp) {
    ByteBuffer b = ByteBuffer.allocate(14 + 4 * tags.length + Math.max(20, 4 * ihlWords) + 8);
    b.put(new byte[12]); // destination and source MAC
    for (int tag : tags) {
      b.putShort((short) tag).putShort((short) 100);
    }
    b.putShort((short) 0x0800);
    b.put((byte) (0x40 | ihlWords)).put((byte) 0).putShort((short) (4 * ihlWords + 8));
    b.putInt(0).put((byte) 64).put((byte) proto).putShort((short) 0);
    b.putInt(src).putInt(dst);
    b.put(new byte[Math.max(0, 4 * ihlWords - 20)]); // options
    b.putShort((short) sp).putShort((short) dp).putInt(0);
    return b.array();
  }

  private static byte[] ipv6Udp(int sp, int dp) {
    ByteBuffer b = ByteBuffer.allocate(14 + 40 + 8);
    b.put(new byte[12]).putShort((short) 0x86dd);
    b.putInt(0x60000000).putShort((short) 8).put((byte) 17).put((byte) 64);
    b.put(new byte[15]).put((byte) 1).put(new byte[15]).put((byte) 2);
    b.putShort((short) sp).putShort((short) dp).putInt(0);
    return b.array();
  }

  private static byte[] arp() {
    ByteBuffer b = ByteBuffer.allocate(14 + 28);
    b.put(new byte[12]).putShort((short) 0x0806);
    return b.array();
  }

  /** A pcap file of {@code frames}; the truncated tail is a record header with half its bytes. */
  private static byte[] pcap(
      boolean bigEndian, boolean nanos, List<byte[]> frames, boolean truncatedTail) {
    int size = 24 + frames.stream().mapToInt(f -> 16 + f.length).sum() + (truncatedTail ? 26 : 0);
    ByteBuffer b = ByteBuffer.allocate(size);
    b.order(bigEndian ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
    b.putInt(nanos ? 0xa1b23c4d : 0xa1b2c3d4).putShort((short) 2).putShort((short) 4);
    b.putInt(0).putInt(0).putInt(65535).putInt(1);
    int t = 0;
    for (byte[] f : frames) {
      b.putInt(1_700_000_000).putInt(t++).putInt(f.length).putInt(f.length).put(f);
    }
    if (truncatedTail) {
      b.putInt(1_700_000_000).putInt(t).putInt(20).putInt(20).put(new byte[10]);
    }
    return b.array();
  }

  @Test
  void shouldRefuseAFileThatIsNotAPcap() throws Exception {
    Path text = Files.writeString(tmp.resolve("notes.txt"), "this is not a capture, not at all\n");
    assertThatThrownBy(() -> walk(text))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("notes.txt")
        .hasMessageContaining("not a pcap file");
  }

  private static boolean installed(String tool) {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
      if (Files.isExecutable(Path.of(dir, tool))) {
        return true;
      }
    }
    return false;
  }

  private static Path realCapture(String relative) {
    String dir = System.getenv("WARD_TESTDATA");
    Path base = dir == null ? Path.of("../../shared/data") : Path.of(dir);
    Path p = base.resolve(relative);
    assertThat(p).as("test data (set WARD_TESTDATA)").exists();
    return p;
  }

  private static String walk(Path pcap) throws IOException {
    return walk(pcap, 8 << 20);
  }

  private static String walk(Path pcap, int block) throws IOException {
    PrintStream old = System.out;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
      HeaderWalk.walk(pcap, block);
    } finally {
      System.setOut(old);
    }
    return out.toString(StandardCharsets.UTF_8);
  }

  private List<String> run(String... command) throws Exception {
    Process p =
        new ProcessBuilder(command)
            .redirectError(ProcessBuilder.Redirect.DISCARD)
            .redirectOutput(tmp.resolve("out.txt").toFile())
            .start();
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(String.join(" ", command)).isZero();
    return Files.readAllLines(tmp.resolve("out.txt"));
  }
}

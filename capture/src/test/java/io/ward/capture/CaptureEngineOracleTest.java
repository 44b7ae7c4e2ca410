package io.ward.capture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.ward.model.Flow;
import io.ward.model.Transport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Compares Ward's packet counts, flow counts and per-flow packets/bytes with tshark's on real
 * captures (pcap and pcapng, Ethernet, BSD loopback, Linux loopback-as-Ethernet, VLAN, IPv6, 6in4)
 * and on link-type variants crafted from them (Linux cooked v1/v2, raw IP, QinQ).
 */
class CaptureEngineOracleTest {
  /** Long enough that nothing expires: tshark keys conversations over the whole capture. */
  private static final CaptureOptions NO_EXPIRY =
      CaptureOptions.defaults().withFlowIdleTimeoutNanos(Long.MAX_VALUE / 4);

  @TempDir static Path tmp;

  @BeforeAll
  static void needsTshark() {
    assumeTrue(TestCaptures.hasTool("tshark"), "tshark is not installed");
  }

  static Stream<Arguments> realCaptures() {
    return Stream.of(
            "ndpi/hl7.pcap",
            "ndpi/syslog.pcap",
            "ndpi/netbios.pcap",
            "ndpi/rdp.pcap",
            "ndpi/snmp.pcap",
            "zeek/ftp_bruteforce.pcap",
            "zeek/dns_mdns.pcap",
            "arkime/tls13.pcap",
            "arkime/wireshark-dhcpv6.pcap",
            "dcmtk-loopback-generated/dicom_dcmtk_loopback.pcapng",
            "ndpi/tls_malicious_sha1.pcapng")
        .map(name -> Arguments.of(name, TestCaptures.pcap(name)));
  }

  /** TCP and UDP conversations per tshark's conv tables, where those key by 5-tuple alone. */
  static Stream<Arguments> conversationCaptures() {
    return Stream.of(
            "ndpi/hl7.pcap",
            "ndpi/netbios.pcap",
            "ndpi/rdp.pcap",
            "zeek/ftp_bruteforce.pcap",
            "zeek/dns_mdns.pcap",
            "arkime/wireshark-dhcpv6.pcap",
            "dcmtk-loopback-generated/dicom_dcmtk_loopback.pcapng")
        .map(name -> Arguments.of(name, TestCaptures.pcap(name)));
  }

  static Stream<Arguments> craftedCaptures() throws IOException {
    List<TestCaptures.Frame> eth = TestCaptures.frames(TestCaptures.pcap("ndpi/hl7.pcap"));
    eth = new ArrayList<>(eth);
    eth.addAll(TestCaptures.frames(TestCaptures.pcap("arkime/tls13.pcap"))); // IPv6
    List<Arguments> out = new ArrayList<>();
    out.add(crafted("sll.pcap", 113, eth, CaptureEngineOracleTest::toSll));
    out.add(crafted("sll2.pcap", 276, eth, CaptureEngineOracleTest::toSll2));
    out.add(crafted("raw.pcap", 101, eth, f -> java.util.Arrays.copyOfRange(f, 14, f.length)));
    out.add(crafted("qinq.pcap", 1, eth, CaptureEngineOracleTest::toQinq));
    return out.stream();
  }

  private static Arguments crafted(
      String name,
      int linkType,
      List<TestCaptures.Frame> frames,
      java.util.function.UnaryOperator<byte[]> convert)
      throws IOException {
    List<TestCaptures.Frame> converted = new ArrayList<>();
    for (TestCaptures.Frame f : frames) {
      converted.add(new TestCaptures.Frame(linkType, f.epochNanos(), convert.apply(f.bytes())));
    }
    Path file = tmp.resolve(name);
    Files.write(file, TestCaptures.pcapBytes(linkType, false, false, converted));
    return Arguments.of(name, file);
  }

  /** Linux cooked v1: packet type, ARPHRD_ETHER, address length 6, source MAC, EtherType. */
  static byte[] toSll(byte[] eth) {
    byte[] out = new byte[eth.length + 2];
    out[1] = 0; // to us
    out[3] = 1;
    out[5] = 6;
    System.arraycopy(eth, 6, out, 6, 6);
    System.arraycopy(eth, 12, out, 14, 2);
    System.arraycopy(eth, 14, out, 16, eth.length - 14);
    return out;
  }

  /** Linux cooked v2: EtherType, reserved, ifindex, ARPHRD_ETHER, type, address length, MAC. */
  static byte[] toSll2(byte[] eth) {
    byte[] out = new byte[eth.length + 6];
    System.arraycopy(eth, 12, out, 0, 2);
    out[7] = 1;
    out[9] = 1;
    out[11] = 6;
    System.arraycopy(eth, 6, out, 12, 6);
    System.arraycopy(eth, 14, out, 20, eth.length - 14);
    return out;
  }

  /** Two tags: 802.1ad service tag 100, 802.1Q customer tag 42. */
  static byte[] toQinq(byte[] eth) {
    byte[] out = new byte[eth.length + 8];
    System.arraycopy(eth, 0, out, 0, 12);
    byte[] tags = {(byte) 0x88, (byte) 0xA8, 0x00, 100, (byte) 0x81, 0x00, 0x00, 42};
    System.arraycopy(tags, 0, out, 12, 8);
    System.arraycopy(eth, 12, out, 20, eth.length - 12);
    return out;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource({"realCaptures", "craftedCaptures"})
  void shouldCountPacketsAndPerFlowTrafficLikeTshark(String name, Path file) throws Exception {
    TestCaptures.Collector sink = new TestCaptures.Collector();
    CaptureSummary summary = TestCaptures.analyze(NO_EXPIRY, file, sink);

    List<String[]> frames = tsharkFrames(file);
    long tsharkBytes = frames.stream().mapToLong(c -> Long.parseLong(c[0])).sum();
    assertThat(summary.packets()).as("packets").isEqualTo(frames.size());
    assertThat(summary.bytes()).as("bytes").isEqualTo(tsharkBytes);
    assertThat(summary.undecodablePackets()).isZero();

    assertThat(wardTraffic(sink.flows))
        .as("per-flow packets and bytes")
        .isEqualTo(tsharkTraffic(frames));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("conversationCaptures")
  void shouldFindTheSameConversationsAsTshark(String name, Path file) throws Exception {
    TestCaptures.Collector sink = new TestCaptures.Collector();
    TestCaptures.analyze(NO_EXPIRY, file, sink);

    // One run prints both tables: TCP first, then UDP (each opened by its title line).
    List<String> out =
        TestCaptures.run("tshark", "-r", file.toString(), "-q", "-z", "conv,tcp", "-z", "conv,udp");
    long[] conversations = new long[2];
    int table = -1;
    for (String line : out) {
      if (line.startsWith("TCP Conversations")) {
        table = 0;
      } else if (line.startsWith("UDP Conversations")) {
        table = 1;
      } else if (line.contains("<->") && table >= 0) {
        conversations[table]++;
      }
    }

    assertThat(sink.flows.stream().filter(f -> f.transport() == Transport.TCP).count())
        .as("TCP flows")
        .isEqualTo(conversations[0]);
    assertThat(sink.flows.stream().filter(f -> f.transport() == Transport.UDP).count())
        .as("UDP flows")
        .isEqualTo(conversations[1]);
  }

  /** "vlan proto endpointA endpointB" -> "packets bytes", both directions summed. */
  private static Map<String, String> wardTraffic(List<Flow> flows) {
    Map<String, long[]> sums = new TreeMap<>();
    for (Flow f : flows) {
      if (f.transport() != Transport.TCP && f.transport() != Transport.UDP) {
        continue;
      }
      String c = f.client().ip().orElseThrow() + "/" + f.clientPort();
      String s = f.server().ip().orElseThrow() + "/" + f.serverPort();
      long[] v = sums.computeIfAbsent(key(f.vlan(), f.transport().id(), c, s), k -> new long[2]);
      v[0] += f.packets();
      v[1] += f.bytes();
    }
    return render(sums);
  }

  /** Every frame: length, innermost VLAN, addresses, ports, ICMP types (last occurrences). */
  private static List<String[]> tsharkFrames(Path file) throws Exception {
    List<String> lines =
        TestCaptures.run(
            "tshark",
            "-r",
            file.toString(),
            "-o",
            "ip.defragment:FALSE",
            "-o",
            "ipv6.defragment:FALSE",
            "-T",
            "fields",
            "-E",
            "occurrence=l",
            "-e",
            "frame.len",
            "-e",
            "vlan.id",
            "-e",
            "ip.src",
            "-e",
            "ip.dst",
            "-e",
            "ipv6.src",
            "-e",
            "ipv6.dst",
            "-e",
            "tcp.srcport",
            "-e",
            "tcp.dstport",
            "-e",
            "udp.srcport",
            "-e",
            "udp.dstport",
            "-e",
            "icmp.type",
            "-e",
            "icmpv6.type");
    return lines.stream().map(l -> l.split("\t", -1)).toList();
  }

  private static Map<String, String> tsharkTraffic(List<String[]> frames) {
    Map<String, long[]> sums = new TreeMap<>();
    for (String[] c : frames) {
      boolean tcp = !c[6].isEmpty();
      boolean udp = !c[8].isEmpty();
      boolean icmp = !c[10].isEmpty() || !c[11].isEmpty(); // ICMP errors quote a TCP/UDP header
      if (!(tcp || udp) || icmp) {
        continue;
      }
      int vlan = c[1].isEmpty() ? 0 : Integer.parseInt(c[1]);
      boolean v6 = !c[4].isEmpty();
      String src = v6 ? c[4] : c[2];
      String dst = v6 ? c[5] : c[3];
      String a = src + "/" + (tcp ? c[6] : c[8]);
      String b = dst + "/" + (tcp ? c[7] : c[9]);
      long[] v = sums.computeIfAbsent(key(vlan, tcp ? "tcp" : "udp", a, b), k -> new long[2]);
      v[0]++;
      v[1] += Long.parseLong(c[0]);
    }
    return render(sums);
  }

  private static String key(int vlan, String proto, String a, String b) {
    return vlan + " " + proto + " " + (a.compareTo(b) <= 0 ? a + " " + b : b + " " + a);
  }

  private static Map<String, String> render(Map<String, long[]> sums) {
    Map<String, String> out = new TreeMap<>();
    sums.forEach((k, v) -> out.put(k, v[0] + " packets " + v[1] + " bytes"));
    return out;
  }
}

package io.ward.capture;

import static io.ward.capture.Frames.IP_A;
import static io.ward.capture.Frames.IP_B;
import static io.ward.capture.Frames.MAC_A;
import static io.ward.capture.Frames.MAC_B;
import static org.assertj.core.api.Assertions.assertThat;

import io.ward.capture.dissect.Dissector;
import io.ward.model.Endpoint;
import io.ward.model.Flow;
import io.ward.model.IpAddress;
import io.ward.model.MacAddress;
import io.ward.model.Observation;
import io.ward.model.ObservationFields;
import io.ward.model.Transport;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Flows, dissector dispatch and link-layer observations, on crafted and real captures. */
class CaptureEngineTest {
  private static final int SYN = Packet.TCP_SYN;
  private static final int SYN_ACK = Packet.TCP_SYN | Packet.TCP_ACK;
  private static final int ACK = Packet.TCP_ACK;
  private static final int FIN_ACK = Packet.TCP_FIN | Packet.TCP_ACK;
  private static final int PSH_ACK = 0x18;

  @TempDir Path tmp;

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.ISO_8859_1);
  }

  private TestCaptures.Collector run(CaptureOptions options, Frames.Capture capture)
      throws IOException {
    TestCaptures.Collector c = new TestCaptures.Collector();
    TestCaptures.analyze(options, capture.write(tmp.resolve("c.pcap")), c);
    return c;
  }

  private static CaptureOptions with(Dissector... dissectors) {
    return CaptureOptions.defaults().withDissectors(List.of(dissectors));
  }

  /** A TCP conversation A:40000 -> B:port with a handshake and one message each way. */
  private static Frames.Capture conversation(int port, String request, String reply) {
    return new Frames.Capture()
        .add(Frames.tcpFrame(true, 40000, port, 100, SYN, new byte[0]))
        .add(Frames.tcpFrame(false, 40000, port, 500, SYN_ACK, new byte[0]))
        .add(Frames.tcpFrame(true, 40000, port, 101, ACK, new byte[0]))
        .add(Frames.tcpFrame(true, 40000, port, 101, PSH_ACK, ascii(request)))
        .add(Frames.tcpFrame(false, 40000, port, 501, PSH_ACK, ascii(reply)));
  }

  private static List<String> values(TestCaptures.Collector c, String field) {
    return c.observations.stream()
        .filter(o -> o.field().equals(field))
        .map(Observation::value)
        .toList();
  }

  @Test
  void shouldSummariseATcpFlowWithClientFromTheSynAndLayer2Endpoints() throws IOException {
    TestCaptures.Collector c =
        run(CaptureOptions.defaults(), conversation(2575, "hello", "world!"));

    Flow f = c.flows.get(0);
    assertThat(c.flows).hasSize(1);
    assertThat(f.client()).isEqualTo(Endpoint.of(new MacAddress(MAC_A), IpAddress.ofV4(IP_A), 0));
    assertThat(f.server()).isEqualTo(Endpoint.of(new MacAddress(MAC_B), IpAddress.ofV4(IP_B), 0));
    assertThat(f.clientPort()).isEqualTo(40000);
    assertThat(f.serverPort()).isEqualTo(2575);
    assertThat(f.transport()).isEqualTo(Transport.TCP);
    assertThat(f.clientPackets()).isEqualTo(3);
    assertThat(f.serverPackets()).isEqualTo(2);
    assertThat(f.clientBytes()).isEqualTo(3 * 54 + 5);
    assertThat(f.serverBytes()).isEqualTo(2 * 54 + 6);
    assertThat(f.firstSeenEpochNanos()).isEqualTo(1_700_000_000_000_000_000L);
    assertThat(f.lastSeenEpochNanos()).isEqualTo(1_700_000_000_004_000_000L);
  }

  @Test
  void shouldTakeTheSenderMacFromLinuxCookedCaptures() throws IOException {
    List<TestCaptures.Frame> frames = new java.util.ArrayList<>();
    long t = 1_000_000_000L;
    for (TestCaptures.Frame f : TestCaptures.frames(TestCaptures.pcap("ndpi/hl7.pcap"))) {
      frames.add(new TestCaptures.Frame(113, t += 1000, CaptureEngineOracleTest.toSll(f.bytes())));
    }
    Path sll = tmp.resolve("sll.pcap");
    java.nio.file.Files.write(sll, TestCaptures.pcapBytes(113, false, false, frames));
    TestCaptures.Collector c = new TestCaptures.Collector();

    CaptureSummary s = TestCaptures.analyze(sll, c);

    assertThat(s.linkTypes()).containsExactly(113);
    Flow f = c.flows.get(0);
    assertThat(f.client().mac()).hasValue(MacAddress.parse("00:0c:29:b5:b6:48"));
    assertThat(f.server().mac()).hasValue(MacAddress.parse("08:00:27:1d:a6:c2"));
    assertThat(f.client().ip()).hasValue(IpAddress.parse("10.0.0.155"));
  }

  @Test
  void shouldTreatTheZeroMacsOfLinuxLoopbackAsNoLayer2Address() throws IOException {
    // dumpcap -i lo writes Ethernet (link type 1) with 00:00:00:00:00:00 on both sides.
    TestCaptures.Collector c = new TestCaptures.Collector();
    CaptureSummary s =
        TestCaptures.analyze(
            TestCaptures.pcap("dcmtk-loopback-generated/dicom_dcmtk_loopback.pcapng"), c);

    assertThat(s.linkTypes()).containsExactly(1);
    assertThat(c.flows).hasSize(4);
    assertThat(c.flows)
        .allSatisfy(
            f -> {
              assertThat(f.client()).isEqualTo(Endpoint.ofIp(IpAddress.parse("127.0.0.1"), 0));
              assertThat(f.serverPort()).isIn(11112, 11113);
            });
  }

  @Test
  void shouldTakeTheSideOnTheWellKnownPortAsServerWhenNoSynWasSeen() throws IOException {
    Frames.Capture cap =
        new Frames.Capture()
            .add(Frames.tcpFrame(false, 52000, 443, 9, PSH_ACK, ascii("from server first")))
            .add(Frames.udpFrame(false, 53001, 53, ascii("dns answer seen first")));

    TestCaptures.Collector c = run(CaptureOptions.defaults(), cap);

    assertThat(c.flows)
        .extracting(f -> f.transport() + " " + f.client().ip().orElseThrow() + ":" + f.clientPort())
        .containsExactlyInAnyOrder("TCP 10.0.0.1:52000", "UDP 10.0.0.1:53001");
  }

  @Test
  void shouldDeliverTheReassembledStreamToThePortRegisteredDissectorBeforeHeuristicOnes()
      throws IOException {
    TestDissector heuristic = new TestDissector("heur", Transport.TCP, new int[0], true, "");
    TestDissector onPort =
        new TestDissector("onport", Transport.TCP, new int[] {2575}, false, "MSH");
    Frames.Capture cap =
        new Frames.Capture()
            .add(Frames.tcpFrame(true, 40000, 2575, 100, SYN, new byte[0]))
            .add(Frames.tcpFrame(false, 40000, 2575, 500, SYN_ACK, new byte[0]))
            .add(Frames.tcpFrame(true, 40000, 2575, 104, PSH_ACK, ascii("|A|"))) // out of order
            .add(Frames.tcpFrame(true, 40000, 2575, 101, PSH_ACK, ascii("MSH")))
            .add(Frames.tcpFrame(true, 40000, 2575, 101, PSH_ACK, ascii("MSH"))) // retransmitted
            .add(Frames.tcpFrame(false, 40000, 2575, 501, PSH_ACK, ascii("ACK")));

    TestCaptures.Collector c = run(with(heuristic, onPort), cap);

    assertThat(values(c, "onport.data")).containsExactly("c:MSH", "c:|A|", "s:ACK");
    assertThat(c.flows.get(0).appProtocol()).hasValue("onport");
    assertThat(heuristic.chunks.get()).isZero();
    assertThat(onPort.closes.get()).isEqualTo(1);
  }

  @Test
  void shouldRecogniseAHeuristicProtocolOnAnyPortAndMarkItEncrypted() throws IOException {
    TestDissector tls =
        new TestDissector("tlsish", Transport.TCP, new int[] {443}, true, "\u0016\u0003");
    tls.encrypted = true;

    TestCaptures.Collector c =
        run(with(tls), conversation(8444, "\u0016\u0003\u0001hello", "\u0016\u0003\u0003"));

    assertThat(c.flows.get(0).appProtocol()).hasValue("tlsish");
    assertThat(c.flows.get(0).encrypted()).isTrue();
  }

  @Test
  void shouldMarkAFlowEncryptedWhenTheSessionSaysSo() throws IOException {
    TestDissector starttls =
        new TestDissector("smtpish", Transport.TCP, new int[] {25}, false, "EHLO");
    starttls.markEncrypted = true;

    TestCaptures.Collector c = run(with(starttls), conversation(25, "EHLO x", "250 ok"));

    assertThat(c.flows.get(0).encrypted()).isTrue();
  }

  @Test
  void shouldStopDeliveringPayloadOnceTheSessionHasSeenEnough() throws IOException {
    TestDissector d = new TestDissector("bulk", Transport.TCP, new int[] {2575}, false, "");
    d.chunksWanted = 1;

    TestCaptures.Collector c = run(with(d), conversation(2575, "first", "second"));

    assertThat(d.chunks.get()).isEqualTo(1);
    assertThat(c.flows.get(0).appProtocol()).hasValue("bulk");
    assertThat(c.flows.get(0).packets()).isEqualTo(5);
  }

  @Test
  void shouldCountADissectorThatThrowsAndCarryOn() throws IOException {
    TestDissector d = new TestDissector("buggy", Transport.TCP, new int[] {2575}, false, "");
    d.throwOnData = true;
    TestCaptures.Collector c = new TestCaptures.Collector();

    CaptureSummary s =
        TestCaptures.analyze(with(d), conversation(2575, "a", "b").write(tmp.resolve("b.pcap")), c);

    assertThat(s.anomalies()).containsEntry("dissector.buggy.exception", 1L);
    assertThat(d.chunks.get()).isEqualTo(1);
    assertThat(c.flows).hasSize(1);
  }

  @Test
  void shouldGiveUpProbingAfterTheBudgetAndLeaveTheFlowUnrecognised() throws IOException {
    TestDissector d = new TestDissector("never", Transport.UDP, new int[0], true, "NOPE");
    Frames.Capture cap = new Frames.Capture();
    for (int i = 0; i < 20; i++) {
      cap.add(Frames.udpFrame(true, 5000, 5001, ascii("datagram " + i)));
    }

    TestCaptures.Collector c = run(with(d), cap);

    assertThat(d.probes.get()).isEqualTo(FlowState.PROBE_BUDGET);
    assertThat(c.flows.get(0).appProtocol()).isEmpty();
    assertThat(c.flows.get(0).clientPackets()).isEqualTo(20);
  }

  @Test
  void shouldNotRunDissectorsWhenDecodingOnly() throws IOException {
    TestDissector d = new TestDissector("any", Transport.TCP, new int[] {2575}, true, "");

    TestCaptures.Collector c = run(with(d).withDecodeOnly(true), conversation(2575, "a", "b"));

    assertThat(d.probes.get()).isZero();
    assertThat(c.flows.get(0).appProtocol()).isEmpty();
    assertThat(c.observations).isEmpty();
  }

  @Test
  void shouldExpireIdleFlowsByCaptureTimeAndCloseFinishedOnesSooner() throws IOException {
    Frames.Capture cap =
        new Frames.Capture()
            .add(Frames.udpFrame(true, 5000, 5001, ascii("x")))
            .after(200) // past the 120 s idle timeout
            .add(Frames.udpFrame(true, 5000, 5001, ascii("y")))
            .add(Frames.tcpFrame(true, 40000, 80, 1, SYN, new byte[0]))
            .add(Frames.tcpFrame(true, 40000, 80, 2, FIN_ACK, new byte[0]))
            .add(Frames.tcpFrame(false, 40000, 80, 9, FIN_ACK, new byte[0]))
            .after(10) // past the close linger, well within the idle timeout
            .add(Frames.tcpFrame(true, 40000, 80, 3, ACK, new byte[0]));

    TestCaptures.Collector c = run(CaptureOptions.defaults(), cap);

    assertThat(c.flows).filteredOn(f -> f.transport() == Transport.UDP).hasSize(2);
    assertThat(c.flows)
        .filteredOn(f -> f.transport() == Transport.TCP)
        .extracting(Flow::packets)
        .containsExactly(3L, 1L);
  }

  @Test
  void shouldSummariseAClosedFlowOnceItHasLingeredWithoutWaitingForTheIdleTimeout()
      throws IOException {
    Frames.Capture cap =
        new Frames.Capture()
            .add(Frames.udpFrame(true, 5000, 5001, ascii("idle from here"))) // U, at 0 s
            .after(100)
            .add(Frames.tcpFrame(true, 40000, 80, 1, SYN, new byte[0])) // T, closed at 100 s
            .add(Frames.tcpFrame(true, 40000, 80, 2, FIN_ACK, new byte[0]))
            .add(Frames.tcpFrame(false, 40000, 80, 9, FIN_ACK, new byte[0]));
    for (int i = 0; i < 15; i++) {
      // K: a packet every 2 s until 130 s drives the sweeps; U passes the idle timeout at 120 s.
      cap.after(2).add(Frames.udpFrame(true, 6000, 6001, ascii("keep " + i)));
    }

    TestCaptures.Collector c = run(CaptureOptions.defaults(), cap);

    // T goes once it has lingered 5 s (~106 s), before U's idle timeout (~121 s); K at the end.
    // When closed flows waited for the idle sweep, T stayed until the end and came after U.
    assertThat(c.flows).extracting(Flow::clientPort).containsExactly(40000, 5000, 6000);
  }

  @Test
  void shouldNotLetAClosedFlowThatKeepsTalkingHoldUpTheFlowsClosedAfterIt() throws IOException {
    Frames.Capture cap =
        new Frames.Capture()
            .add(Frames.udpFrame(true, 5000, 5001, ascii("idle from here"))) // U, at 0 s
            .after(100)
            .add(Frames.tcpFrame(true, 40000, 80, 1, SYN, new byte[0])) // T1: reset at 100 s
            .add(Frames.tcpFrame(false, 40000, 80, 1, Packet.TCP_RST, new byte[0]))
            .after(1)
            .add(Frames.tcpFrame(true, 40001, 80, 1, SYN, new byte[0])) // T2: closed at 101 s
            .add(Frames.tcpFrame(true, 40001, 80, 2, FIN_ACK, new byte[0]))
            .add(Frames.tcpFrame(false, 40001, 80, 9, FIN_ACK, new byte[0]));
    for (int i = 0; i < 15; i++) {
      // T1 goes on after its reset, a packet every 2 s until 131 s: it never lingers quietly.
      cap.after(2).add(Frames.tcpFrame(true, 40000, 80, 10 + i, ACK, new byte[0]));
    }

    TestCaptures.Collector c = run(CaptureOptions.defaults(), cap);

    // T2 goes after its linger (~107 s), before U's idle timeout (~121 s); T1 only at the end.
    assertThat(c.flows).extracting(Flow::clientPort).containsExactly(40001, 5000, 40000);
  }

  @Test
  void shouldStartANewFlowWhenASynReusesThePortsOfAClosedOne() throws IOException {
    Frames.Capture cap = conversation(80, "GET /", "200");
    cap.add(Frames.tcpFrame(true, 40000, 80, 200, Packet.TCP_RST, new byte[0]));
    cap.add(Frames.tcpFrame(true, 40000, 80, 900, SYN, new byte[0]));

    TestCaptures.Collector c = run(CaptureOptions.defaults(), cap);

    assertThat(c.flows).extracting(Flow::packets).containsExactly(6L, 1L);
  }

  @Test
  void shouldEvictTheLeastRecentlyActiveFlowBeyondTheCap() throws IOException {
    Frames.Capture cap = new Frames.Capture();
    for (int i = 0; i < 10; i++) {
      cap.add(Frames.udpFrame(true, 5000 + i, 9999, ascii("x")));
    }

    TestCaptures.Collector c = run(CaptureOptions.defaults().withMaxLiveFlows(3), cap);

    assertThat(c.flows).hasSize(10);
    assertThat(c.flows.get(0).clientPort()).isEqualTo(5000);
  }

  @Test
  void shouldKeepTheVlanOnTheFlowAndItsEndpointsAndSeparateFlowsByVlan() throws IOException {
    byte[] dgram = Frames.ipv4(IP_A, IP_B, 17, Frames.udp(5000, 5001, ascii("x")));
    Frames.Capture cap =
        new Frames.Capture()
            .add(Frames.ethTagged(MAC_B, MAC_A, new int[] {0x88A8, 100, 0x8100, 42}, 0x0800, dgram))
            .add(Frames.ethTagged(MAC_B, MAC_A, new int[] {0x8100, 43}, 0x0800, dgram))
            .add(Frames.ethTagged(MAC_B, MAC_A, new int[] {0x9100, 7, 0x8100, 42}, 0x0800, dgram));

    TestCaptures.Collector c = run(CaptureOptions.defaults(), cap);

    assertThat(c.flows).extracting(Flow::vlan).containsExactlyInAnyOrder(42, 43);
    assertThat(c.flows).allSatisfy(f -> assertThat(f.client().vlan()).isEqualTo(f.vlan()));
    assertThat(c.flows)
        .filteredOn(f -> f.vlan() == 42)
        .singleElement()
        .satisfies(f -> assertThat(f.packets()).isEqualTo(2));
  }

  @Test
  void shouldDecodeIpv6ExtensionHeadersAndCountFragments() throws IOException {
    byte[] tcp = Frames.tcp(40000, 443, 1, SYN, new byte[0]);
    byte[] withExt = Frames.concat(Frames.ext8(60), Frames.ext8(43), Frames.ext8(6), tcp);
    byte[] firstFrag =
        Frames.concat(Frames.ipv6Fragment(17, 0, true), Frames.udp(5353, 5353, ascii("part")));
    byte[] laterFrag = Frames.concat(Frames.ipv6Fragment(17, 100, false), ascii("rest of it"));
    byte[] v4Later = Frames.ipv4(IP_A, IP_B, 17, 0x0010, ascii("tail"));
    Frames.Capture cap =
        new Frames.Capture()
            .add(Frames.eth(MAC_B, MAC_A, 0x86DD, Frames.ipv6(1, 2, 0, withExt)))
            .add(Frames.eth(MAC_B, MAC_A, 0x86DD, Frames.ipv6(1, 2, 44, firstFrag)))
            .add(Frames.eth(MAC_B, MAC_A, 0x86DD, Frames.ipv6(1, 2, 44, laterFrag)))
            .add(Frames.eth(MAC_B, MAC_A, 0x0800, v4Later));
    TestCaptures.Collector c = new TestCaptures.Collector();

    CaptureSummary s =
        TestCaptures.analyze(CaptureOptions.defaults(), cap.write(tmp.resolve("v6.pcap")), c);

    assertThat(c.flows)
        .extracting(f -> f.transport() + " " + f.client().ip().orElseThrow() + " " + f.serverPort())
        .containsExactlyInAnyOrder("TCP 2001:db8::1 443", "UDP 2001:db8::1 5353");
    assertThat(s.ipFragments()).isEqualTo(3);
    assertThat(s.undecodablePackets()).isZero();
  }

  @Test
  void shouldCountMalformedHeadersAsAnomaliesWithoutFailing() throws IOException {
    byte[] badIhl = Frames.ipv4(IP_A, IP_B, 17, Frames.udp(1, 2, new byte[0]));
    badIhl[0] = 0x43;
    byte[] shortV6 = java.util.Arrays.copyOf(Frames.ipv6(1, 2, 6, new byte[0]), 30);
    Frames.Capture cap =
        new Frames.Capture()
            .add(Frames.eth(MAC_B, MAC_A, 0x0800, badIhl))
            .add(Frames.eth(MAC_B, MAC_A, 0x86DD, shortV6))
            .add(new byte[] {1, 2, 3});
    CaptureSummary s =
        TestCaptures.analyze(
            CaptureOptions.defaults(),
            cap.write(tmp.resolve("bad.pcap")),
            new TestCaptures.Collector());

    assertThat(s.packets()).isEqualTo(3);
    assertThat(s.undecodablePackets()).isEqualTo(3);
    assertThat(s.anomalies())
        .containsEntry("ipv4.bad_header_length", 1L)
        .containsEntry("ipv6.truncated", 1L)
        .containsEntry("link.truncated", 1L);
  }

  @Test
  void shouldObserveArpSendersOnce() throws IOException {
    java.nio.ByteBuffer arp = java.nio.ByteBuffer.allocate(28);
    arp.putShort((short) 1)
        .putShort((short) 0x0800)
        .put((byte) 6)
        .put((byte) 4)
        .putShort((short) 2);
    arp.putShort((short) (MAC_A >>> 32)).putInt((int) MAC_A).putInt(IP_A);
    arp.putShort((short) 0).putInt(0).putInt(IP_B);
    byte[] probe = arp.array().clone();
    java.util.Arrays.fill(probe, 14, 18, (byte) 0); // sender IP 0.0.0.0: an ARP probe
    Frames.Capture cap =
        new Frames.Capture()
            .add(Frames.eth(-1L & 0xFFFF_FFFF_FFFFL, MAC_A, 0x0806, arp.array()))
            .add(Frames.eth(-1L & 0xFFFF_FFFF_FFFFL, MAC_A, 0x0806, arp.array()))
            .add(Frames.eth(-1L & 0xFFFF_FFFF_FFFFL, MAC_A, 0x0806, probe));

    TestCaptures.Collector c = run(CaptureOptions.defaults(), cap);

    assertThat(c.observations)
        .singleElement()
        .satisfies(
            o -> {
              assertThat(o.field()).isEqualTo(ObservationFields.ARP_IP);
              assertThat(o.value()).isEqualTo("10.0.0.1");
              assertThat(o.subject())
                  .isEqualTo(Endpoint.of(new MacAddress(MAC_A), IpAddress.ofV4(IP_A), 0));
            });
  }

  @Test
  void shouldObserveLldpAndCdpNeighboursFromARealCapture() throws IOException {
    TestCaptures.Collector c = new TestCaptures.Collector();
    TestCaptures.analyze(TestCaptures.pcap("tcpdump/LLDP_and_CDP.pcap"), c);

    MacAddress s2 = MacAddress.parse("00:19:2f:a7:b2:8d");
    assertThat(c.observations)
        .anySatisfy(
            o -> {
              assertThat(o.field()).isEqualTo(ObservationFields.LLDP_SYSTEM_NAME);
              assertThat(o.value()).isEqualTo("S2.cisco.com");
              assertThat(o.subject().mac()).hasValue(s2);
            });
    assertThat(values(c, ObservationFields.LLDP_SYSTEM_DESCR))
        .allMatch(v -> v.startsWith("Cisco IOS Software, C3560"));
    assertThat(values(c, ObservationFields.CDP_DEVICE_ID)).containsExactlyInAnyOrder("S1", "S2");
    assertThat(values(c, ObservationFields.CDP_PLATFORM))
        .containsExactlyInAnyOrder("cisco WS-C3560-24TS", "cisco WS-C3560G-24PS");
  }

  @Test
  void shouldObserveLldpChassisFromTheWiresharkSample() throws IOException {
    TestCaptures.Collector c = new TestCaptures.Collector();
    TestCaptures.analyze(TestCaptures.pcap("arkime/wireshark-lldp.pcap"), c);

    assertThat(values(c, ObservationFields.LLDP_SYSTEM_NAME))
        .containsExactlyInAnyOrder("Summit300-48", "ProCurve Switch 2600-8-PWR");
  }
}

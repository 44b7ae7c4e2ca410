package io.ward.capture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.ward.capture.dissect.dhcp.DhcpDissector;
import io.ward.model.Endpoint;
import io.ward.model.Flow;
import io.ward.model.IpAddress;
import io.ward.model.MacAddress;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Several DHCP clients on the one flow they all share before they have an address, 0.0.0.0:68 to
 * 255.255.255.255:67: the real frames of four public captures, retimed into one second apart,
 * against tshark.
 */
class SharedDhcpFlowTest {

  /**
   * The second capture's discover comes from another MAC than its chaddr (00:0a:28:00:fa:41 sends
   * for 00:0b:82:01:fc:42): the sender is known only from its frame, the chaddr only from the
   * message until the third capture's frames come from it.
   */
  private static final List<String> CAPTURES =
      List.of(
          "tcpdump/dhcp-rfc3004.pcap",
          "zeek/dhcp_dhcp_discover_param_req_and_client_id.pcap",
          "arkime/wireshark-dhcp.pcap",
          "zeek/dhcp_dhcp.pcap");

  private static final long BASE_NANOS = 1_700_000_000_000_000_000L;

  @TempDir Path tmp;

  @Test
  void shouldCreditEveryClientOfTheSharedFlowAtTheTimesTsharkSeesIt() throws Exception {
    assumeTrue(TestCaptures.hasTool("tshark"), "tshark is the oracle");
    Path file = merged();

    // tshark: every client message from 0.0.0.0, its time, the frame's sender and the chaddr.
    Map<MacAddress, long[]> expected = new TreeMap<>();
    for (String line :
        TestCaptures.run(
            "tshark",
            "-n",
            "-r",
            file.toString(),
            "-Y",
            "dhcp.type == 1 && ip.src == 0.0.0.0",
            "-T",
            "fields",
            "-E",
            "occurrence=f",
            "-e",
            "frame.time_epoch",
            "-e",
            "eth.src",
            "-e",
            "dhcp.hw.mac_addr")) {
      String[] f = line.split("\t");
      long t = new BigDecimal(f[0]).movePointRight(9).longValueExact();
      for (String mac : List.of(f[1], f[2])) {
        long[] times = expected.computeIfAbsent(MacAddress.parse(mac), m -> new long[] {t, t});
        times[0] = Math.min(times[0], t);
        times[1] = Math.max(times[1], t);
      }
    }
    assertThat(expected).as("tshark's clients").hasSize(4);
    List<String> conversations =
        TestCaptures.run("tshark", "-n", "-r", file.toString(), "-q", "-z", "conv,udp").stream()
            .filter(l -> l.startsWith("0.0.0.0:68"))
            .toList();
    assertThat(conversations).as("tshark: one conversation").hasSize(1);

    TestCaptures.Collector c = new TestCaptures.Collector();
    TestCaptures.analyze(
        CaptureOptions.defaults().withDissectors(List.of(new DhcpDissector())), file, c);

    List<Flow> shared =
        c.flows.stream()
            .filter(f -> f.client().ip().equals(java.util.Optional.of(IpAddress.parse("0.0.0.0"))))
            .toList();
    assertThat(shared).as("one flow, as tshark's one conversation").hasSize(1);
    Flow flow = shared.get(0);
    assertThat(flow.appProtocol()).contains("dhcp");
    MacAddress first = flow.client().mac().orElseThrow();
    assertThat(flow.firstSeenEpochNanos()).isEqualTo(expected.get(first)[0]);
    Map<MacAddress, long[]> credited = new TreeMap<>();
    credited.put(first, expected.get(first)); // the flow's client: its times are the flow's
    for (Flow.OtherClient o : flow.otherClients()) {
      assertThat(o.endpoint().ip()).as("0.0.0.0 names no one").isEmpty();
      assertThat(credited.put(o.endpoint().mac().orElseThrow(), times(o)))
          .as("each once: %s", o)
          .isNull();
    }
    assertThat(credited.keySet()).isEqualTo(expected.keySet());
    credited.forEach(
        (mac, times) ->
            assertThat(times).as("first and last seen of %s", mac).isEqualTo(expected.get(mac)));
  }

  private static long[] times(Flow.OtherClient o) {
    return new long[] {o.firstSeenEpochNanos(), o.lastSeenEpochNanos()};
  }

  /** The frames of {@link #CAPTURES}, each capture moved to start a second after the one before. */
  private Path merged() throws Exception {
    List<TestCaptures.Frame> all = new ArrayList<>();
    for (int i = 0; i < CAPTURES.size(); i++) {
      List<TestCaptures.Frame> frames = TestCaptures.frames(TestCaptures.pcap(CAPTURES.get(i)));
      long shift = BASE_NANOS + i * 1_000_000_000L - frames.get(0).epochNanos();
      for (TestCaptures.Frame f : frames) {
        all.add(new TestCaptures.Frame(f.linkType(), f.epochNanos() + shift, f.bytes()));
      }
    }
    all.sort(Comparator.comparingLong(TestCaptures.Frame::epochNanos));
    return Files.write(
        tmp.resolve("shared-dhcp.pcap"), TestCaptures.pcapBytes(1, false, false, all));
  }

  @Test
  void shouldNotMakeOtherClientsOfAFlowFromAnAddressThatNamesADevice() throws Exception {
    // zeek/dhcp_dhcp_inform.pcap: 128.2.6.122:68 <-> 128.2.6.152:67, one client, one server.
    TestCaptures.Collector c = new TestCaptures.Collector();
    TestCaptures.analyze(
        CaptureOptions.defaults().withDissectors(List.of(new DhcpDissector())),
        TestCaptures.pcap("zeek/dhcp_dhcp_inform.pcap"),
        c);

    assertThat(c.flows).isNotEmpty().allSatisfy(f -> assertThat(f.otherClients()).isEmpty());
    assertThat(c.flows.get(0).client())
        .isEqualTo(
            Endpoint.of(MacAddress.parse("90:b1:1c:99:49:29"), IpAddress.parse("128.2.6.122"), 0));
  }
}

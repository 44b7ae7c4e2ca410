package io.ward.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.ward.capture.CaptureSource;
import io.ward.capture.ProgressListener;
import io.ward.model.Device;
import io.ward.model.ExternalEndpoint;
import io.ward.model.IpNetwork;
import io.ward.simulate.HospitalSimulator;
import io.ward.simulate.SimulationConfig;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * External endpoints of captures that carry no MAC for some addresses or for any: what {@code
 * tcpdump -i any} writes on a server (Linux cooked v1 and v2, whose tunnel interfaces have no
 * link-layer address) and raw IP. Before the rule for addresses with no MAC, every internet host
 * these showed without one was a device (see {@code nolinklayer/README.md} for how the captures
 * were made).
 */
class NoLinkLayerExternalEndpointsTest {

  @TempDir Path dir;

  /** The internet hosts the server reached through the router, whose MAC the answers carried. */
  private static final List<String> THROUGH_ROUTER =
      IntStream.range(20, 30).mapToObj(i -> "198.51.100." + i).toList();

  private static Path capture(String name) throws URISyntaxException {
    return Path.of(
        NoLinkLayerExternalEndpointsTest.class.getResource("nolinklayer/" + name).toURI());
  }

  private static AnalysisResult analyze(Path capture, String... internal) throws Exception {
    List<IpNetwork> nets = new ArrayList<>();
    for (String n : internal) {
      nets.add(IpNetwork.parse(n));
    }
    return new Analyzer(AnalysisOptions.defaults().withInternalNetworks(nets))
        .analyze(List.of(CaptureSource.ofPath(capture)), ProgressListener.NONE);
  }

  private static List<String> externalIps(AnalysisResult r) {
    return r.external().stream().map(e -> e.ip().toString()).toList();
  }

  private static List<String> deviceIds(AnalysisResult r) {
    return r.devices().stream().map(Device::id).toList();
  }

  @Test
  void shouldListTheInternetHostsOfALinuxCookedCaptureWhetherOrNotAMacCarriedThem()
      throws Exception {
    for (String name : List.of("server-any-sll.pcap", "server-any-sll2.pcap")) {
      AnalysisResult r = analyze(capture(name));

      List<String> expected = new ArrayList<>(THROUGH_ROUTER);
      // Over the VPN (no link-layer address), and a datagram nothing answered (no MAC either).
      expected.addAll(List.of("198.51.100.99", "203.0.113.7", "2001:db8:100::20"));
      assertThat(externalIps(r)).as(name).containsExactlyInAnyOrderElementsOf(expected);
      assertThat(deviceIds(r))
          .as(name)
          .containsExactly(
              "ip:10.99.0.2", // the server's VPN address: nothing ties it to its MAC
              "ip:203.0.113.9", // it received HL7: clinical, a device wherever it is
              "mac:02:00:00:00:00:01", // the router, seen only carrying the internet hosts
              "mac:02:00:00:00:00:10",
              "mac:02:00:00:00:01:10",
              "mac:02:00:00:00:01:30",
              "mac:02:00:00:00:02:10",
              "mac:02:00:00:00:02:50"); // its frames carry its MAC: 192.0.2.50 is on the segment
      assertThat(r.external().get(index(r, "203.0.113.7")).deviceIds())
          .as(name)
          .containsExactly("ip:10.99.0.2");
      assertThat(r.external().get(index(r, "198.51.100.99")).deviceIds())
          .containsExactly("mac:02:00:00:00:00:10");
    }
  }

  private static int index(AnalysisResult r, String ip) {
    return externalIps(r).indexOf(ip);
  }

  @Test
  void shouldListThePublicHostsARawIpCaptureShowsTalkingWithPrivateOnes() throws Exception {
    AnalysisResult r = analyze(capture("server-rawip.pcap"));

    List<String> expected = new ArrayList<>(THROUGH_ROUTER);
    expected.addAll(List.of("198.51.100.99", "203.0.113.7"));
    assertThat(externalIps(r)).containsExactlyInAnyOrderElementsOf(expected);
    // Public on both ends, so nothing tells which is the hospital's: the DMZ's public range, and
    // the server's IPv6 conversation, stay devices until declared.
    assertThat(deviceIds(r))
        .containsExactly(
            "ip:10.20.0.10",
            "ip:10.30.0.10",
            "ip:10.30.0.30",
            "ip:10.99.0.2",
            "ip:192.0.2.10",
            "ip:192.0.2.50",
            "ip:2001:db8:100::20",
            "ip:2001:db8:20::10",
            "ip:203.0.113.9");
    assertThat(r.external().get(index(r, "198.51.100.20")).deviceIds())
        .containsExactly("ip:10.20.0.10");
  }

  @Test
  void shouldListTheInternetHostsOfTheRangesTheUserDeclaredInternalInARawIpCapture()
      throws Exception {
    AnalysisResult r = analyze(capture("server-rawip.pcap"), "2001:db8:20::/64", "192.0.2.0/24");

    assertThat(externalIps(r)).contains("2001:db8:100::20").doesNotContain("192.0.2.50");
    assertThat(deviceIds(r)).contains("ip:2001:db8:20::10", "ip:192.0.2.10", "ip:192.0.2.50");
    assertThat(r.external().get(index(r, "2001:db8:100::20")).deviceIds())
        .containsExactly("ip:2001:db8:20::10");
  }

  /**
   * A simulated hospital's SPAN capture, and the same packets with no Ethernet header: the same
   * internet hosts, talked with by as many devices. The raw capture's devices are its private
   * addresses; before the rule for addresses with no MAC its cloud services were devices too.
   */
  @Test
  void shouldFindTheSameInternetHostsInARawIpCopyOfASimulatedHospital() throws Exception {
    Path ethernet = dir.resolve("hospital.pcap");
    try (OutputStream out = Files.newOutputStream(ethernet)) {
      new HospitalSimulator(SimulationConfig.of(150, 5, 11)).run(out, Optional.empty());
    }
    Path raw = CraftedPcap.rawIpFrom(ethernet, dir.resolve("hospital-raw.pcap"));

    AnalysisResult onTheWire = analyze(ethernet);
    AnalysisResult noLinkLayer = analyze(raw);

    assertThat(onTheWire.external()).isNotEmpty();
    assertThat(externalIps(noLinkLayer)).isEqualTo(externalIps(onTheWire));
    assertThat(noLinkLayer.external().stream().map(ExternalEndpoint::deviceCount).toList())
        .isEqualTo(onTheWire.external().stream().map(ExternalEndpoint::deviceCount).toList());
    Set<String> outside = new TreeSet<>(externalIps(onTheWire));
    assertThat(noLinkLayer.devices())
        .allSatisfy(
            d -> assertThat(d.ips().stream().map(Object::toString)).noneMatch(outside::contains));
    assertThat(
            noLinkLayer.devices().stream()
                .flatMap(d -> d.ips().stream())
                .filter(ip -> ip.isPublic())
                .map(Object::toString)
                .collect(Collectors.toList()))
        .as("public addresses kept as devices")
        .isEmpty();
  }

  /** The reason id of each external endpoint of {@code r}, by address. */
  private static java.util.Map<String, String> reasons(AnalysisResult r) {
    java.util.Map<String, String> out = new java.util.TreeMap<>();
    r.external().forEach(e -> out.put(e.ip().toString(), e.reason().id()));
    return out;
  }

  @Test
  void shouldSayWhichInternetHostsARouterCarriedAndWhichHadNoLinkLayer() throws Exception {
    for (String name : List.of("server-any-sll.pcap", "server-any-sll2.pcap")) {
      java.util.Map<String, String> reasons = reasons(analyze(capture(name)));

      THROUGH_ROUTER.forEach(ip -> assertThat(reasons).as(name).containsEntry(ip, "behind-router"));
      assertThat(reasons).as(name).containsEntry("2001:db8:100::20", "behind-router");
      // Over the VPN, and a datagram nothing answered: no MAC carried them.
      assertThat(reasons).as(name).containsEntry("203.0.113.7", "no-link-layer");
      assertThat(reasons).as(name).containsEntry("198.51.100.99", "no-link-layer");
    }
    // A raw IP capture carries no MAC at all: no router shows.
    assertThat(reasons(analyze(capture("server-rawip.pcap"))).values())
        .isNotEmpty()
        .containsOnly("no-link-layer");
  }
}

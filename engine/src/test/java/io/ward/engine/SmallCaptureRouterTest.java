package io.ward.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.ward.capture.CaptureSource;
import io.ward.capture.ProgressListener;
import io.ward.model.Device;
import io.ward.model.Evidence;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Routers in real captures too small to show them by ARP or DHCP, and a DHCP client that is no
 * router although it holds two public addresses in turn.
 */
class SmallCaptureRouterTest {

  private static final Path ZEEK = CmdbMergeIntegrationTest.data().resolve("pcaps/zeek");
  private static final Path NDPI = CmdbMergeIntegrationTest.data().resolve("pcaps/ndpi");

  private static AnalysisResult analyze(Path capture) throws Exception {
    return new Analyzer(AnalysisOptions.defaults())
        .analyze(List.of(CaptureSource.ofPath(capture)), ProgressListener.NONE);
  }

  private static Device device(AnalysisResult r, String id) {
    return r.devices().stream().filter(d -> d.id().equals(id)).findFirst().orElseThrow();
  }

  @Test
  void shouldListTheTwoServersAJuniperRouterCarriesAsInternetHosts() throws Exception {
    // A workstation's TLS to two web servers, whose answers arrive with the router's MAC (TTL 43).
    AnalysisResult r = analyze(ZEEK.resolve("tls_tls-expired-cert.pcap"));

    assertThat(r.external().stream().map(e -> e.ip().toString()))
        .containsExactlyInAnyOrder("87.98.220.10", "122.1.240.204");
    assertThat(r.devices().stream().flatMap(d -> d.ips().stream()).map(Object::toString))
        .containsExactly("192.168.4.149");
  }

  @Test
  void shouldKeepADhcpClientOfferedOnePublicAddressAndGivenAnotherAsAHost() throws Exception {
    // The server offers 128.2.6.97, then acknowledges 128.2.6.189, both to the client's MAC.
    AnalysisResult r = analyze(ZEEK.resolve("dhcp_dhcp.pcap"));

    assertThat(r.external()).isEmpty();
    Device client = device(r, "mac:90:b1:1c:99:49:29");
    assertThat(client.ips().stream().map(Object::toString))
        .containsExactlyInAnyOrder("128.2.6.97", "128.2.6.189");
    assertThat(client.category().id()).isNotEqualTo("network-device");
  }

  /** The category evidence a router's forwarding gives it. */
  private static Evidence routing(Device d) {
    return d.evidence().stream()
        .filter(e -> e.attribute().equals("category") && e.source().equals("behaviour:gateway"))
        .findFirst()
        .orElseThrow();
  }

  @Test
  void shouldListTheIspRouterOfAnSfrBoxAsANetworkDeviceThoughNoAddressIsItsOwn() throws Exception {
    // The box (e0:a1:d7:18:c2:73, 95.136.242.54) sends syslog to two collectors through its ISP's
    // router 00:17:33:61:00:00, seen only as the destination MAC of those two datagrams: no ARP,
    // no DHCP, no address of its own. It was missing from the inventory.
    AnalysisResult r = analyze(NDPI.resolve("syslog.pcap"));

    Device router = device(r, "mac:00:17:33:61:00:00");
    assertThat(router.category().id()).isEqualTo("network-device");
    assertThat(router.vendor()).contains("SFR");
    assertThat(router.ips()).isEmpty();
    assertThat(routing(router).observed()).isEqualTo("routes for 2 addresses");
    assertThat(r.external().stream().map(e -> e.ip().toString()))
        .contains("93.20.126.48", "93.20.126.110");
    assertThat(device(r, "mac:e0:a1:d7:18:c2:73").ips().stream().map(Object::toString))
        .containsExactly("95.136.242.54");
  }

  @Test
  void shouldListTheJuniperRouterThatCarriesTheTwoServers() throws Exception {
    AnalysisResult r = analyze(ZEEK.resolve("tls_tls-expired-cert.pcap"));

    Device router =
        r.devices().stream()
            .filter(d -> d.category().id().equals("network-device"))
            .findFirst()
            .orElseThrow();
    assertThat(router.ips()).isEmpty();
    assertThat(routing(router).observed()).isEqualTo("routes for 2 addresses");
    assertThat(r.devices()).hasSize(2); // the workstation and its router
  }
}

package io.ward.capture.dissect.dhcp;

import static org.assertj.core.api.Assertions.assertThat;

import io.ward.capture.dissect.testing.CaptureRun;
import io.ward.capture.dissect.testing.Golden;
import io.ward.model.Endpoint;
import io.ward.model.IpAddress;
import io.ward.model.MacAddress;
import io.ward.model.Observation;
import io.ward.model.ObservationFields;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Real DHCP captures through the capture engine, against golden files. */
class DhcpCaptureTest {

  private static CaptureRun run(String pcap) {
    return CaptureRun.of(pcap, new DhcpDissector());
  }

  @ParameterizedTest
  @CsvSource({
    "arkime/wireshark-dhcp.pcap, wireshark-dhcp",
    "zeek/dhcp_dhcp.pcap, zeek-dhcp",
    "zeek/dhcp_dhcp_discover_param_req_and_client_id.pcap, zeek-dhcp-discover-client-id",
    "zeek/dhcp_dhcp_inform.pcap, zeek-dhcp-inform",
    "tcpdump/dhcp-mud.pcap, tcpdump-dhcp-mud",
    "tcpdump/dhcp-rfc3004.pcap, tcpdump-dhcp-rfc3004"
  })
  void shouldMatchGoldenObservations(String pcap, String golden) {
    CaptureRun run = run(pcap);

    assertThat(run.fields("dhcp.")).isNotEmpty();
    Golden.assertMatches(DhcpCaptureTest.class, golden, run.fields("dhcp."));
  }

  @Test
  void shouldMakeTheDhcpServerTheServerOfEveryFlowWhateverItsFirstDatagram() {
    CaptureRun run = run("arkime/wireshark-dhcp.pcap");

    // Frames 2 and 4 (offer, ack) go 192.168.0.1:67 -> 192.168.0.10:68 on a flow of their own,
    // whose first datagram is the server's; 1 and 3 go 0.0.0.0:68 -> 255.255.255.255:67.
    assertThat(run.flows()).hasSize(2);
    assertThat(run.flows())
        .allSatisfy(
            f -> {
              assertThat(f.serverPort()).isEqualTo(67);
              assertThat(f.clientPort()).isEqualTo(68);
            });
    assertThat(run.flows())
        .anySatisfy(f -> assertThat(f.server().ip()).contains(IpAddress.parse("192.168.0.1")));
  }

  @Test
  void shouldFingerprintRaspberryPiWithMudUrl() {
    CaptureRun run = run("tcpdump/dhcp-mud.pcap");

    // A renewing REQUEST: ciaddr is set, so the subject carries the MAC and the held address.
    Endpoint pi =
        Endpoint.of(MacAddress.parse("b8:27:eb:b8:53:c8"), IpAddress.parse("62.12.173.123"), 0);
    assertThat(run.observations().stream().filter(o -> o.subject().equals(pi)))
        .extracting(Observation::field, Observation::value)
        .contains(
            org.assertj.core.groups.Tuple.tuple(ObservationFields.DHCP_HOSTNAME, "raspberrypi"),
            org.assertj.core.groups.Tuple.tuple(
                ObservationFields.DHCP_VENDOR_CLASS,
                "dhcpcd-6.11.5:Linux-4.1.18-v7+:armv7l:BCM2709"),
            org.assertj.core.groups.Tuple.tuple(
                ObservationFields.DHCP_MUD_URL,
                "https://mudctl.example.com/.well-known/mud/v1/rasbp101"));
  }

  @Test
  void shouldBindLeaseFromAckToClientMac() {
    CaptureRun run = run("arkime/wireshark-dhcp.pcap");

    assertThat(run.observations())
        .filteredOn(o -> o.field().equals(ObservationFields.DHCP_LEASED_IP))
        .singleElement()
        .satisfies(
            o -> {
              assertThat(o.subject().mac()).contains(MacAddress.parse("00:0b:82:01:fc:42"));
              assertThat(o.subject().ip()).contains(IpAddress.parse(o.value()));
            });
  }

  @Test
  void shouldCountNoAnomaliesOnWellFormedCaptures() {
    CaptureRun run = run("zeek/dhcp_dhcp.pcap");

    assertThat(run.summary().anomalies().keySet()).noneMatch(k -> k.startsWith("dhcp."));
  }
}

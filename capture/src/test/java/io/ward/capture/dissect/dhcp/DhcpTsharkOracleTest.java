package io.ward.capture.dissect.dhcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.ward.capture.dissect.testing.CaptureRun;
import io.ward.capture.dissect.testing.Tshark;
import io.ward.model.Observation;
import io.ward.model.ObservationFields;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** tshark 4.0 as the oracle: Ward must read the same DHCP options from the same captures. */
class DhcpTsharkOracleTest {

  @BeforeAll
  static void needsTshark() {
    assumeTrue(Tshark.available(), "tshark not installed");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "arkime/wireshark-dhcp.pcap",
        "zeek/dhcp_dhcp.pcap",
        "zeek/dhcp_dhcp_discover_param_req_and_client_id.pcap",
        "zeek/dhcp_dhcp_inform.pcap",
        "tcpdump/dhcp-mud.pcap",
        "tcpdump/dhcp-rfc3004.pcap"
      })
  void shouldAgreeWithTsharkOnOptions(String pcap) {
    CaptureRun run = CaptureRun.of(pcap, new DhcpDissector());
    Tshark.Table t =
        Tshark.fields(
            pcap,
            "dhcp.option.hostname",
            "dhcp.option.vendor_class_id",
            "dhcp.option.request_list_item",
            "dhcp.option.mudurl",
            "dhcp.option.requested_ip_address",
            "dhcp.hw.mac_addr");

    assertThat(run.values(ObservationFields.DHCP_HOSTNAME))
        .containsExactlyInAnyOrderElementsOf(t.perPacket("dhcp.option.hostname"));
    // Option 60 is the client's (RFC 2132 §9.13): only requests' (op 1) are read.
    Tshark.Table requests =
        Tshark.fields(pcap, List.of("-Y", "dhcp.type == 1"), "dhcp.option.vendor_class_id");
    assertThat(run.values(ObservationFields.DHCP_VENDOR_CLASS))
        .containsExactlyInAnyOrderElementsOf(requests.perPacket("dhcp.option.vendor_class_id"));
    assertThat(run.values(ObservationFields.DHCP_PARAM_LIST))
        .containsExactlyInAnyOrderElementsOf(t.perPacket("dhcp.option.request_list_item"));
    assertThat(run.values(ObservationFields.DHCP_MUD_URL))
        .containsExactlyInAnyOrderElementsOf(t.perPacket("dhcp.option.mudurl"));
    assertThat(run.values(ObservationFields.DHCP_REQUESTED_IP))
        .containsExactlyInAnyOrderElementsOf(
            t.values("dhcp.option.requested_ip_address").stream()
                .filter(ip -> !ip.equals("0.0.0.0"))
                .toList());
    assertThat(clientMacs(run.fields("dhcp.")))
        .containsExactlyInAnyOrderElementsOf(t.values("dhcp.hw.mac_addr"));
  }

  /** MACs of the clients described. */
  private static List<String> clientMacs(List<Observation> observations) {
    return observations.stream()
        .map(o -> o.subject().mac())
        .flatMap(Optional::stream)
        .map(Object::toString)
        .distinct()
        .toList();
  }
}

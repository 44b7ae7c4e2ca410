package io.ward.capture.dissect.tls;

import static org.assertj.core.api.Assertions.assertThat;

import io.ward.capture.dissect.Dissector;
import io.ward.capture.dissect.DissectorRegistry;
import io.ward.capture.dissect.testing.CaptureRun;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * With every registered dissector in play (the heuristic ones included), each network protocol's
 * capture yields exactly what its own dissector yields alone: no other dissector takes its flows.
 */
class RegistryOrderTest {

  @ParameterizedTest
  @CsvSource({
    "arkime/wireshark-dhcp.pcap, dhcp, dhcp.",
    "zeek/dns_mdns.pcap, mdns, mdns.",
    "arkime/nbns.pcap, nbns, nbns.",
    "ndpi/upnp.pcap, wsd, wsd.",
    "arkime/http-basicauth.pcap, http, http.",
    "arkime/openssl-tls1_2.pcap, tls, tls.",
    "zeek/tls_ssl-v2.pcap, tls, tls.",
    "dcmtk-loopback-generated/dicom_tls_dcmtk_loopback.pcapng, tls, tls.",
    "ndpi/smbv1.pcap, smb, smb.",
    "ndpi/netbios.pcap, nbdgm, browser.",
    "zeek/smb_SMBGhost.pcap, smb, smb."
  })
  void shouldGiveTheSameObservationsWithTheWholeRegistry(
      String pcap, String protocol, String prefix) {
    Dissector alone =
        DissectorRegistry.all().stream()
            .filter(d -> d.protocol().equals(protocol))
            .findFirst()
            .orElseThrow();

    List<?> expected = CaptureRun.of(pcap, alone).fields(prefix);
    CaptureRun all = CaptureRun.withRegistry(pcap);

    assertThat(expected).isNotEmpty();
    assertThat(all.fields(prefix)).isEqualTo(expected);
  }
}

package io.ward.capture.dissect.dns;

import static org.assertj.core.api.Assertions.assertThat;

import io.ward.capture.dissect.testing.CaptureRun;
import io.ward.capture.dissect.testing.Golden;
import io.ward.model.IpAddress;
import io.ward.model.ObservationFields;
import org.junit.jupiter.api.Test;

/** Real mDNS and NBNS captures through the capture engine, against golden files. */
class NameServiceCaptureTest {

  private static CaptureRun run(String pcap) {
    return CaptureRun.of(
        pcap, DnsDissector.dns(), DnsDissector.mdns(), DnsDissector.llmnr(), new NbnsDissector());
  }

  @Test
  void shouldMatchGoldenForMdns() {
    CaptureRun run = run("zeek/dns_mdns.pcap");

    Golden.assertMatches(getClass(), "zeek-dns-mdns", run.fields("mdns.", "dns.", "llmnr."));
    assertThat(run.values(ObservationFields.MDNS_NAME))
        .containsExactly("johanna-QEMU-Virtual-Machine.local");
    assertThat(run.summary().anomalies().keySet()).noneMatch(k -> k.startsWith("dns."));
  }

  @Test
  void shouldTieEveryAnnouncedAddressOfTheMdnsHostToItsMac() {
    CaptureRun run = run("zeek/dns_mdns.pcap");

    assertThat(run.fields("mdns.name"))
        .extracting(o -> o.subject().ip().orElseThrow())
        .containsOnly(
            IpAddress.parse("10.0.2.7"),
            IpAddress.parse("fd52:429e:c03c:8235:883c:d6ff:fee1:4dc4"),
            IpAddress.parse("fd52:429e:c03c:8235:5968:5bc6:1563:f82f"));
    assertThat(run.fields("mdns.name")).allSatisfy(o -> assertThat(o.subject().mac()).isPresent());
  }

  @Test
  void shouldMatchGoldenForNbnsRegistrations() {
    CaptureRun run = run("arkime/nbns.pcap");

    Golden.assertMatches(getClass(), "arkime-nbns", run.fields("nbns."));
    assertThat(run.values(ObservationFields.NBNS_NAME))
        .containsExactlyInAnyOrder("MDJR98<00>", "MDJR98<20>", "WORKGROUP<1d>");
  }

  @Test
  void shouldMatchGoldenForNetbiosQueriesAndNodeStatus() {
    CaptureRun run = run("ndpi/netbios.pcap");

    Golden.assertMatches(getClass(), "ndpi-netbios", run.fields("nbns."));
    assertThat(run.values(NbnsMapper.NBNS_UNIT_ID)).contains("00:1c:c4:10:79:0f");
  }
}

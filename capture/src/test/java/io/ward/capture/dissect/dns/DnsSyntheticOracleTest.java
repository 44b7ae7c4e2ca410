package io.ward.capture.dissect.dns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.ward.capture.dissect.testing.CaptureRun;
import io.ward.capture.dissect.testing.SyntheticPcap;
import io.ward.capture.dissect.testing.Tshark;
import io.ward.model.ObservationFields;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Unicast DNS and LLMNR have no public capture in the test data: a synthetic one (messages built by
 * {@link DnsBytes}, with compression) goes through both Ward's engine and tshark.
 */
class DnsSyntheticOracleTest {

  @BeforeAll
  static void needsTshark() {
    assumeTrue(Tshark.available(), "tshark not installed");
  }

  @Test
  void shouldAgreeWithTsharkOnQueriesAnswersAndLlmnr(@TempDir Path dir) {
    byte[] query = DnsBytes.query(1).question("pacs.hospital.example", 1).build();
    byte[] response =
        DnsBytes.response(1, 2, 0, 0)
            .question("pacs.hospital.example", 1)
            .pointer(12)
            .rr(5, DnsBytes.wireLength("srv7.hospital.example"))
            .name("srv7.hospital.example")
            .a("srv7.hospital.example", 10, 20, 0, 7)
            .build();
    byte[] llmnrQuery = DnsBytes.query(1).question("nurse-station-3", 1).build();
    byte[] llmnrAnswer =
        DnsBytes.response(1, 1, 0, 0)
            .question("nurse-station-3", 1)
            .a("nurse-station-3", 10, 20, 0, 33)
            .build();
    Path pcap =
        new SyntheticPcap()
            .udp("10.20.0.5", 53000, "10.20.0.1", 53, query)
            .udp("10.20.0.1", 53, "10.20.0.5", 53000, response)
            .udp("10.20.0.5", 53001, "224.0.0.252", 5355, llmnrQuery)
            .udp("10.20.0.33", 5355, "10.20.0.5", 53001, llmnrAnswer)
            .write(dir.resolve("dns.pcap"));

    CaptureRun run = CaptureRun.ofFile(pcap, DnsDissector.dns(), DnsDissector.llmnr());
    Tshark.Table dns =
        Tshark.fields(
            pcap,
            List.of("-Y", "dns && udp.port == 53"),
            "dns.flags.response",
            "dns.qry.name",
            "dns.a");
    Tshark.Table llmnr =
        Tshark.fields(pcap, List.of("-Y", "llmnr"), "dns.flags.response", "dns.qry.name", "dns.a");

    assertThat(run.values(ObservationFields.DNS_QUERY))
        .containsExactlyElementsOf(dns.values("dns.qry.name"));
    assertThat(run.fields(ObservationFields.DNS_NAME))
        .extracting(o -> o.subject().ip().orElseThrow().toString())
        .containsOnly(dns.values("dns.a").toArray(String[]::new));
    assertThat(run.values(ObservationFields.DNS_NAME))
        .containsExactly("srv7.hospital.example", "pacs.hospital.example");
    assertThat(run.values(LlmnrMapper.LLMNR_QUERY))
        .containsExactlyElementsOf(llmnr.values("dns.qry.name"));
    assertThat(run.fields(ObservationFields.LLMNR_NAME))
        .extracting(o -> o.subject().ip().orElseThrow().toString())
        .containsExactlyElementsOf(llmnr.values("dns.a"));
  }
}

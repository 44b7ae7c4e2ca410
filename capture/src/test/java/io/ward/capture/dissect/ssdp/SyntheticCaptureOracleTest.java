package io.ward.capture.dissect.ssdp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.ward.capture.dissect.dns.DnsDissector;
import io.ward.capture.dissect.testing.CaptureRun;
import io.ward.capture.dissect.testing.SyntheticPcap;
import io.ward.capture.dissect.testing.Tshark;
import io.ward.model.ObservationFields;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SSDP has no public capture in the test data, so a small synthetic one (written here, UPnP DA 2.0
 * message shapes) goes through both Ward's engine and tshark.
 */
class SyntheticCaptureOracleTest {

  @BeforeAll
  static void needsTshark() {
    assumeTrue(Tshark.available(), "tshark not installed");
  }

  @Test
  void shouldAgreeWithTsharkOnSsdpHeaders(@TempDir Path dir) {
    Path pcap =
        new SyntheticPcap()
            .udp("10.0.0.1", 1900, "239.255.255.250", 1900, bytes(SsdpDissectorTest.NOTIFY))
            .udp("10.0.0.9", 50000, "239.255.255.250", 1900, bytes(SsdpDissectorTest.SEARCH))
            .udp("10.0.0.2", 1900, "10.0.0.9", 50000, bytes(SsdpDissectorTest.RESPONSE))
            .write(dir.resolve("ssdp.pcap"));

    CaptureRun run = CaptureRun.ofFile(pcap, new SsdpDissector(), DnsDissector.dns());
    Tshark.Table t =
        Tshark.fields(
            pcap, List.of("-Y", "ssdp"), "http.server", "http.user_agent", "http.location");

    assertThat(run.values(ObservationFields.SSDP_SERVER))
        .containsExactlyInAnyOrderElementsOf(t.perPacket("http.server"));
    assertThat(run.values(ObservationFields.SSDP_USER_AGENT))
        .containsExactlyInAnyOrderElementsOf(t.perPacket("http.user_agent"));
    assertThat(run.values(SsdpDissector.SSDP_LOCATION))
        .containsExactlyInAnyOrderElementsOf(t.perPacket("http.location"));
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}

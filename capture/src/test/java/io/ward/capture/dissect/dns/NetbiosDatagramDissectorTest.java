package io.ward.capture.dissect.dns;

import static org.assertj.core.api.Assertions.assertThat;

import io.ward.capture.dissect.testing.CaptureRun;
import io.ward.capture.dissect.testing.DissectorDriver;
import io.ward.capture.dissect.testing.Golden;
import io.ward.capture.dissect.testing.RecordingFlowContext;
import io.ward.capture.dissect.testing.Tshark;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class NetbiosDatagramDissectorTest {

  @Test
  void shouldReadHostAnnouncementsOfRealCaptures() {
    CaptureRun run = CaptureRun.of("ndpi/netbios.pcap", new NetbiosDatagramDissector());

    Golden.assertMatches(getClass(), "ndpi-netbios-browser", run.fields("browser."));
    assertThat(run.values(NetbiosDatagramDissector.BROWSER_HOST)).containsExactly("NVR9", "BOWIE");
    assertThat(run.values(NetbiosDatagramDissector.BROWSER_OS_VERSION)).containsExactly("6.1");
    assertThat(run.values(NetbiosDatagramDissector.BROWSER_SERVER_TYPE))
        .containsExactly("workstation,server,sql_server,nt_workstation,potential_browser");
  }

  @Test
  void shouldReadWorkgroupFromDomainAnnouncement() {
    CaptureRun run = CaptureRun.of("arkime/nbns.pcap", new NetbiosDatagramDissector());

    Golden.assertMatches(getClass(), "arkime-nbns-browser", run.fields("browser."));
    assertThat(run.values(NetbiosDatagramDissector.BROWSER_WORKGROUP)).containsExactly("WORKGROUP");
  }

  /** tshark 4.0's BROWSER dissector as the oracle: names, OS versions and server types. */
  @ParameterizedTest
  @ValueSource(strings = {"ndpi/netbios.pcap", "arkime/nbns.pcap"})
  void shouldAgreeWithTshark(String pcap) {
    Assumptions.assumeTrue(Tshark.available(), "tshark not installed");
    CaptureRun run = CaptureRun.of(pcap, new NetbiosDatagramDissector());
    Tshark.Table t =
        Tshark.fields(
            pcap,
            List.of("-Y", "browser.command == 1 || browser.command == 15 || browser.command == 12"),
            "browser.command",
            "browser.server",
            "browser.os_major",
            "browser.os_minor",
            "browser.server_type");
    Set<String> hosts = new LinkedHashSet<>();
    Set<String> versions = new LinkedHashSet<>();
    Set<String> types = new LinkedHashSet<>();
    Set<String> workgroups = new LinkedHashSet<>();
    for (String[] row : t.rows()) {
      if (row[0].equals("0x0c")) {
        workgroups.add(row[1]);
      } else {
        hosts.add(row[1]);
        versions.add(row[2] + "." + row[3]);
        types.add(NetbiosDatagramDissector.serverTypes(Integer.decode(row[4])));
      }
    }

    assertThat(t.rows()).isNotEmpty();
    assertThat(run.values(NetbiosDatagramDissector.BROWSER_HOST)).containsExactlyElementsOf(hosts);
    assertThat(run.values(NetbiosDatagramDissector.BROWSER_OS_VERSION))
        .containsExactlyElementsOf(versions);
    assertThat(run.values(NetbiosDatagramDissector.BROWSER_SERVER_TYPE))
        .containsExactlyElementsOf(types);
    assertThat(run.values(NetbiosDatagramDissector.BROWSER_WORKGROUP))
        .containsExactlyElementsOf(workgroups);
  }

  @Test
  void shouldIgnoreEveryTruncationOfARealAnnouncementWithoutThrowing() {
    byte[] datagram =
        java.util.HexFormat.of()
            .parseHex(
                Tshark.available()
                    ? Tshark.fields(
                            "ndpi/netbios.pcap", List.of("-Y", "frame.number == 20"), "udp.payload")
                        .perPacket("udp.payload")
                        .get(0)
                    : "11");
    RecordingFlowContext ctx = RecordingFlowContext.between(138, 138);
    DissectorDriver d = new DissectorDriver(new NetbiosDatagramDissector(), ctx);

    for (int n = 0; n <= datagram.length; n++) {
      d.feedUnprobed(true, n, Arrays.copyOf(datagram, n));
    }

    assertThat(ctx.values(NetbiosDatagramDissector.BROWSER_HOST)).containsOnly("NVR9");
  }

  @Test
  void shouldNameServerTypeBits() {
    assertThat(NetbiosDatagramDissector.serverTypes(0x00011007))
        .isEqualTo("workstation,server,sql_server,nt_workstation,potential_browser");
    assertThat(NetbiosDatagramDissector.serverTypes(0)).isEmpty();
  }
}

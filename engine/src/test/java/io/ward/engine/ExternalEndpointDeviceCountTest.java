package io.ward.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ward.capture.CaptureSource;
import io.ward.capture.ProgressListener;
import io.ward.model.ExternalEndpoint;
import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An external endpoint's device count is every device that exchanged a flow with it: the peers the
 * inventory keeps per protocol of each address (32) undercounted a CDN that forty workstations each
 * fetched from at forty addresses, and a service on a port with no name counted no device.
 */
class ExternalEndpointDeviceCountTest {

  @TempDir Path dir;

  static final long ROUTER = 0x00_1b_54_00_00_01L;
  static final int WORKSTATIONS = 40;
  static final int CDN_ADDRESSES = 40;

  /** Each workstation opens a TLS connection to every CDN address, and one to port 40000. */
  private Path capture() throws Exception {
    CraftedPcap pcap = new CraftedPcap();
    pcap.arpReply(ROUTER, "10.0.0.1", 0x00_1c_05_00_00_00L, "10.0.1.1");
    for (int w = 1; w <= WORKSTATIONS; w++) {
      long mac = 0x00_1c_05_00_00_00L + w;
      String ip = "10.0.1." + w;
      for (int c = 1; c <= CDN_ADDRESSES; c++) {
        String cdn = "203.0.113." + c;
        pcap.tcp(mac, ip, 40_000 + c, ROUTER, cdn, 443, 0x02);
        pcap.tcp(ROUTER, cdn, 443, mac, ip, 40_000 + c, 0x12);
      }
      pcap.tcp(mac, ip, 50_000, ROUTER, "198.51.100.7", 40_000, 0x02);
      pcap.tcp(ROUTER, "198.51.100.7", 40_000, mac, ip, 50_000, 0x12);
    }
    return pcap.write(dir.resolve("cdn.pcap"));
  }

  @Test
  void shouldCountEveryWorkstationOfEachInternetHost() throws Exception {
    AnalysisResult r =
        new Analyzer(AnalysisOptions.defaults())
            .analyze(List.of(CaptureSource.ofPath(capture())), ProgressListener.NONE);

    assertThat(r.devices()).hasSize(WORKSTATIONS + 1); // and the router, at 10.0.0.1
    assertThat(r.external()).hasSize(CDN_ADDRESSES + 1);
    assertThat(r.external())
        .allSatisfy(
            e -> {
              assertThat(e.deviceCount()).as(e.ip().toString()).isEqualTo(WORKSTATIONS);
              assertThat(e.deviceIds()).hasSize(ExternalEndpoint.MAX_LISTED_DEVICES);
              assertThat(e.deviceCountExact()).isTrue();
            });

    ByteArrayOutputStream json = new ByteArrayOutputStream();
    InventoryJson.write(r, json);
    JsonNode external = new ObjectMapper().readTree(json.toByteArray()).path("external");
    assertThat(external).hasSize(CDN_ADDRESSES + 1);
    external.forEach(
        e -> {
          assertThat(e.path("deviceCount").asInt()).isEqualTo(WORKSTATIONS);
          assertThat(e.path("deviceCountExact").isBoolean()).isTrue();
          assertThat(e.path("deviceCountExact").asBoolean()).isTrue();
        });
  }
}

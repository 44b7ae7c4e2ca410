package io.ward.server.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ward.capture.ProgressListener;
import io.ward.inventory.KnowledgeBase;
import io.ward.model.Device;
import io.ward.model.IpNetwork;
import io.ward.server.config.WardProperties;
import io.ward.server.inventory.FlowHourRow;
import io.ward.simulate.HospitalSimulator;
import io.ward.simulate.SimulationConfig;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.util.unit.DataSize;

/**
 * What ingest stores of a capture: the devices, never the internet hosts they talked to (which the
 * simulator's hospital reaches through its router), and flow hours only between devices.
 */
class CapturePipelineTest {

  @TempDir static Path dir;
  static Path pcap;
  static KnowledgeBase kb;

  @BeforeAll
  static void simulate() throws Exception {
    pcap = dir.resolve("hospital.pcap");
    try (OutputStream out = Files.newOutputStream(pcap)) {
      new HospitalSimulator(SimulationConfig.of(80, 3, 7)).run(out, Optional.empty());
    }
    kb = KnowledgeBase.load(Optional.empty());
  }

  private static Set<String> ids(List<Device> devices) {
    Set<String> ids = new HashSet<>();
    devices.forEach(d -> ids.add(d.id()));
    return ids;
  }

  @Test
  void shouldStoreNoExternalEndpointAsADeviceNorAFlowHourWithOne() throws Exception {
    CapturePipeline.Result r =
        new CapturePipeline(kb, 1, List.of()).analyze(pcap, "h.pcap", ProgressListener.NONE);

    assertThat(r.external())
        .extracting(e -> e.ip().toString())
        .anyMatch(ip -> ip.startsWith("203.0.113."));
    assertThat(r.devices())
        .flatExtracting(Device::ips)
        .extracting(Object::toString)
        .noneMatch(ip -> ip.startsWith("203.0.113.") || ip.startsWith("198.51.100."));
    Set<String> ids = ids(r.devices());
    List<FlowHourRow> hours = r.flowHours();
    assertThat(hours).isNotEmpty();
    assertThat(hours).allSatisfy(h -> assertThat(ids).contains(h.clientKey(), h.serverKey()));
    // Resolved as before, a flow with an internet host names the router, whose MAC its frames
    // carry, as the server: those rows, and only those, are left out.
    List<FlowHourRow> viaRouter = r.flows().resolve(r.devices());
    Set<FlowHourRow> kept = new HashSet<>(hours);
    List<FlowHourRow> left = viaRouter.stream().filter(h -> !kept.contains(h)).toList();
    assertThat(left).isNotEmpty();
    assertThat(left).extracting(FlowHourRow::protocol).containsOnly("tls");
    Set<String> routers = new HashSet<>();
    left.forEach(h -> routers.add(h.serverKey()));
    assertThat(routers).hasSize(1);
    assertThat(hours).noneMatch(h -> routers.contains(h.serverKey()) && h.protocol().equals("tls"));
    assertThat(kept).allMatch(viaRouter::contains);
  }

  @Test
  void shouldStoreHostsOfADeclaredInternalRangeAsDevices() throws Exception {
    CapturePipeline.Result r =
        new CapturePipeline(kb, 1, List.of(IpNetwork.parse("203.0.113.0/24")))
            .analyze(pcap, "h.pcap", ProgressListener.NONE);

    assertThat(r.external())
        .extracting(e -> e.ip().toString())
        .noneMatch(ip -> ip.startsWith("203.0.113."));
    assertThat(ids(r.devices())).anyMatch(id -> id.startsWith("ip:203.0.113."));
    assertThat(r.flowHours()).anyMatch(h -> h.serverKey().startsWith("ip:203.0.113."));
  }

  @Test
  void shouldRefuseAnInternalNetThatIsNotCidrNamingTheSetting() {
    assertThatThrownBy(
            () -> new WardProperties.Ingest(1, 1, DataSize.ofGigabytes(8), List.of("10.0.0.0/33")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("ward.ingest.internal-nets (WARD_INGEST_INTERNALNETS)")
        .hasMessageContaining("10.0.0.0");
    assertThat(
            new WardProperties.Ingest(
                    1, 1, DataSize.ofGigabytes(8), List.of("10.0.0.0/8", "2001:db8::/32"))
                .internalNetworks())
        .hasSize(2);
  }
}

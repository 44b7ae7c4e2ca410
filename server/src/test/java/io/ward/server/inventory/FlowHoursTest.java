package io.ward.server.inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.ward.capture.CaptureEngine;
import io.ward.capture.CaptureOptions;
import io.ward.capture.CaptureSource;
import io.ward.capture.ProgressListener;
import io.ward.capture.dissect.ObservationSink;
import io.ward.inventory.InventoryBuilder;
import io.ward.inventory.KnowledgeBase;
import io.ward.model.Category;
import io.ward.model.Criticality;
import io.ward.model.Device;
import io.ward.model.Endpoint;
import io.ward.model.Flow;
import io.ward.model.IpAddress;
import io.ward.model.MacAddress;
import io.ward.model.Observation;
import io.ward.model.Transport;
import io.ward.server.TestData;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The flow hours of a capture, as the server stores them, from real captures of shared/data. */
class FlowHoursTest {

  /** The capture's flow hours, with the devices its inventory named. */
  private record Analysed(List<Device> devices, List<FlowHourRow> rows) {}

  private static Analysed analyse(String capture) throws Exception {
    InventoryBuilder inventory = new InventoryBuilder(KnowledgeBase.loadDefault());
    FlowHours hours = new FlowHours();
    new CaptureEngine(CaptureOptions.defaults())
        .analyze(
            CaptureSource.ofPath(TestData.file(capture)),
            new ObservationSink() {
              @Override
              public void observation(Observation o) {
                inventory.observation(o);
              }

              @Override
              public void flow(Flow f) {
                inventory.flow(f);
                hours.add(f);
              }
            },
            ProgressListener.NONE);
    List<Device> devices = inventory.build();
    return new Analysed(devices, hours.resolve(devices));
  }

  private static String deviceWithMac(List<Device> devices, String mac) {
    MacAddress m = MacAddress.parse(mac);
    return devices.stream()
        .filter(d -> d.mac().equals(Optional.of(m)))
        .map(Device::id)
        .findFirst()
        .orElseThrow(() -> new AssertionError("no device with MAC " + mac));
  }

  @Test
  void shouldGiveTheClientARelayForwardedTheFlowToItsServer() throws Exception {
    // tcpdump dhcp-mud.pcap: relay 62.12.173.121 forwards a Raspberry Pi's DHCPREQUEST (chaddr
    // b8:27:eb:b8:53:c8) to the server 62.12.173.114, which answers the relay.
    Analysed a = analyse("pcaps/tcpdump/dhcp-mud.pcap");
    String relay = deviceWithMac(a.devices(), "00:23:eb:10:2c:29");
    String server = deviceWithMac(a.devices(), "00:23:54:c2:57:02");
    String pi = deviceWithMac(a.devices(), "b8:27:eb:b8:53:c8");

    assertThat(a.rows())
        .filteredOn(r -> r.protocol().equals("dhcp"))
        .extracting(
            FlowHourRow::clientKey,
            FlowHourRow::serverKey,
            FlowHourRow::serverPort,
            FlowHourRow::flows,
            FlowHourRow::packets)
        .containsExactlyInAnyOrder(
            tuple(relay, server, 67, 1L, 2L),
            // The Pi's own flow hour: the flow once, its packets left with the relay's.
            tuple(pi, server, 67, 1L, 0L));
  }

  @Test
  void shouldCountAClientOnceWhateverItsOtherNamesOnTheFlow() {
    // A DISCOVER from 0.0.0.0 whose sender is named again as chaddr, and a second client seen on
    // two VLANs, towards a DHCP server that is a device (a relay-less unicast, as some stacks do).
    MacAddress first = MacAddress.parse("02:00:00:00:00:01");
    MacAddress second = MacAddress.parse("02:00:00:00:00:02");
    MacAddress serverMac = MacAddress.parse("02:00:00:00:00:0f");
    IpAddress serverIp = IpAddress.parse("10.0.0.1");
    long t0 = 1_700_000_000_000_000_000L;
    Flow f =
        new Flow(
            Endpoint.of(first, IpAddress.parse("0.0.0.0"), 0),
            68,
            Endpoint.of(serverMac, serverIp, 0),
            67,
            Transport.UDP,
            0,
            Optional.of("dhcp"),
            false,
            4,
            1_400,
            0,
            0,
            t0,
            t0 + 1_000,
            List.of(
                new Flow.OtherClient(Endpoint.ofMac(first, 0), t0, t0),
                new Flow.OtherClient(Endpoint.ofMac(second, 0), t0 + 10, t0 + 20),
                new Flow.OtherClient(Endpoint.ofMac(second, 30), t0 + 30, t0 + 40)));
    FlowHours hours = new FlowHours();
    hours.add(f);
    List<Device> devices =
        List.of(
            device("mac:02:00:00:00:00:01", first, List.of()),
            device("mac:02:00:00:00:00:02", second, List.of()),
            device("mac:02:00:00:00:00:0f", serverMac, List.of(serverIp)));
    assertThat(hours.resolve(devices))
        .extracting(FlowHourRow::clientKey, FlowHourRow::flows, FlowHourRow::packets)
        .containsExactlyInAnyOrder(
            tuple("mac:02:00:00:00:00:01", 1L, 4L), tuple("mac:02:00:00:00:00:02", 1L, 0L));
  }

  private static Device device(String id, MacAddress mac, List<IpAddress> ips) {
    return new Device(
        id,
        Optional.of(mac),
        ips,
        List.of(),
        Set.of(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Category.UNKNOWN,
        Optional.empty(),
        false,
        Criticality.LOW,
        Set.of(),
        Set.of(),
        Set.of(),
        Set.of(),
        0,
        0,
        List.of());
  }
}

package io.ward.exposure.risk;

import static org.assertj.core.api.Assertions.assertThat;

import io.ward.model.Category;
import io.ward.model.Criticality;
import io.ward.model.Device;
import io.ward.model.Endpoint;
import io.ward.model.Flow;
import io.ward.model.IpAddress;
import io.ward.model.MacAddress;
import io.ward.model.Transport;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Small inventories of model devices and flows: one public peer makes a device internet-exposed, a
 * peer in another VLAN or subnet enterprise-exposed, peers only in its own segment segmented (when
 * every flow is listed), and no traffic unknown.
 */
class TrafficExposureTest {

  static Device device(String id, String mac, String ip, Set<Integer> vlans) {
    return new Device(
        id,
        Optional.ofNullable(mac).map(MacAddress::parse),
        ip == null ? List.of() : List.of(IpAddress.parse(ip)),
        List.of(),
        vlans,
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Category.INFUSION_PUMP,
        Optional.empty(),
        true,
        Criticality.HIGH,
        Set.of("hl7"),
        Set.of(),
        Set.of(),
        Set.of(),
        1L,
        2L,
        List.of());
  }

  static Flow flow(String client, String server, int vlan) {
    return new Flow(
        Endpoint.ofIp(IpAddress.parse(client), vlan),
        49152,
        Endpoint.ofIp(IpAddress.parse(server), vlan),
        2575,
        Transport.TCP,
        vlan,
        Optional.of("hl7"),
        false,
        5,
        500,
        5,
        500,
        1L,
        2L);
  }

  static final Device PUMP =
      device("mac:00:d0:75:00:00:01", "00:d0:75:00:00:01", "10.20.1.11", Set.of(20));
  static final Device PUMP2 =
      device("mac:00:d0:75:00:00:02", "00:d0:75:00:00:02", "10.20.1.12", Set.of(20));
  static final Device EMR =
      device("mac:00:1b:21:00:00:03", "00:1b:21:00:00:03", "10.50.1.3", Set.of(50));

  private static Exposure of(Map<String, TrafficExposure.Derived> m, Device d) {
    return m.get(d.id()).exposure().exposure();
  }

  @Test
  void shouldCallADeviceTalkingToAPublicAddressInternetExposed() {
    var m =
        TrafficExposure.derive(
            List.of(PUMP, PUMP2, EMR),
            List.of(flow("10.20.1.11", "8.8.8.8", 20), flow("10.20.1.11", "10.20.1.12", 20)),
            true);
    assertThat(of(m, PUMP)).isEqualTo(Exposure.INTERNET);
    assertThat(m.get(PUMP.id()).reason()).contains("8.8.8.8");
    assertThat(m.get(PUMP.id()).exposure().controls()).isEmpty();
    // The peer inside the segment is segmented; the one with no flow stays unknown.
    assertThat(of(m, PUMP2)).isEqualTo(Exposure.SEGMENTED);
    assertThat(of(m, EMR)).isEqualTo(Exposure.UNKNOWN);
    assertThat(m.get(EMR.id()).reason()).contains("no traffic");
  }

  @Test
  void shouldCallTrafficAcrossVlansEnterprise() {
    var m =
        TrafficExposure.derive(
            List.of(PUMP, PUMP2, EMR), List.of(flow("10.20.1.11", "10.50.1.3", 20)), true);
    assertThat(of(m, PUMP)).isEqualTo(Exposure.ENTERPRISE);
    assertThat(of(m, EMR)).isEqualTo(Exposure.ENTERPRISE);
    assertThat(m.get(PUMP.id()).reason()).contains("10.50.1.3").contains("outside");
    assertThat(of(m, PUMP2)).isEqualTo(Exposure.UNKNOWN);
  }

  @Test
  void shouldJudgeByVlanWhenBothAreTaggedEvenAcrossSubnets() {
    // Same VLAN 20, different /24: the VLAN decides.
    Device other = device("ip:10.21.0.5", null, "10.21.0.5", Set.of(20));
    var m =
        TrafficExposure.derive(
            List.of(PUMP, other), List.of(flow("10.21.0.5", "10.20.1.11", 20)), true);
    assertThat(of(m, PUMP)).isEqualTo(Exposure.SEGMENTED);
    // Same /24 but a different VLAN: enterprise.
    Device tagged30 = device("ip:10.20.1.99", null, "10.20.1.99", Set.of(30));
    m =
        TrafficExposure.derive(
            List.of(PUMP, tagged30), List.of(flow("10.20.1.99", "10.20.1.11", 0)), true);
    assertThat(of(m, PUMP)).isEqualTo(Exposure.ENTERPRISE);
  }

  @Test
  void shouldFallBackToTheSubnetForPeersWithoutVlans() {
    Device untagged = device("mac:00:0c:29:b5:b6:48", "00:0c:29:b5:b6:48", "10.0.0.155", Set.of());
    var m =
        TrafficExposure.derive(
            List.of(untagged), List.of(flow("10.0.0.155", "10.0.0.126", 0)), true);
    assertThat(of(m, untagged)).isEqualTo(Exposure.SEGMENTED);
    m =
        TrafficExposure.derive(
            List.of(untagged), List.of(flow("10.0.0.155", "10.0.1.126", 0)), true);
    assertThat(of(m, untagged)).isEqualTo(Exposure.ENTERPRISE);
  }

  @Test
  void shouldNotClaimSegmentedWhenNotEveryFlowIsListed() {
    var m =
        TrafficExposure.derive(
            List.of(PUMP, PUMP2), List.of(flow("10.20.1.11", "10.20.1.12", 20)), false);
    assertThat(m.get(PUMP.id()).exposure()).isEqualTo(DeviceExposure.UNKNOWN);
    assertThat(m.get(PUMP.id()).reason()).contains("does not list every flow");
    // Internet exposure needs only one flow, listed or not.
    m =
        TrafficExposure.derive(
            List.of(PUMP), List.of(flow("203.0.113.9", "10.20.1.11", 20)), false);
    assertThat(of(m, PUMP)).isEqualTo(Exposure.INTERNET);
  }

  @Test
  void shouldMatchIpv6DevicesAndTellGlobalFromLocalAddresses() {
    Device v6 = device("ip:fd00:20::11", null, "fd00:20::11", Set.of());
    var m =
        TrafficExposure.derive(
            List.of(v6), List.of(flow("fd00:20::11", "2606:4700::1111", 0)), true);
    assertThat(of(m, v6)).isEqualTo(Exposure.INTERNET);
    m = TrafficExposure.derive(List.of(v6), List.of(flow("fd00:20::11", "fd00:20::99", 0)), true);
    assertThat(of(m, v6)).isEqualTo(Exposure.SEGMENTED);
    m = TrafficExposure.derive(List.of(v6), List.of(flow("fd00:20::11", "fd00:50::3", 0)), true);
    assertThat(of(m, v6)).isEqualTo(Exposure.ENTERPRISE);
    m = TrafficExposure.derive(List.of(v6), List.of(flow("fe80::1", "fd00:20::11", 0)), true);
    assertThat(of(m, v6)).isEqualTo(Exposure.SEGMENTED);
  }

  @Test
  void shouldDrawThePublicBoundaryAtTheEdgesOfThePrivateRanges() {
    for (String inside :
        List.of(
            "10.0.0.0",
            "10.255.255.254",
            "172.16.0.1",
            "172.31.255.254",
            "192.168.0.1",
            "100.64.0.1",
            "100.127.255.254",
            "127.0.0.1",
            "169.254.1.1",
            "224.0.0.251",
            "239.255.255.250",
            "255.255.255.255",
            "0.0.0.0",
            "::1",
            "::",
            "fe80::1",
            "fc00::1",
            "fdff:ffff::1",
            "ff02::fb")) {
      assertThat(IpAddress.parse(inside).isPublic()).as(inside).isFalse();
    }
    for (String outside :
        List.of(
            "9.255.255.254",
            "11.0.0.1",
            "172.15.255.254",
            "172.32.0.1",
            "192.167.255.254",
            "192.169.0.1",
            "100.63.255.254",
            "100.128.0.1",
            "8.8.8.8",
            "2001:4860:4860::8888",
            "2606:4700::1111")) {
      assertThat(IpAddress.parse(outside).isPublic()).as(outside).isTrue();
    }
  }

  @Test
  void shouldMatchAnEndpointKnownOnlyByMacAsASameLinkPeer() {
    Flow arpLike =
        new Flow(
            Endpoint.ofIp(IpAddress.parse("10.20.1.11"), 20),
            0,
            Endpoint.ofMac(MacAddress.parse("00:d0:75:00:00:09"), 20),
            0,
            Transport.OTHER,
            20,
            Optional.empty(),
            false,
            1,
            60,
            1,
            60,
            1L,
            2L);
    var m = TrafficExposure.derive(List.of(PUMP), List.of(arpLike), true);
    assertThat(of(m, PUMP)).isEqualTo(Exposure.SEGMENTED);
  }
}

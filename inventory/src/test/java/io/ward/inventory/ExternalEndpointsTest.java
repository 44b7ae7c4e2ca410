package io.ward.inventory;

import static io.ward.inventory.Inputs.at;
import static io.ward.inventory.Inputs.ip;
import static io.ward.inventory.Inputs.ipOnly;
import static io.ward.inventory.Inputs.obs;
import static io.ward.inventory.Inputs.tcp;
import static io.ward.inventory.Inputs.udp;
import static io.ward.model.ObservationFields.ARP_IP;
import static io.ward.model.ObservationFields.DNS_NAME;
import static io.ward.model.ObservationFields.TLS_SNI;
import static org.assertj.core.api.Assertions.assertThat;

import io.ward.model.Device;
import io.ward.model.ExternalEndpoint;
import io.ward.model.IpNetwork;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which addresses are internet hosts rather than devices, and what is said about them. */
class ExternalEndpointsTest {
  static KnowledgeBase kb;

  static final String ROUTER = "00:1b:54:00:00:01"; // Cisco
  static final String HOST = "00:1c:05:00:00:02";
  static final String OTHER_HOST = "00:1c:05:00:00:03";

  @BeforeAll
  static void load(@TempDir Path noIeeeData) throws Exception {
    kb = KnowledgeBase.load(Optional.empty(), noIeeeData);
  }

  /** A router (ARP binds it a private address) carrying two hosts' TLS to a cloud service. */
  private static InventoryBuilder cloudTraffic() {
    InventoryBuilder b = new InventoryBuilder(kb);
    b.observation(obs(0, at(ROUTER, "10.0.0.1"), ARP_IP, "10.0.0.1"));
    b.flow(tcp(at(HOST, "10.0.0.50"), at(ROUTER, "198.51.100.20"), 443, "tls", 1));
    b.flow(tcp(at(HOST, "10.0.0.50"), at(ROUTER, "198.51.100.20"), 443, "tls", 2));
    b.flow(tcp(at(OTHER_HOST, "10.0.0.51"), at(ROUTER, "198.51.100.20"), 443, "tls", 3));
    b.observation(obs(3, at(ROUTER, "198.51.100.20"), TLS_SNI, "update.googleapis.com"));
    b.observation(obs(0, ipOnly("198.51.100.20"), DNS_NAME, "update.googleapis.com"));
    return b;
  }

  private static List<String> ids(List<Device> devices) {
    return devices.stream().map(Device::id).toList();
  }

  @Test
  void shouldListAPublicHostSeenOnlyBehindARouterAsExternalNotAsADevice() {
    Inventory inventory = cloudTraffic().inventory(1, List.of());

    assertThat(ids(inventory.devices()))
        .containsExactly("mac:" + ROUTER, "mac:" + HOST, "mac:" + OTHER_HOST);
    assertThat(inventory.external()).hasSize(1);
    ExternalEndpoint e = inventory.external().get(0);
    assertThat(e.ip()).isEqualTo(ip("198.51.100.20"));
    assertThat(e.hostnames()).containsExactly("update.googleapis.com");
    assertThat(e.protocols()).containsExactly("tls");
    assertThat(e.flows()).isEqualTo(3);
    assertThat(e.packets()).isEqualTo(18); // 3 + 3 per flow
    assertThat(e.bytes()).isEqualTo(1800);
    assertThat(e.firstSeenEpochNanos()).isEqualTo(Inputs.T0 + 0); // the DNS answer
    assertThat(e.deviceIds()).containsExactly("mac:" + HOST, "mac:" + OTHER_HOST);
    assertThat(e.deviceCount()).isEqualTo(2);
  }

  @Test
  void shouldLeaveExternalEndpointsOutOfBuild() {
    assertThat(ids(cloudTraffic().build()))
        .containsExactly("mac:" + ROUTER, "mac:" + HOST, "mac:" + OTHER_HOST);
  }

  @Test
  void shouldKeepAPublicHostInADeclaredInternalRangeAsADevice() {
    Inventory inventory = cloudTraffic().inventory(1, List.of(IpNetwork.parse("198.51.100.0/24")));

    assertThat(inventory.external()).isEmpty();
    assertThat(ids(inventory.devices())).contains("ip:198.51.100.20");
  }

  @Test
  void shouldStillListAHostOutsideTheDeclaredRanges() {
    Inventory inventory = cloudTraffic().inventory(1, List.of(IpNetwork.parse("198.51.101.0/24")));

    assertThat(inventory.external()).extracting(ExternalEndpoint::ip).contains(ip("198.51.100.20"));
  }

  @Test
  void shouldKeepAPublicHostOnTheCapturedSegmentAsADevice() {
    // A hospital numbering its own network from public space: the server answers ARP itself.
    String server = "00:50:56:00:00:09";
    InventoryBuilder b = cloudTraffic();
    b.observation(obs(4, at(server, "198.51.100.9"), ARP_IP, "198.51.100.9"));
    b.flow(tcp(at(HOST, "10.0.0.50"), at(server, "198.51.100.9"), 443, "tls", 5));

    Inventory inventory = b.inventory(1, List.of());

    assertThat(ids(inventory.devices())).contains("mac:" + server);
    assertThat(inventory.external())
        .extracting(ExternalEndpoint::ip)
        .containsExactly(ip("198.51.100.20"));
  }

  @Test
  void shouldKeepAPublicHostThatSpeaksAClinicalProtocolAsADevice() {
    InventoryBuilder b = cloudTraffic();
    b.flow(tcp(at(HOST, "10.0.0.50"), at(ROUTER, "203.0.113.40"), 2575, "hl7", 6));

    Inventory inventory = b.inventory(1, List.of());

    assertThat(ids(inventory.devices())).contains("ip:203.0.113.40");
    assertThat(inventory.external())
        .extracting(ExternalEndpoint::ip)
        .containsExactly(ip("198.51.100.20"));
  }

  @Test
  void shouldKeepAPrivateHostBehindARouterAsADevice() {
    InventoryBuilder b = cloudTraffic();
    b.flow(tcp(at(HOST, "10.0.0.50"), at(ROUTER, "172.16.5.7"), 445, "smb", 7));

    assertThat(ids(b.inventory(1, List.of()).devices())).contains("ip:172.16.5.7");
  }

  @Test
  void shouldCountEveryClientOfAServiceBeyondThePeersEachKeyKeeps() {
    InventoryBuilder b = new InventoryBuilder(kb);
    b.observation(obs(0, at(ROUTER, "10.0.0.1"), ARP_IP, "10.0.0.1"));
    int clients = KeyRecord.MAX_PEERS + 8;
    for (int i = 0; i < clients; i++) {
      String mac = String.format("00:1c:05:00:01:%02x", i);
      b.flow(tcp(at(mac, "10.0.1." + (i + 1)), at(ROUTER, "203.0.113.10"), 443, "tls", i));
    }

    ExternalEndpoint e = b.inventory(1, List.of()).external().get(0);

    assertThat(e.deviceCount()).isEqualTo(clients);
    assertThat(e.deviceIds()).hasSize(ExternalEndpoint.MAX_LISTED_DEVICES);
    assertThat(e.deviceIds()).isSorted();
  }

  @Test
  void shouldCountEveryDeviceOfAnEndpointWhenEachDeviceReachesMorePeersThanARecordKeeps() {
    // Workstations that each fetch from every address of a CDN: every key then holds more peers per
    // protocol than KeyRecord keeps, and a device past both ends' bounds went uncounted (the eight
    // largest addresses counted 32 of 40).
    InventoryBuilder b = new InventoryBuilder(kb);
    b.observation(obs(0, at(ROUTER, "10.0.0.1"), ARP_IP, "10.0.0.1"));
    int devices = KeyRecord.MAX_PEERS + 8;
    int servers = KeyRecord.MAX_PEERS + 8;
    for (int i = 0; i < devices; i++) {
      String mac = String.format("00:1c:05:00:01:%02x", i);
      for (int j = 0; j < servers; j++) {
        b.flow(tcp(at(mac, "10.0.1." + (i + 1)), at(ROUTER, "203.0.113." + (j + 1)), 443, null, j));
      }
    }

    List<ExternalEndpoint> external = b.inventory(1, List.of()).external();

    assertThat(external).hasSize(servers);
    assertThat(external)
        .allSatisfy(
            e -> {
              assertThat(e.deviceCount()).as(e.ip().toString()).isEqualTo(devices);
              assertThat(e.deviceCountExact()).isTrue();
            });
  }

  @Test
  void shouldCountTheDevicesOfAnEndpointReachedOnAPortWithNoName() {
    // No application protocol and no port name: no peer was recorded, so the count was 0.
    InventoryBuilder b = new InventoryBuilder(kb);
    b.observation(obs(0, at(ROUTER, "10.0.0.1"), ARP_IP, "10.0.0.1"));
    b.flow(tcp(at(HOST, "10.0.0.50"), at(ROUTER, "198.51.100.7"), 40_000, null, 1));
    b.flow(udp(at(OTHER_HOST, "10.0.0.51"), at(ROUTER, "198.51.100.7"), 40_001, 2));

    ExternalEndpoint e = b.inventory(1, List.of()).external().get(0);

    assertThat(e.ip()).isEqualTo(ip("198.51.100.7"));
    assertThat(e.deviceIds()).containsExactly("mac:" + HOST, "mac:" + OTHER_HOST);
    assertThat(e.deviceCount()).isEqualTo(2);
  }

  @Test
  void shouldCountTheSameDevicesWhenTheInputWasSplitOverSeveralBuilders() {
    // Capture workers each feed a builder of their own; the peers' indices differ between them.
    InventoryBuilder whole = new InventoryBuilder(kb);
    InventoryBuilder first = new InventoryBuilder(kb);
    InventoryBuilder second = new InventoryBuilder(kb);
    for (InventoryBuilder b : List.of(whole, first)) {
      b.observation(obs(0, at(ROUTER, "10.0.0.1"), ARP_IP, "10.0.0.1"));
    }
    for (int i = 0; i < 50; i++) {
      String mac = String.format("00:1c:05:00:02:%02x", i);
      for (int j = 0; j < 3; j++) {
        var f = tcp(at(mac, "10.0.2." + (i + 1)), at(ROUTER, "203.0.113." + (j + 1)), 443, null, i);
        whole.flow(f);
        (i % 2 == j % 2 ? first : second).flow(f);
      }
    }
    first.merge(second);

    assertThat(first.inventory(1, List.of()).external())
        .isEqualTo(whole.inventory(1, List.of()).external())
        .allSatisfy(e -> assertThat(e.deviceCount()).isEqualTo(50));
  }

  // ---- captures with no link layer (raw IP, BSD loopback, tunnels in Linux cooked captures) ----

  @Test
  void shouldListAPublicHostAsExternalWhenNoFrameCarriedAMacAndItTalkedWithAPrivateHost() {
    InventoryBuilder b = new InventoryBuilder(kb);
    b.flow(tcp(ipOnly("10.0.0.50"), ipOnly("198.51.100.20"), 443, "tls", 1));
    b.flow(tcp(ipOnly("10.0.0.51"), ipOnly("198.51.100.20"), 443, "tls", 2));
    b.flow(tcp(ipOnly("10.0.0.50"), ipOnly("10.0.0.9"), 445, "smb", 3));
    b.observation(obs(0, ipOnly("198.51.100.20"), DNS_NAME, "update.googleapis.com"));

    Inventory inventory = b.inventory(1, List.of());

    assertThat(ids(inventory.devices()))
        .containsExactly("ip:10.0.0.50", "ip:10.0.0.51", "ip:10.0.0.9");
    ExternalEndpoint e = inventory.external().get(0);
    assertThat(e.ip()).isEqualTo(ip("198.51.100.20"));
    assertThat(e.hostnames()).containsExactly("update.googleapis.com");
    assertThat(e.deviceIds()).containsExactly("ip:10.0.0.50", "ip:10.0.0.51");
    assertThat(inventory.external()).hasSize(1);
  }

  @Test
  void shouldTreatCarrierGradeNatAndUniqueLocalAddressesAsTheSitesWithNoLinkLayer() {
    InventoryBuilder b = new InventoryBuilder(kb);
    b.flow(tcp(ipOnly("100.64.3.4"), ipOnly("198.51.100.20"), 443, "tls", 1));
    b.flow(tcp(ipOnly("fd12:3456::7"), ipOnly("2001:db8:100::20"), 443, "tls", 2));

    assertThat(b.inventory(1, List.of()).external())
        .extracting(ExternalEndpoint::ip)
        .containsExactly(ip("198.51.100.20"), ip("2001:db8:100::20"));
  }

  @Test
  void shouldKeepPublicHostsThatTalkedOnlyWithPublicHostsAsDevicesWithNoLinkLayer() {
    // Which side is the hospital's? Nothing tells, until the user declares its range.
    InventoryBuilder b = new InventoryBuilder(kb);
    b.flow(tcp(ipOnly("2001:db8:20::10"), ipOnly("2001:db8:100::20"), 443, "tls", 1));
    b.flow(tcp(ipOnly("192.0.2.10"), ipOnly("198.51.100.20"), 443, "tls", 2));

    Inventory plain = b.inventory(1, List.of());
    Inventory declared =
        b.inventory(
            1, List.of(IpNetwork.parse("2001:db8:20::/64"), IpNetwork.parse("192.0.2.0/24")));

    assertThat(plain.external()).isEmpty();
    assertThat(ids(plain.devices())).hasSize(4);
    assertThat(ids(declared.devices())).containsExactly("ip:192.0.2.10", "ip:2001:db8:20::10");
    assertThat(declared.external())
        .extracting(ExternalEndpoint::ip)
        .containsExactly(ip("198.51.100.20"), ip("2001:db8:100::20"));
  }

  @Test
  void shouldKeepADeclaredOrClinicalPublicHostAsADeviceWithNoLinkLayer() {
    InventoryBuilder b = new InventoryBuilder(kb);
    b.flow(tcp(ipOnly("10.0.0.50"), ipOnly("198.51.100.20"), 443, "tls", 1));
    b.flow(tcp(ipOnly("10.0.0.50"), ipOnly("203.0.113.40"), 2575, "hl7", 2));

    Inventory inventory = b.inventory(1, List.of(IpNetwork.parse("198.51.100.0/24")));

    assertThat(inventory.external()).isEmpty();
    assertThat(ids(inventory.devices())).contains("ip:198.51.100.20", "ip:203.0.113.40");
  }

  @Test
  void shouldNotTakeLoopbackOrLinkLocalPeersForTheSitesHosts() {
    // A public address talking with 127.0.0.1 is the capturing host's own; with fe80:: it is on the
    // link: neither is beyond a router.
    InventoryBuilder b = new InventoryBuilder(kb);
    b.flow(tcp(ipOnly("127.0.0.1"), ipOnly("198.51.100.20"), 443, "tls", 1));
    b.flow(udp(ipOnly("fe80::1"), ipOnly("2001:db8:100::20"), 547, 2));

    assertThat(b.inventory(1, List.of()).external()).isEmpty();
  }

  @Test
  void shouldKeepAPublicHostWhoseOwnFramesCarriedItsMacAsADevice() {
    // A Linux cooked capture names only the sender's MAC: the server's frames to 192.0.2.50 carry
    // none, its answers carry its own MAC, so it is a host of the segment, as on the wire.
    String server = "00:50:56:00:00:09";
    String neighbour = "00:50:56:00:00:50";
    InventoryBuilder b = new InventoryBuilder(kb);
    b.flow(tcp(at(server, "10.0.0.10"), ipOnly("192.0.2.50"), 443, "tls", 1));
    b.flow(tcp(at(neighbour, "192.0.2.50"), ipOnly("10.0.0.10"), 8080, "http", 2));

    Inventory inventory = b.inventory(1, List.of());

    assertThat(inventory.external()).isEmpty();
    assertThat(ids(inventory.devices())).containsExactly("mac:" + server, "mac:" + neighbour);
  }

  @Test
  void shouldTakeOnlyRfc1918SharedAndUniqueLocalRangesForPrivate() {
    for (String inside :
        List.of(
            "10.0.0.0",
            "10.255.255.255",
            "172.16.0.1",
            "172.31.255.254",
            "192.168.1.1",
            "100.64.0.1",
            "100.127.255.254",
            "fc00::1",
            "fdff:ffff::1")) {
      assertThat(ExternalEndpoints.isPrivate(ip(inside))).as(inside).isTrue();
    }
    for (String outside :
        List.of(
            "9.255.255.255",
            "11.0.0.1",
            "172.15.255.255",
            "172.32.0.1",
            "192.169.0.1",
            "100.63.255.255",
            "100.128.0.1",
            "127.0.0.1",
            "169.254.1.1",
            "198.51.100.20",
            "fe80::1",
            "fbff::1",
            "fe00::1",
            "::1",
            "2001:db8::1")) {
      assertThat(ExternalEndpoints.isPrivate(ip(outside))).as(outside).isFalse();
    }
  }

  // ---- why each is external, and what its unnamed flows are called ----

  @Test
  void shouldSayAnEndpointBehindARouterIsExternalBecauseOfTheRouter() {
    ExternalEndpoint e = cloudTraffic().inventory(1, List.of()).external().get(0);

    assertThat(e.reason()).isEqualTo(ExternalEndpoint.Reason.BEHIND_ROUTER);
    assertThat(e.reason().id()).isEqualTo("behind-router");
  }

  @Test
  void shouldSayAnEndpointWithNoLinkLayerIsExternalBecauseItTalkedWithASiteHost() {
    InventoryBuilder b = new InventoryBuilder(kb);
    b.flow(tcp(ipOnly("10.0.0.50"), ipOnly("198.51.100.20"), 443, "tls", 1));

    ExternalEndpoint e = b.inventory(1, List.of()).external().get(0);

    assertThat(e.reason()).isEqualTo(ExternalEndpoint.Reason.NO_LINK_LAYER);
    assertThat(e.reason().id()).isEqualTo("no-link-layer");
    assertThat(e.reason().description()).doesNotContain("router");
  }

  @Test
  void shouldNameTheFlowsOfAnEndpointThatNoProtocolNamesByTransportAndPort() {
    InventoryBuilder b = new InventoryBuilder(kb);
    b.observation(obs(0, at(ROUTER, "10.0.0.1"), ARP_IP, "10.0.0.1"));
    b.flow(tcp(at(HOST, "10.0.0.50"), at(ROUTER, "198.51.100.7"), 40_000, null, 1));
    // The same client and server on another port: not a repeat of the first flow.
    b.flow(tcp(at(HOST, "10.0.0.50"), at(ROUTER, "198.51.100.7"), 40_002, null, 2));
    b.flow(udp(at(OTHER_HOST, "10.0.0.51"), at(ROUTER, "198.51.100.7"), 40_001, 3));
    b.flow(tcp(at(OTHER_HOST, "10.0.0.51"), at(ROUTER, "198.51.100.7"), 443, "tls", 4));

    Inventory inventory = b.inventory(1, List.of());

    assertThat(inventory.external().get(0).protocols())
        .containsExactlyInAnyOrder("tcp/40000", "tcp/40002", "udp/40001", "tls");
    // Devices list the protocols they spoke, as before: an unnamed port is not one.
    Device host =
        inventory.devices().stream()
            .filter(d -> d.id().equals("mac:" + HOST))
            .findFirst()
            .orElseThrow();
    assertThat(host.protocolsAsClient()).isEmpty();
  }

  @Test
  void shouldKeepAtMostSixteenUnnamedFlowNamesPerEndpointTheSmallest() {
    InventoryBuilder b = new InventoryBuilder(kb);
    b.observation(obs(0, at(ROUTER, "10.0.0.1"), ARP_IP, "10.0.0.1"));
    for (int port = 40_000; port < 40_030; port++) {
      b.flow(tcp(at(HOST, "10.0.0.50"), at(ROUTER, "198.51.100.7"), port, null, port));
    }

    ExternalEndpoint e = b.inventory(1, List.of()).external().get(0);

    assertThat(e.protocols()).hasSize(KeyRecord.MAX_UNNAMED_PROTOCOLS).contains("tcp/40000");
    assertThat(e.protocols()).doesNotContain("tcp/40029");
    assertThat(e.flows()).isEqualTo(30);
  }

  @Test
  void shouldNameUnnamedFlowsAlikeWhenTheInputWasSplitOverSeveralBuilders() {
    InventoryBuilder first = new InventoryBuilder(kb);
    InventoryBuilder second = new InventoryBuilder(kb);
    first.observation(obs(0, at(ROUTER, "10.0.0.1"), ARP_IP, "10.0.0.1"));
    first.flow(tcp(at(HOST, "10.0.0.50"), at(ROUTER, "198.51.100.7"), 8443, null, 1));
    second.flow(udp(at(HOST, "10.0.0.50"), at(ROUTER, "198.51.100.7"), 40_001, 2));
    first.merge(second);

    assertThat(first.inventory(1, List.of()).external().get(0).protocols())
        .containsExactlyInAnyOrder("tcp/8443", "udp/40001");
  }
}

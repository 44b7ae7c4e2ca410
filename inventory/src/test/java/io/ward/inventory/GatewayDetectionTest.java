package io.ward.inventory;

import static io.ward.inventory.Inputs.at;
import static io.ward.inventory.Inputs.ip;
import static io.ward.inventory.Inputs.obs;
import static io.ward.inventory.Inputs.tcp;
import static io.ward.inventory.Inputs.udp;
import static io.ward.model.ObservationFields.ARP_IP;
import static org.assertj.core.api.Assertions.assertThat;

import io.ward.model.Category;
import io.ward.model.Device;
import io.ward.model.Evidence;
import io.ward.model.ExternalEndpoint;
import io.ward.model.IpAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A router found from the few addresses a small capture shows behind it, with no ARP or DHCP that
 * binds it an address: a capture at one workstation's port, whose internet hosts all arrive with
 * the router's MAC.
 */
class GatewayDetectionTest {
  static KnowledgeBase kb;

  static final String ROUTER = "00:1b:54:00:00:01"; // Cisco
  static final String HOST = "00:1c:05:00:00:02";

  @BeforeAll
  static void load(@TempDir Path noIeeeData) throws Exception {
    kb = KnowledgeBase.load(Optional.empty(), noIeeeData);
  }

  private static Device device(Inventory inventory, String id) {
    return inventory.devices().stream().filter(d -> d.id().equals(id)).findFirst().orElseThrow();
  }

  private static List<IpAddress> externalIps(Inventory inventory) {
    return inventory.external().stream().map(ExternalEndpoint::ip).toList();
  }

  @Test
  void shouldTakeAMacCarryingTwoPublicIpv4HostsForARouter() {
    InventoryBuilder b = new InventoryBuilder(kb);
    b.flow(tcp(at(HOST, "10.0.0.50"), at(ROUTER, "198.51.100.20"), 443, "tls", 1));
    b.flow(tcp(at(HOST, "10.0.0.50"), at(ROUTER, "203.0.113.7"), 443, "tls", 2));

    Inventory inventory = b.inventory(1, List.of());

    assertThat(externalIps(inventory)).containsExactly(ip("198.51.100.20"), ip("203.0.113.7"));
    assertThat(inventory.devices().stream().flatMap(d -> d.ips().stream()))
        .containsExactly(ip("10.0.0.50"));
  }

  @Test
  void shouldTakeAMacSendingFromAPrivateAndAPublicAddressForARouter() {
    InventoryBuilder b = new InventoryBuilder(kb);
    // The router answers DNS itself, and carries one web server's traffic.
    b.flow(udp(at(HOST, "10.0.0.50"), at(ROUTER, "10.0.0.1"), 53, 1));
    b.flow(tcp(at(HOST, "10.0.0.50"), at(ROUTER, "198.51.100.20"), 443, "tls", 2));

    Inventory inventory = b.inventory(1, List.of());

    assertThat(externalIps(inventory)).containsExactly(ip("198.51.100.20"));
    assertThat(device(inventory, "mac:" + ROUTER).ips()).containsExactly(ip("10.0.0.1"));
  }

  @Test
  void shouldKeepOnePublicServerOnTheSegmentAsADeviceWithItsAddress() {
    String server = "00:50:56:00:00:09";
    InventoryBuilder b = new InventoryBuilder(kb);
    b.flow(tcp(at(HOST, "198.51.100.50"), at(server, "198.51.100.9"), 443, "tls", 1));

    Inventory inventory = b.inventory(1, List.of());

    assertThat(inventory.external()).isEmpty();
    assertThat(device(inventory, "mac:" + server).ips()).containsExactly(ip("198.51.100.9"));
  }

  @Test
  void shouldKeepAHostsTemporaryIpv6AddressesOfOneNetworkOnItsMac() {
    InventoryBuilder b = new InventoryBuilder(kb);
    b.flow(tcp(at(HOST, "2001:db8:1:2::50"), at(ROUTER, "2a00:1450:4001::64"), 443, "tls", 1));
    b.flow(tcp(at(HOST, "2001:db8:1:2:a1b2::7"), at(ROUTER, "2a00:1450:4001::64"), 443, "tls", 2));

    Inventory inventory = b.inventory(1, List.of());

    assertThat(device(inventory, "mac:" + HOST).ips())
        .containsExactlyInAnyOrder(ip("2001:db8:1:2::50"), ip("2001:db8:1:2:a1b2::7"));
  }

  @Test
  void shouldTakeAMacCarryingIpv6HostsOfTwoNetworksForARouter() {
    InventoryBuilder b = new InventoryBuilder(kb);
    b.flow(tcp(at(HOST, "2001:db8:1:2::50"), at(ROUTER, "2a00:1450:4001::64"), 443, "tls", 1));
    b.flow(tcp(at(HOST, "2001:db8:1:2::50"), at(ROUTER, "2606:4700:10::6"), 443, "tls", 2));

    Inventory inventory = b.inventory(1, List.of());

    assertThat(externalIps(inventory))
        .containsExactlyInAnyOrder(ip("2a00:1450:4001::64"), ip("2606:4700:10::6"));
  }

  /** The category evidence a router's forwarding gives it. */
  private static Evidence routing(Device d) {
    return d.evidence().stream()
        .filter(e -> e.attribute().equals(Attributes.CATEGORY))
        .filter(e -> e.source().equals("behaviour:gateway"))
        .findFirst()
        .orElseThrow();
  }

  @Test
  void shouldListARouterSeenOnlyThroughTheHostsItCarriesAsANetworkDevice() {
    InventoryBuilder b = new InventoryBuilder(kb);
    b.flow(tcp(at(HOST, "10.0.0.50"), at(ROUTER, "198.51.100.20"), 443, "tls", 1_000));
    b.flow(tcp(at(HOST, "10.0.0.50"), at(ROUTER, "203.0.113.7"), 443, "tls", 5_000_000));

    Inventory inventory = b.inventory(1, List.of());

    // Before, no key named the router's MAC alone: its frames all resolved to the hosts behind it.
    Device router = device(inventory, "mac:" + ROUTER);
    assertThat(router.category()).isEqualTo(Category.NETWORK_DEVICE);
    assertThat(router.ips()).isEmpty(); // the hosts' addresses are theirs, not its
    assertThat(router.hostnames()).isEmpty(); // nor their names (TLS SNI, DNS)
    assertThat(router.protocolsAsServer()).isEmpty();
    assertThat(routing(router).observed()).isEqualTo("routes for 2 addresses");
    assertThat(routing(router).value()).isEqualTo("network-device");
    assertThat(router.firstSeenEpochNanos()).isEqualTo(Inputs.T0 + 1_000);
    assertThat(router.lastSeenEpochNanos()).isEqualTo(Inputs.T0 + 5_000_000 + 1_000_000);
    assertThat(externalIps(inventory)).containsExactly(ip("198.51.100.20"), ip("203.0.113.7"));
    assertThat(device(inventory, "mac:" + HOST).ips()).containsExactly(ip("10.0.0.50"));
    assertThat(inventory.devices()).hasSize(2);
  }

  @Test
  void shouldListARouterCarryingManyPrivateHostsAndNoAddressOfItsOwn() {
    // The core router of a server VLAN, seen from a span of a client segment: nine subnets' hosts.
    InventoryBuilder b = new InventoryBuilder(kb);
    for (int i = 1; i <= 9; i++) {
      b.flow(tcp(at(HOST, "10.0.0.50"), at(ROUTER, "10.1." + i + ".10"), 445, "smb", i));
    }

    Inventory inventory = b.inventory(1, List.of());

    Device router = device(inventory, "mac:" + ROUTER);
    assertThat(router.category()).isEqualTo(Category.NETWORK_DEVICE);
    assertThat(router.ips()).isEmpty();
    assertThat(routing(router).observed()).isEqualTo("routes for 9 addresses");
    assertThat(inventory.devices().stream().map(Device::id))
        .contains("ip:10.1.1.10", "ip:10.1.9.10");
  }

  @Test
  void shouldSayHowManyAddressesARouterWithAnAddressOfItsOwnRoutesFor() {
    InventoryBuilder b = new InventoryBuilder(kb);
    b.observation(obs(0, at(ROUTER, "10.0.0.1"), ARP_IP, "10.0.0.1"));
    b.flow(tcp(at(HOST, "10.0.0.50"), at(ROUTER, "198.51.100.20"), 443, "tls", 1));

    Device router = device(b.inventory(1, List.of()), "mac:" + ROUTER);

    assertThat(router.category()).isEqualTo(Category.NETWORK_DEVICE);
    assertThat(router.ips()).containsExactly(ip("10.0.0.1"));
    assertThat(routing(router).observed()).isEqualTo("routes for 1 address");
  }
}

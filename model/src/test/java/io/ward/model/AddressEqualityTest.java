package io.ward.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The addresses and endpoints write out equals and hashCode (for speed under the C1 compiler), so
 * they must keep a record's contract: equal exactly when every component is equal, equal hash codes
 * then, and usable as hash keys.
 */
class AddressEqualityTest {

  @Test
  void macAddressesAreEqualExactlyWhenTheirBitsAre() {
    MacAddress a = MacAddress.parse("00:09:fb:12:34:56");
    assertThat(a).isEqualTo(new MacAddress(a.bits())).hasSameHashCodeAs(new MacAddress(a.bits()));
    assertThat(a).isNotEqualTo(new MacAddress(a.bits() + 1));
    assertThat(a).isNotEqualTo(a.bits()).isNotEqualTo(null);
  }

  @Test
  void ipAddressesDifferInEitherHalf() {
    IpAddress v4 = IpAddress.parse("10.20.1.3");
    assertThat(v4)
        .isEqualTo(IpAddress.parse("10.20.1.3"))
        .hasSameHashCodeAs(IpAddress.parse("10.20.1.3"));
    assertThat(v4).isNotEqualTo(IpAddress.parse("10.20.1.4"));
    assertThat(new IpAddress(1, 7)).isNotEqualTo(new IpAddress(2, 7));
    assertThat(new IpAddress(1, 7)).isNotEqualTo(new IpAddress(1, 8));
    assertThat(v4).isNotEqualTo("10.20.1.3").isNotEqualTo(null);
  }

  @Test
  void endpointsDifferInMacIpOrVlan() {
    MacAddress mac = MacAddress.parse("00:09:fb:12:34:56");
    IpAddress ip = IpAddress.parse("10.20.1.3");
    Endpoint e = Endpoint.of(mac, ip, 20);
    assertThat(e).isEqualTo(Endpoint.of(mac, ip, 20)).hasSameHashCodeAs(Endpoint.of(mac, ip, 20));
    assertThat(e).isNotEqualTo(Endpoint.of(mac, ip, 21));
    assertThat(e).isNotEqualTo(Endpoint.of(new MacAddress(mac.bits() + 1), ip, 20));
    assertThat(e).isNotEqualTo(Endpoint.of(mac, IpAddress.parse("10.20.1.4"), 20));
    assertThat(e).isNotEqualTo(Endpoint.ofIp(ip, 20)).isNotEqualTo(Endpoint.ofMac(mac, 20));
    assertThat(new Endpoint(Optional.of(mac), Optional.empty(), 0))
        .isEqualTo(Endpoint.ofMac(mac, 0));
    assertThat(e).isNotEqualTo(mac).isNotEqualTo(null);
  }

  @Test
  void equalAddressesMeetInAHashSet() {
    Set<Endpoint> set = new HashSet<>();
    for (int i = 0; i < 1000; i++) {
      set.add(Endpoint.ofIp(IpAddress.ofV4(0x0a000000 | (i % 250)), i % 3));
    }
    // 250 addresses on 3 VLANs: every pair of them occurs (250 and 3 share no factor).
    assertThat(set).hasSize(750);
  }
}

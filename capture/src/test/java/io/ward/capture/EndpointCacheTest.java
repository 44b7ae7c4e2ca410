package io.ward.capture;

import static org.assertj.core.api.Assertions.assertThat;

import io.ward.model.Endpoint;
import io.ward.model.IpAddress;
import io.ward.model.MacAddress;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class EndpointCacheTest {

  private static final IpAddress IP = IpAddress.parse("10.20.1.143");
  private static final long MAC = MacAddress.parse("00:0f:14:55:a0:ba").bits();

  @Test
  void givesOneObjectForTheSameAddressesAndVlan() {
    EndpointCache cache = new EndpointCache();
    Endpoint e = cache.of(MAC, IP.high(), IP.low(), 20);
    assertThat(e).isEqualTo(new Endpoint(Optional.of(new MacAddress(MAC)), Optional.of(IP), 20));
    assertThat(cache.of(MAC, IP.high(), IP.low(), 20)).isSameAs(e);
    assertThat(cache.of(Packet.NO_MAC, IP.high(), IP.low(), 20))
        .isEqualTo(Endpoint.ofIp(IP, 20))
        .isNotSameAs(e);
  }

  @Test
  void neverReturnsAnEndpointThatDiffersInAnyPart() {
    // One slot: every key collides, so each lookup must check every part of the key.
    EndpointCache cache = new EndpointCache(1);
    IpAddress other = IpAddress.parse("10.20.1.144");
    Endpoint[] expected = {
      Endpoint.of(new MacAddress(MAC), IP, 20),
      Endpoint.of(new MacAddress(MAC + 1), IP, 20),
      Endpoint.of(new MacAddress(MAC), other, 20),
      Endpoint.of(new MacAddress(MAC), IpAddress.parse("fe80::1"), 20),
      Endpoint.of(new MacAddress(MAC), IP, 21),
      Endpoint.ofIp(IP, 20),
    };
    for (int round = 0; round < 2; round++) {
      for (Endpoint want : expected) {
        long mac = want.mac().map(MacAddress::bits).orElse(Packet.NO_MAC);
        IpAddress ip = want.ip().orElseThrow();
        assertThat(cache.of(mac, ip.high(), ip.low(), want.vlan())).isEqualTo(want);
      }
    }
  }
}

package io.ward.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class IpNetworkTest {

  private static IpAddress ip(String s) {
    return IpAddress.parse(s);
  }

  @Test
  void shouldContainTheAddressesOfAnIpv4Block() {
    IpNetwork n = IpNetwork.parse("198.51.100.0/24");
    assertThat(n.contains(ip("198.51.100.0"))).isTrue();
    assertThat(n.contains(ip("198.51.100.255"))).isTrue();
    assertThat(n.contains(ip("198.51.101.0"))).isFalse();
    assertThat(n.contains(ip("2001:db8::1"))).isFalse();
    assertThat(n).hasToString("198.51.100.0/24");
  }

  @Test
  void shouldContainTheAddressesOfAnIpv6Block() {
    IpNetwork n = IpNetwork.parse("2001:db8::/32");
    assertThat(n.contains(ip("2001:db8:ffff::1"))).isTrue();
    assertThat(n.contains(ip("2001:db9::1"))).isFalse();
    assertThat(n.contains(ip("198.51.100.1"))).isFalse();
    assertThat(IpNetwork.parse("2001:db8::1/128").contains(ip("2001:db8::1"))).isTrue();
    assertThat(IpNetwork.parse("2001:db8:0:0:8000::/65").contains(ip("2001:db8::8000:0:0:1")))
        .isTrue();
  }

  @Test
  void shouldReadAnAddressAloneAsItsOwnBlockAndZeroAsEverything() {
    assertThat(IpNetwork.parse("192.0.2.7").contains(ip("192.0.2.7"))).isTrue();
    assertThat(IpNetwork.parse("192.0.2.7").contains(ip("192.0.2.8"))).isFalse();
    assertThat(IpNetwork.parse("0.0.0.0/0").contains(ip("203.0.113.9"))).isTrue();
    assertThat(IpNetwork.parse("::/0").contains(ip("2001:db8::1"))).isTrue();
  }

  @Test
  void shouldRefuseWhatIsNotCidr() {
    for (String bad :
        new String[] {
          "",
          "hospital",
          "10.0.0.0/33",
          "10.0.0.0/",
          "10.0.0.0/-1",
          "10.0.0/8",
          "2001:db8::/129",
          "10.1.2.3/8",
          "10.0.0.0/8/8",
          "1.2.3.4.5/32"
        }) {
      assertThatThrownBy(() -> IpNetwork.parse(bad))
          .as(bad)
          .isInstanceOf(IllegalArgumentException.class);
    }
    assertThatThrownBy(() -> IpNetwork.parse("10.1.2.3/8")).hasMessageContaining("10.0.0.0/8");
  }
}

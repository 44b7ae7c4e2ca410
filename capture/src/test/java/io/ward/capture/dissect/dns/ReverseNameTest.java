package io.ward.capture.dissect.dns;

import static org.assertj.core.api.Assertions.assertThat;

import io.ward.model.IpAddress;
import org.junit.jupiter.api.Test;

class ReverseNameTest {

  @Test
  void shouldReadIpv4ReverseName() {
    assertThat(ReverseName.address("7.2.0.10.in-addr.arpa")).contains(IpAddress.parse("10.0.2.7"));
  }

  @Test
  void shouldReadIpv6ReverseName() {
    assertThat(
            ReverseName.address(
                "4.c.d.4.1.e.e.f.f.f.6.d.c.3.8.8.5.3.2.8.c.3.0.c.e.9.2.4.2.5.d.f.ip6.arpa"))
        .contains(IpAddress.parse("fd52:429e:c03c:8235:883c:d6ff:fee1:4dc4"));
  }

  @Test
  void shouldIgnorePartialOrMalformedReverseNames() {
    assertThat(ReverseName.address("2.0.10.in-addr.arpa")).isEmpty();
    assertThat(ReverseName.address("300.2.0.10.in-addr.arpa")).isEmpty();
    assertThat(ReverseName.address("x.2.0.10.in-addr.arpa")).isEmpty();
    assertThat(ReverseName.address("4.c.ip6.arpa")).isEmpty();
    assertThat(ReverseName.address("pacs.example")).isEmpty();
  }
}

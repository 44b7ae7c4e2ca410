package io.ward.capture;

import static org.assertj.core.api.Assertions.assertThat;

import io.ward.model.Endpoint;
import io.ward.model.Flow;
import io.ward.model.MacAddress;
import org.junit.jupiter.api.Test;

class OtherClientsTest {

  private static Endpoint mac(long bits) {
    return Endpoint.ofMac(new MacAddress(bits), 0);
  }

  @Test
  void shouldKeepEachClientOnceWithTheFirstAndLastTimeItWasSeen() {
    OtherClients c = new OtherClients();
    assertThat(c.repeatSender(2, 10)).as("no sender yet").isFalse();
    assertThat(c.addSender(2, mac(2), 10)).isTrue();
    assertThat(c.repeatSender(2, 30)).isTrue();
    assertThat(c.repeatSender(2, 5)).as("out of order").isTrue();
    assertThat(c.add(mac(3), 20)).isTrue();
    assertThat(c.repeatSender(3, 21)).as("added by a dissector, not as the last sender").isFalse();
    assertThat(c.addSender(3, mac(3), 21)).isTrue();
    assertThat(c.add(mac(2), 40)).isTrue();

    assertThat(c.list())
        .containsExactly(new Flow.OtherClient(mac(2), 5, 40), new Flow.OtherClient(mac(3), 20, 21));
  }

  @Test
  void shouldRecordNoMoreThanTheBoundOfNewClientsButKeepSeeingThoseItHas() {
    OtherClients c = new OtherClients();
    for (int i = 0; i < OtherClients.MAX; i++) {
      assertThat(c.add(mac(i + 1), i)).isTrue();
    }
    assertThat(c.add(mac(OtherClients.MAX + 1), 1)).isFalse();
    assertThat(c.addSender(OtherClients.MAX + 2, mac(OtherClients.MAX + 2), 1)).isFalse();
    assertThat(c.repeatSender(OtherClients.MAX + 2, 2)).as("not recorded").isFalse();
    assertThat(c.add(mac(1), 1_000_000)).as("known already").isTrue();

    assertThat(c.list()).hasSize(OtherClients.MAX);
    assertThat(c.list().get(0)).isEqualTo(new Flow.OtherClient(mac(1), 0, 1_000_000));
  }
}

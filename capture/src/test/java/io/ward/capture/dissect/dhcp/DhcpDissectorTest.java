package io.ward.capture.dissect.dhcp;

import static org.assertj.core.api.Assertions.assertThat;

import io.ward.capture.dissect.testing.DissectorDriver;
import io.ward.capture.dissect.testing.RecordingFlowContext;
import io.ward.model.Endpoint;
import io.ward.model.IpAddress;
import io.ward.model.MacAddress;
import io.ward.model.ObservationFields;
import org.junit.jupiter.api.Test;

class DhcpDissectorTest {

  private static final MacAddress CLIENT = MacAddress.parse("00:0b:82:01:fc:42");
  private static final MacAddress RELAY = MacAddress.parse("02:00:00:00:00:99");

  private final RecordingFlowContext ctx =
      new RecordingFlowContext(
          Endpoint.of(RELAY, IpAddress.parse("10.1.1.1"), 7),
          67,
          Endpoint.ofIp(IpAddress.parse("10.9.9.9"), 7),
          67);
  private final DissectorDriver driver = new DissectorDriver(new DhcpDissector(), ctx);

  @Test
  void shouldDescribeChaddrNotTheRelayThatSentTheDatagram() {
    byte[] discover =
        DhcpBytes.request()
            .chaddr(0x00, 0x0b, 0x82, 0x01, 0xfc, 0x42)
            .option(53, 1)
            .option(12, "ICU-PUMP-12")
            .option(55, 1, 3, 6, 42)
            .build();

    driver.feed(true, 5L, discover);

    Endpoint subject = Endpoint.ofMac(CLIENT, 7);
    assertThat(ctx.about(subject))
        .extracting(o -> o.field() + "=" + o.value())
        .containsExactly("dhcp.hostname=ICU-PUMP-12", "dhcp.paramList=1,3,6,42");
    assertThat(ctx.about(ctx.client())).isEmpty();
  }

  @Test
  void shouldCreditEachChaddrOtherThanTheFlowsClientAsAClientOfTheFlow() {
    // On 0.0.0.0:68 -> 255.255.255.255:67 the flow's client is whichever sent first.
    RecordingFlowContext shared =
        new RecordingFlowContext(
            Endpoint.of(CLIENT, IpAddress.parse("0.0.0.0"), 7),
            68,
            Endpoint.of(
                MacAddress.parse("ff:ff:ff:ff:ff:ff"), IpAddress.parse("255.255.255.255"), 7),
            67);
    DissectorDriver onShared = new DissectorDriver(new DhcpDissector(), shared);
    byte[] fromFirst =
        DhcpBytes.request().chaddr(0x00, 0x0b, 0x82, 0x01, 0xfc, 0x42).option(53, 1).build();
    byte[] fromSecond = DhcpBytes.request().chaddr(0x00, 0xd0, 0x75, 0, 0, 2).option(53, 1).build();
    byte[] fromThird = DhcpBytes.request().chaddr(0x00, 0xd0, 0x75, 0, 0, 3).option(53, 3).build();
    byte[] offer =
        DhcpBytes.reply()
            .chaddr(0x00, 0xd0, 0x75, 0, 0, 4)
            .yiaddr(10, 0, 0, 5)
            .option(53, 2)
            .build();

    onShared.feed(true, 1L, fromFirst);
    onShared.feed(true, 2L, fromSecond);
    onShared.feed(true, 3L, fromThird);
    onShared.feed(true, 4L, fromSecond);
    onShared.feed(false, 5L, offer);

    assertThat(shared.otherClients())
        .as("the chaddr of every client message but the flow's client's; a server's is not one")
        .containsExactly(
            Endpoint.ofMac(MacAddress.parse("00:d0:75:00:00:02"), 7),
            Endpoint.ofMac(MacAddress.parse("00:d0:75:00:00:03"), 7));
  }

  @Test
  void shouldBindLeasedAddressToChaddrOnAck() {
    byte[] ack =
        DhcpBytes.reply()
            .chaddr(0x00, 0x0b, 0x82, 0x01, 0xfc, 0x42)
            .yiaddr(192, 168, 0, 10)
            .option(53, 5)
            .option(60, "ArubaAP")
            .build();

    driver.feed(false, 9L, ack);

    Endpoint bound = Endpoint.of(CLIENT, IpAddress.parse("192.168.0.10"), 7);
    assertThat(ctx.about(bound))
        .singleElement()
        .satisfies(
            o -> {
              assertThat(o.field()).isEqualTo(ObservationFields.DHCP_LEASED_IP);
              assertThat(o.value()).isEqualTo("192.168.0.10");
              assertThat(o.epochNanos()).isEqualTo(9L);
            });
    // The reply's option 60 describes neither the server nor, reliably, the client.
    assertThat(ctx.about(ctx.server())).isEmpty();
    assertThat(ctx.observations())
        .noneMatch(o -> o.field().equals(ObservationFields.DHCP_VENDOR_CLASS));
  }

  @Test
  void shouldNotEmitLeaseForOfferOrInformAck() {
    byte[] offer =
        DhcpBytes.reply()
            .chaddr(0, 0x0b, 0x82, 1, 0xfc, 0x42)
            .yiaddr(10, 0, 0, 5)
            .option(53, 2)
            .build();
    byte[] informAck = DhcpBytes.reply().chaddr(0, 0x0b, 0x82, 1, 0xfc, 0x42).option(53, 5).build();

    driver.feed(false, 1L, offer);
    driver.feed(false, 2L, informAck);

    assertThat(ctx.values(ObservationFields.DHCP_LEASED_IP)).isEmpty();
  }

  @Test
  void shouldAddCiaddrToSubjectWhenClientAlreadyHoldsAnAddress() {
    byte[] inform =
        DhcpBytes.request()
            .chaddr(0, 0x0b, 0x82, 1, 0xfc, 0x42)
            .ciaddr(10, 0, 0, 7)
            .option(53, 8)
            .option(55, 1)
            .build();

    driver.feed(true, 1L, inform);

    assertThat(ctx.observations())
        .singleElement()
        .extracting(o -> o.subject())
        .isEqualTo(Endpoint.of(CLIENT, IpAddress.parse("10.0.0.7"), 7));
  }

  @Test
  void shouldCountAnomalyAndKeepListeningForGarbageAfterProbe() {
    driver.feed(true, 1L, DhcpBytes.request().option(53, 1).build());

    boolean more = driver.feed(true, 2L, new byte[] {1, 2, 3});

    assertThat(more).isTrue();
    assertThat(ctx.anomalies()).containsEntry("dhcp.not_dhcp", 1);
  }

  @Test
  void shouldRejectNonDhcpPayloadInProbe() {
    assertThat(new DhcpDissector().probe(new byte[300], 0, 300, true)).isFalse();
  }
}

package io.ward.capture.dissect.dhcp;

import static org.assertj.core.api.Assertions.assertThat;

import io.ward.model.IpAddress;
import io.ward.model.MacAddress;
import java.util.Arrays;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DhcpParserTest {

  private static DhcpMessage parse(byte[] b) {
    return DhcpParser.parse(b, 0, b.length).orElseThrow();
  }

  @Test
  void shouldReadClientIdentityOptions() {
    byte[] b =
        DhcpBytes.request()
            .chaddr(0xb8, 0x27, 0xeb, 0xb8, 0x53, 0xc8)
            .option(53, 3)
            .option(12, "raspberrypi")
            .option(55, 1, 3, 6, 15)
            .option(60, "dhcpcd-6.11.5:Linux")
            .option(61, 1, 0xb8, 0x27, 0xeb, 0xb8, 0x53, 0xc8)
            .option(50, 192, 168, 1, 4)
            .option(161, "https://mud.example.com/x")
            .build();

    DhcpMessage m = parse(b);

    assertThat(m.fromClient()).isTrue();
    assertThat(m.messageType()).isEqualTo(DhcpMessage.REQUEST);
    assertThat(m.chaddr()).contains(MacAddress.parse("b8:27:eb:b8:53:c8"));
    assertThat(m.hostname()).contains("raspberrypi");
    assertThat(m.paramList()).contains("1,3,6,15");
    assertThat(m.vendorClass()).contains("dhcpcd-6.11.5:Linux");
    assertThat(m.clientId()).contains("01b827ebb853c8");
    assertThat(m.requestedIp()).contains(IpAddress.parse("192.168.1.4"));
    assertThat(m.mudUrl()).contains("https://mud.example.com/x");
    assertThat(m.anomalies()).isEmpty();
  }

  @Test
  void shouldDecodeFqdnInWireFormatWhenEncodingFlagIsSet() {
    byte[] b =
        DhcpBytes.request()
            .option(81, 0x05, 0, 0, 4, 'p', 'u', 'm', 'p', 3, 'i', 'c', 'u', 0)
            .build();

    assertThat(parse(b).fqdn()).contains("pump.icu");
  }

  @Test
  void shouldDecodeFqdnAsAsciiWhenEncodingFlagIsClear() {
    byte[] b = DhcpBytes.request().option(81, 0x01, 0, 0, 'a', '.', 'b').build();

    assertThat(parse(b).fqdn()).contains("a.b");
  }

  @Test
  void shouldConcatenateSplitOptionsPerRfc3396() {
    byte[] b = DhcpBytes.request().option(12, "ward-").option(12, "pump").build();

    assertThat(parse(b).hostname()).contains("ward-pump");
  }

  @Test
  void shouldJoinManyPartsInOrderAndKeepAtMostTheCapOfAnOption() {
    DhcpBytes parts = DhcpBytes.request();
    StringBuilder expected = new StringBuilder();
    for (int i = 0; i < 700; i++) {
      String part = Integer.toString(i, 36) + "-";
      parts.option(12, part);
      expected.append(part);
    }
    // Far more parts of one option than it may hold: a datagram's worth of one-byte parts.
    for (int i = 0; i < 20_000; i++) {
      parts.option(60, "A");
    }
    DhcpMessage m = parse(parts.build());

    assertThat(m.hostname()).contains(expected.toString());
    assertThat(m.vendorClass()).contains("A".repeat(DhcpParser.MAX_OPTION_BYTES));
    assertThat(m.anomalies()).containsExactly("dhcp.option_too_long");
  }

  @Test
  void shouldReadOptionsFromFileFieldWhenOverloaded() {
    byte[] b = DhcpBytes.request().option(52, 1).header(108, 12, 3, 'i', 'c', 'u', 255).build();

    assertThat(parse(b).hostname()).contains("icu");
  }

  @Test
  void shouldSplitUserClassList() {
    byte[] b = DhcpBytes.request().option(77, 2, 'a', 'b', 1, 'c').build();

    assertThat(parse(b).userClass()).contains("ab,c");
  }

  @Test
  void shouldReplaceControlCharactersAndStopAtNul() {
    byte[] b = DhcpBytes.request().option(12, 'a', 0x07, 'b', 0, 'z').build();

    assertThat(parse(b).hostname()).contains("a.b");
  }

  @Test
  void shouldLeaveChaddrEmptyWhenHardwareLengthIsNotSix() {
    byte[] b = DhcpBytes.request().hlen(16).build();

    assertThat(parse(b).chaddr()).isEmpty();
  }

  @Test
  void shouldReportTruncatedOptionWhenLengthRunsPastDatagram() {
    byte[] b = DhcpBytes.request().option(12, "ok").raw(60, 200, 'x').noEnd().build();

    DhcpMessage m = parse(b);

    assertThat(m.hostname()).contains("ok");
    assertThat(m.vendorClass()).isEmpty();
    assertThat(m.anomalies()).containsExactly("dhcp.truncated_option");
  }

  @Test
  void shouldReportRequestedIpOfWrongLength() {
    byte[] b = DhcpBytes.request().option(50, 1, 2, 3).build();

    DhcpMessage m = parse(b);

    assertThat(m.requestedIp()).isEmpty();
    assertThat(m.anomalies()).containsExactly("dhcp.bad_option");
  }

  @Test
  void shouldRejectDatagramWithoutMagicCookie() {
    byte[] b = DhcpBytes.request().build();
    b[236] = 0;

    assertThat(DhcpParser.parse(b, 0, b.length)).isEmpty();
  }

  @Test
  void shouldRejectDatagramShorterThanFixedHeader() {
    byte[] b = Arrays.copyOf(DhcpBytes.request().build(), 200);

    assertThat(DhcpParser.parse(b, 0, b.length)).isEqualTo(Optional.empty());
  }

  @Test
  void shouldHonourOffsetAndLengthInsideLargerBuffer() {
    byte[] inner = DhcpBytes.request().option(12, "x").build();
    byte[] outer = new byte[inner.length + 20];
    System.arraycopy(inner, 0, outer, 10, inner.length);

    assertThat(DhcpParser.parse(outer, 10, inner.length).orElseThrow().hostname()).contains("x");
  }
}

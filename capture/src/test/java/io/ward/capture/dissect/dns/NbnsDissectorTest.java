package io.ward.capture.dissect.dns;

import static org.assertj.core.api.Assertions.assertThat;

import io.ward.capture.dissect.testing.DissectorDriver;
import io.ward.capture.dissect.testing.RecordingFlowContext;
import io.ward.model.Endpoint;
import io.ward.model.IpAddress;
import org.junit.jupiter.api.Test;

class NbnsDissectorTest {

  private final RecordingFlowContext ctx = RecordingFlowContext.between(137, 137);
  private final DissectorDriver driver = new DissectorDriver(new NbnsDissector(), ctx);

  private static byte[] registration(String name, int suffix, int nbFlags, int... ip) {
    return new DnsBytes(0x2910, 1, 0, 0, 1)
        .netbiosName(name, suffix)
        .u16(0x20)
        .u16(1)
        .pointer(12)
        .rr(0x20, 6)
        .u16(nbFlags)
        .bytes(ip)
        .build();
  }

  @Test
  void shouldReportRegisteredUniqueAndGroupNamesAboutTheSender() {
    driver.feed(true, 1L, registration("PUMP-7", 0x20, 0x0000, 10, 0, 0, 1));
    driver.feed(true, 2L, registration("ICU", 0x00, 0x8000, 10, 0, 0, 1));

    assertThat(ctx.about(ctx.client()))
        .extracting(o -> o.field() + "=" + o.value())
        .containsExactly("nbns.name=PUMP-7<20>", "nbns.group=ICU<00>");
  }

  @Test
  void shouldSkipMessengerNamesThatCarryUserNames() {
    driver.feed(true, 1L, registration("JANE DOE", 0x03, 0, 10, 0, 0, 1));

    assertThat(ctx.observations()).isEmpty();
  }

  @Test
  void shouldReportQueryAndPositiveResponse() {
    byte[] query =
        new DnsBytes(0x0110, 1, 0, 0, 0).netbiosName("PACS", 0x20).u16(0x20).u16(1).build();
    byte[] answer =
        new DnsBytes(0x8500, 0, 1, 0, 0)
            .netbiosName("PACS", 0x20)
            .rr(0x20, 6)
            .bytes(0, 0, 10, 0, 0, 2)
            .build();

    driver.feed(true, 1L, query);
    driver.feed(false, 2L, answer);

    assertThat(ctx.observations())
        .extracting(o -> o.field() + "=" + o.value())
        .containsExactly("nbns.query=PACS<20>", "nbns.name=PACS<20>");
    // A response may come from a WINS server: only the answered address is known.
    assertThat(ctx.about(Endpoint.ofIp(IpAddress.parse("10.0.0.2"), 0))).hasSize(1);
  }

  @Test
  void shouldReportNodeStatusNamesAndUnitId() {
    DnsBytes b = new DnsBytes(0x8400, 0, 1, 0, 0).netbiosName("*", 0).rr(0x21, 1 + 2 * 18 + 6);
    b.u8(2)
        .bytes(DnsParserTest.nbEntry("NVR9", 0x20, 0x0400))
        .bytes(DnsParserTest.nbEntry("WORKGROUP", 0x00, 0x8400))
        .bytes(0x00, 0x50, 0x56, 0x01, 0x02, 0x03);

    driver.feed(false, 1L, b.build());

    assertThat(ctx.about(ctx.server()))
        .extracting(o -> o.field() + "=" + o.value())
        .containsExactly(
            "nbns.name=NVR9<20>", "nbns.group=WORKGROUP<00>", "nbns.unitId=00:50:56:01:02:03");
  }

  @Test
  void shouldDescribeRegisteredAddressWhenItIsNotTheSender() {
    driver.feed(true, 1L, registration("PRINTER", 0x20, 0, 10, 0, 0, 99));

    assertThat(ctx.about(Endpoint.ofIp(IpAddress.parse("10.0.0.99"), 0))).hasSize(1);
  }
}

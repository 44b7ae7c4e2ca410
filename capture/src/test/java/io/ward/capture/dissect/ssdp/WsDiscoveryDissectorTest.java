package io.ward.capture.dissect.ssdp;

import static org.assertj.core.api.Assertions.assertThat;

import io.ward.capture.dissect.testing.DissectorDriver;
import io.ward.capture.dissect.testing.RecordingFlowContext;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class WsDiscoveryDissectorTest {

  static final String HELLO =
      "<?xml version=\"1.0\" encoding=\"utf-8\"?><soap:Envelope"
          + " xmlns:soap=\"http://www.w3.org/2003/05/soap-envelope\""
          + " xmlns:wsa=\"http://schemas.xmlsoap.org/ws/2004/08/addressing\""
          + " xmlns:wsd=\"http://schemas.xmlsoap.org/ws/2005/04/discovery\""
          + " xmlns:wsdp=\"http://schemas.xmlsoap.org/ws/2006/02/devprof\"><soap:Header>"
          + "<wsa:Action>http://schemas.xmlsoap.org/ws/2005/04/discovery/Hello</wsa:Action>"
          + "</soap:Header><soap:Body><wsd:Hello><wsa:EndpointReference>"
          + "<wsa:Address>urn:uuid:0e0f1e2a-0000-1000-8000-00059a3c7a00</wsa:Address>"
          + "</wsa:EndpointReference><wsd:Types>wsdp:Device  pub:Computer</wsd:Types>"
          + "<wsd:XAddrs>http://10.0.0.5:5357/x</wsd:XAddrs>"
          + "<wsd:MetadataVersion>2</wsd:MetadataVersion></wsd:Hello></soap:Body></soap:Envelope>";

  private final RecordingFlowContext ctx = RecordingFlowContext.between(3702, 3702);
  private final DissectorDriver driver = new DissectorDriver(new WsDiscoveryDissector(), ctx);

  @Test
  void shouldReportTypesAddressesAndEndpointOfHello() {
    driver.feed(true, 1L, HELLO.getBytes(StandardCharsets.UTF_8));

    assertThat(ctx.about(ctx.client()))
        .extracting(o -> o.field() + "=" + o.value())
        .containsExactly(
            "wsd.types=wsdp:Device pub:Computer",
            "wsd.xaddrs=http://10.0.0.5:5357/x",
            "wsd.endpoint=urn:uuid:0e0f1e2a-0000-1000-8000-00059a3c7a00");
  }

  @Test
  void shouldReportProbedTypes() {
    String probe =
        HELLO.replace("discovery/Hello", "discovery/Probe").replace("wsd:Hello", "wsd:Probe");

    driver.feed(true, 1L, probe.getBytes(StandardCharsets.UTF_8));

    assertThat(ctx.observations())
        .extracting(o -> o.field() + "=" + o.value())
        .containsExactly("wsd.probeTypes=wsdp:Device pub:Computer");
  }

  @Test
  void shouldNeverResolveEntitiesOrDoctypes() {
    String hostile =
        "<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]>"
            + HELLO.substring(HELLO.indexOf("<soap:Envelope")).replace("pub:Computer", "&e;");

    driver.feedUnprobed(true, 1L, hostile.getBytes(StandardCharsets.UTF_8));

    assertThat(ctx.values(WsDiscoveryDissector.WSD_TYPES)).containsExactly("wsdp:Device &e;");
  }

  @Test
  void shouldRejectNonDiscoverySoapInProbe() {
    byte[] other =
        "<?xml version=\"1.0\"?><soap:Envelope xmlns:soap=\"x\"><soap:Body/></soap:Envelope>"
            .getBytes(StandardCharsets.UTF_8);

    assertThat(new WsDiscoveryDissector().probe(other, 0, other.length, true)).isFalse();
  }
}

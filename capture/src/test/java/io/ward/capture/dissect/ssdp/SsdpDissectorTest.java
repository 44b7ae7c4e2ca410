package io.ward.capture.dissect.ssdp;

import static org.assertj.core.api.Assertions.assertThat;

import io.ward.capture.dissect.testing.DissectorDriver;
import io.ward.capture.dissect.testing.RecordingFlowContext;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class SsdpDissectorTest {

  static final String NOTIFY =
      "NOTIFY * HTTP/1.1\r\nHOST: 239.255.255.250:1900\r\nCACHE-CONTROL: max-age=1800\r\n"
          + "LOCATION: http://10.0.0.1:49152/desc.xml\r\nNT: urn:schemas-upnp-org:device:MediaServer:1\r\n"
          + "NTS: ssdp:alive\r\nSERVER: Linux/3.10 UPnP/1.0 Philips-IntelliVue/2.0\r\n"
          + "USN: uuid:1234::urn:schemas-upnp-org:device:MediaServer:1\r\n\r\n";
  static final String SEARCH =
      "M-SEARCH * HTTP/1.1\r\nHOST: 239.255.255.250:1900\r\nMAN: \"ssdp:discover\"\r\nMX: 2\r\n"
          + "ST: ssdp:all\r\nUSER-AGENT: Windows/10.0 UPnP/1.1 Ward/1\r\n\r\n";
  static final String RESPONSE =
      "HTTP/1.1 200 OK\r\nST: upnp:rootdevice\r\nSERVER: RTOS/1.0 UPnP/1.0 Pump/7\r\n"
          + "LOCATION: http://10.0.0.2/root.xml\r\n\r\n";

  private final RecordingFlowContext ctx = RecordingFlowContext.between(1900, 1900);
  private final DissectorDriver driver = new DissectorDriver(new SsdpDissector(), ctx);

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void shouldReportServerTypeAndLocationOfNotify() {
    driver.feed(true, 1L, bytes(NOTIFY));

    assertThat(ctx.about(ctx.client()))
        .extracting(o -> o.field() + "=" + o.value())
        .containsExactly(
            "ssdp.server=Linux/3.10 UPnP/1.0 Philips-IntelliVue/2.0",
            "ssdp.type=urn:schemas-upnp-org:device:MediaServer:1",
            "ssdp.location=http://10.0.0.1:49152/desc.xml");
  }

  @Test
  void shouldReportSearchTargetAndUserAgentOfSearcher() {
    driver.feed(true, 1L, bytes(SEARCH));

    assertThat(ctx.observations())
        .extracting(o -> o.field() + "=" + o.value())
        .containsExactly(
            "ssdp.searchTarget=ssdp:all", "ssdp.userAgent=Windows/10.0 UPnP/1.1 Ward/1");
  }

  @Test
  void shouldReportResponderOfSearchResponse() {
    driver.feed(false, 1L, bytes(RESPONSE));

    assertThat(ctx.about(ctx.server()))
        .extracting(o -> o.field() + "=" + o.value())
        .contains("ssdp.type=upnp:rootdevice", "ssdp.server=RTOS/1.0 UPnP/1.0 Pump/7");
  }

  @Test
  void shouldCountUnparsableDatagramAfterProbe() {
    driver.feed(true, 1L, bytes(NOTIFY));
    driver.feed(true, 2L, bytes("HTTP/1.1 404 Not Found\r\n\r\n"));
    driver.feed(true, 3L, new byte[] {1, 2, 3});

    assertThat(ctx.anomalies()).containsEntry("ssdp.bad_message", 2);
  }
}

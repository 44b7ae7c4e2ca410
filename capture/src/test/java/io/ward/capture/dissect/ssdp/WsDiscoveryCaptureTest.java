package io.ward.capture.dissect.ssdp;

import static org.assertj.core.api.Assertions.assertThat;

import io.ward.capture.dissect.testing.CaptureRun;
import io.ward.capture.dissect.testing.Golden;
import io.ward.capture.dissect.testing.Tshark;
import java.io.ByteArrayInputStream;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

/** The real WS-Discovery capture (nDPI upnp.pcap: Resolve messages over IPv4 and IPv6). */
class WsDiscoveryCaptureTest {
  private static final String PCAP = "ndpi/upnp.pcap";

  @Test
  void shouldMatchGolden() {
    CaptureRun run = CaptureRun.of(PCAP, new WsDiscoveryDissector());

    Golden.assertMatches(getClass(), "ndpi-upnp-wsd", run.fields("wsd."));
    assertThat(run.values(WsDiscoveryDissector.WSD_RESOLVE))
        .containsExactly("urn:uuid:e3248000-80ce-11db-8000-001ba99ec956");
    assertThat(run.flows()).allSatisfy(f -> assertThat(f.appProtocol()).contains("wsd"));
  }

  /**
   * tshark 4.0 has no WS-Discovery dissector (the payload stays "data"), so the oracle is tshark's
   * payload bytes read by the JDK's namespace-aware DOM parser with DTDs disallowed.
   */
  @Test
  void shouldAgreeWithDomParserOnTsharkPayloads() throws Exception {
    Assumptions.assumeTrue(Tshark.available(), "tshark not installed");
    Set<String> expected = new LinkedHashSet<>();
    DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
    f.setNamespaceAware(true);
    f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
    for (String hex : Tshark.fields(PCAP, List.of(), "data.data").perPacket("data.data")) {
      Document d =
          f.newDocumentBuilder().parse(new ByteArrayInputStream(HexFormat.of().parseHex(hex)));
      String address =
          d.getElementsByTagNameNS("http://schemas.xmlsoap.org/ws/2004/08/addressing", "Address")
              .item(0)
              .getTextContent();
      expected.add(address.trim());
    }

    CaptureRun run = CaptureRun.of(PCAP, new WsDiscoveryDissector());

    assertThat(expected).isNotEmpty();
    assertThat(run.values(WsDiscoveryDissector.WSD_RESOLVE)).containsExactlyElementsOf(expected);
  }
}

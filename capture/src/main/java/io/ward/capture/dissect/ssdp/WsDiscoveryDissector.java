package io.ward.capture.dissect.ssdp;

import io.ward.capture.dissect.Dissector;
import io.ward.capture.dissect.DissectorSession;
import io.ward.capture.dissect.FlowContext;
import io.ward.model.Endpoint;
import io.ward.model.Transport;

/**
 * WS-Discovery on UDP 3702 (printers, cameras, Windows hosts, DPWS medical devices): a device's
 * Hello / ProbeMatch / ResolveMatch gives its types, service addresses and endpoint id; a Probe or
 * Resolve says what the sender looks for.
 */
public final class WsDiscoveryDissector implements Dissector {

  /** Types a device announces, e.g. {@code wsdp:Device wprt:PrintDeviceType}. */
  static final String WSD_TYPES = "wsd.types";

  /** Transport addresses (URLs) of a device's services. */
  static final String WSD_XADDRS = "wsd.xaddrs";

  /** The device's stable endpoint reference (urn:uuid:…). */
  static final String WSD_ENDPOINT = "wsd.endpoint";

  /** Types a Probe searches for; subject: the prober. */
  static final String WSD_PROBE_TYPES = "wsd.probeTypes";

  /** The endpoint a Resolve looks for; subject: the resolver. */
  static final String WSD_RESOLVE = "wsd.resolve";

  @Override
  public String protocol() {
    return "wsd";
  }

  @Override
  public Transport transport() {
    return Transport.UDP;
  }

  @Override
  public int[] wellKnownPorts() {
    return new int[] {3702};
  }

  @Override
  public boolean heuristic() {
    return false;
  }

  @Override
  public boolean probe(byte[] buf, int offset, int length, boolean fromClient) {
    return WsdParser.looksLikeWsd(buf, offset, length);
  }

  @Override
  public DissectorSession open(FlowContext flow) {
    return (fromClient, epochNanos, buf, offset, length) -> {
      var parsed = WsdParser.parse(buf, offset, length);
      if (parsed.isEmpty()) {
        flow.anomaly("wsd.bad_message");
        return true;
      }
      WsdMessage m = parsed.get();
      Endpoint sender = fromClient ? flow.client() : flow.server();
      switch (m.action()) {
        case "Hello":
        case "ProbeMatches":
        case "ResolveMatches":
          m.types().ifPresent(v -> flow.observe(sender, epochNanos, WSD_TYPES, v));
          m.xaddrs().ifPresent(v -> flow.observe(sender, epochNanos, WSD_XADDRS, v));
          m.endpoint().ifPresent(v -> flow.observe(sender, epochNanos, WSD_ENDPOINT, v));
          break;
        case "Probe":
          m.types().ifPresent(v -> flow.observe(sender, epochNanos, WSD_PROBE_TYPES, v));
          break;
        case "Resolve":
          m.endpoint().ifPresent(v -> flow.observe(sender, epochNanos, WSD_RESOLVE, v));
          break;
        default:
          break;
      }
      return true;
    };
  }
}

package io.ward.capture.dissect.ssdp;

import io.ward.capture.dissect.Dissector;
import io.ward.capture.dissect.DissectorSession;
import io.ward.capture.dissect.FlowContext;
import io.ward.model.Endpoint;
import io.ward.model.ObservationFields;
import io.ward.model.Transport;

/**
 * SSDP / UPnP discovery on UDP 1900: what devices announce (NOTIFY) and answer (200 OK) — SERVER,
 * NT or ST, LOCATION — and what searchers send (M-SEARCH: ST, USER-AGENT).
 */
public final class SsdpDissector implements Dissector {

  /** The device description URL a device announces (LOCATION). */
  static final String SSDP_LOCATION = "ssdp.location";

  /** What an M-SEARCH looks for (ST); subject: the searcher. */
  static final String SSDP_SEARCH_TARGET = "ssdp.searchTarget";

  @Override
  public String protocol() {
    return "ssdp";
  }

  @Override
  public Transport transport() {
    return Transport.UDP;
  }

  @Override
  public int[] wellKnownPorts() {
    return new int[] {1900};
  }

  @Override
  public boolean heuristic() {
    return false;
  }

  @Override
  public boolean probe(byte[] buf, int offset, int length, boolean fromClient) {
    return SsdpParser.looksLikeSsdp(buf, offset, length);
  }

  @Override
  public DissectorSession open(FlowContext flow) {
    return (fromClient, epochNanos, buf, offset, length) -> {
      var parsed = SsdpParser.parse(buf, offset, length);
      if (parsed.isEmpty()) {
        flow.anomaly("ssdp.bad_message");
        return true;
      }
      SsdpMessage m = parsed.get();
      Endpoint sender = fromClient ? flow.client() : flow.server();
      if (m.kind() == SsdpMessage.Kind.SEARCH) {
        m.header("ST").ifPresent(v -> flow.observe(sender, epochNanos, SSDP_SEARCH_TARGET, v));
        m.header("USER-AGENT")
            .ifPresent(v -> flow.observe(sender, epochNanos, ObservationFields.SSDP_USER_AGENT, v));
        return true;
      }
      m.header("SERVER")
          .ifPresent(v -> flow.observe(sender, epochNanos, ObservationFields.SSDP_SERVER, v));
      m.header(m.kind() == SsdpMessage.Kind.NOTIFY ? "NT" : "ST")
          .ifPresent(v -> flow.observe(sender, epochNanos, ObservationFields.SSDP_TYPE, v));
      m.header("LOCATION").ifPresent(v -> flow.observe(sender, epochNanos, SSDP_LOCATION, v));
      return true;
    };
  }
}

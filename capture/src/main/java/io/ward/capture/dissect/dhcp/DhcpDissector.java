package io.ward.capture.dissect.dhcp;

import io.ward.capture.dissect.Dissector;
import io.ward.capture.dissect.DissectorSession;
import io.ward.capture.dissect.FlowContext;
import io.ward.model.Endpoint;
import io.ward.model.ObservationFields;
import io.ward.model.Transport;

/**
 * DHCPv4 (RFC 2131/2132) on UDP 67/68: what a client says about itself (host name, parameter
 * request list, vendor class, client id, FQDN, MUD URL) and the address a server binds to it.
 *
 * <p>The subject is the client hardware address (chaddr), never the Ethernet source: behind a relay
 * agent (RFC 1542) every message arrives from the relay's MAC. A chaddr other than the flow's
 * client is credited as a client of the flow too: before they have an address, all clients send
 * from 0.0.0.0:68 to 255.255.255.255:67, one flow whose client is the first of them.
 */
public final class DhcpDissector implements Dissector {

  /** Field for option 77 (RFC 3004), not yet part of {@link ObservationFields}. */
  static final String DHCP_USER_CLASS = "dhcp.userClass";

  @Override
  public String protocol() {
    return "dhcp";
  }

  @Override
  public Transport transport() {
    return Transport.UDP;
  }

  @Override
  public int[] wellKnownPorts() {
    return new int[] {67, 68};
  }

  @Override
  public boolean heuristic() {
    return false;
  }

  @Override
  public boolean probe(byte[] buf, int offset, int length, boolean fromClient) {
    return DhcpParser.looksLikeDhcp(buf, offset, length);
  }

  @Override
  public DissectorSession open(FlowContext flow) {
    return new Session(flow);
  }

  /** Maps each datagram's {@link DhcpMessage} to observations; keeps no state between datagrams. */
  private static final class Session implements DissectorSession {
    private final FlowContext flow;

    Session(FlowContext flow) {
      this.flow = flow;
    }

    @Override
    public boolean onData(boolean fromClient, long epochNanos, byte[] buf, int offset, int length) {
      var parsed = DhcpParser.parse(buf, offset, length);
      if (parsed.isEmpty()) {
        flow.anomaly("dhcp.not_dhcp");
        return true;
      }
      DhcpMessage m = parsed.get();
      m.anomalies().forEach(flow::anomaly);
      if (m.fromClient()) {
        emitClient(m, fromClient, epochNanos);
      } else {
        emitServer(m, epochNanos);
      }
      return true;
    }

    private void emitClient(DhcpMessage m, boolean fromClient, long t) {
      Endpoint subject = clientSubject(m, fromClient);
      if (m.chaddr().isPresent() && !m.chaddr().equals(flow.client().mac())) {
        flow.alsoClient(subject, t);
      }
      m.hostname().ifPresent(v -> flow.observe(subject, t, ObservationFields.DHCP_HOSTNAME, v));
      m.paramList().ifPresent(v -> flow.observe(subject, t, ObservationFields.DHCP_PARAM_LIST, v));
      m.vendorClass()
          .ifPresent(v -> flow.observe(subject, t, ObservationFields.DHCP_VENDOR_CLASS, v));
      m.clientId().ifPresent(v -> flow.observe(subject, t, ObservationFields.DHCP_CLIENT_ID, v));
      m.fqdn().ifPresent(v -> flow.observe(subject, t, ObservationFields.DHCP_FQDN, v));
      m.requestedIp()
          .filter(ip -> !ip.isGroupOrUnspecified())
          .ifPresent(
              ip -> flow.observe(subject, t, ObservationFields.DHCP_REQUESTED_IP, ip.toString()));
      m.mudUrl().ifPresent(v -> flow.observe(subject, t, ObservationFields.DHCP_MUD_URL, v));
      m.userClass().ifPresent(v -> flow.observe(subject, t, DHCP_USER_CLASS, v));
    }

    private void emitServer(DhcpMessage m, long t) {
      int vlan = flow.client().vlan();
      if (m.messageType() == DhcpMessage.ACK
          && m.chaddr().isPresent()
          && !m.yiaddr().isGroupOrUnspecified()) {
        Endpoint bound = Endpoint.of(m.chaddr().get(), m.yiaddr(), vlan);
        flow.observe(bound, t, ObservationFields.DHCP_LEASED_IP, m.yiaddr().toString());
      }
      // A server's option 60 is not about the server: servers echo the client's class or send one
      // configured for the clients they serve (a VMware DHCP server sent "ArubaAP" to the Aruba
      // access points it serves, and was taken for an Aruba device). RFC 2132 §9.13 defines the
      // option as the client's; a reply's is not kept.
    }

    /** chaddr, with ciaddr when the client already holds an address (RENEW, INFORM). */
    private Endpoint clientSubject(DhcpMessage m, boolean fromClient) {
      int vlan = flow.client().vlan();
      if (m.chaddr().isEmpty()) {
        return fromClient ? flow.client() : flow.server();
      }
      return m.ciaddr().isGroupOrUnspecified()
          ? Endpoint.ofMac(m.chaddr().get(), vlan)
          : Endpoint.of(m.chaddr().get(), m.ciaddr(), vlan);
    }
  }
}

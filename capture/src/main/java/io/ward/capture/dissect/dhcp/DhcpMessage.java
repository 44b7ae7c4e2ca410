package io.ward.capture.dissect.dhcp;

import io.ward.model.IpAddress;
import io.ward.model.MacAddress;
import java.util.List;
import java.util.Optional;

/**
 * One DHCPv4 message (RFC 2131 §2) with the options Ward interprets (RFC 2132, 3004, 4702, 8520).
 *
 * @param op 1 for a BOOTREQUEST (client to server), 2 for a BOOTREPLY
 * @param messageType option 53 (1 DISCOVER … 8 INFORM), 0 for plain BOOTP
 * @param chaddr the client hardware address when it is a 6-byte Ethernet address
 * @param ciaddr the client's current address, 0.0.0.0 when none
 * @param yiaddr the address the server offers or binds ("your" address)
 * @param paramList option 55 as decimal codes joined by commas, e.g. {@code 1,3,6,15}
 * @param clientId option 61 as lower-case hex
 * @param anomalies kinds of malformation met while parsing (reported, never thrown)
 */
record DhcpMessage(
    int op,
    int messageType,
    Optional<MacAddress> chaddr,
    IpAddress ciaddr,
    IpAddress yiaddr,
    Optional<String> hostname,
    Optional<String> paramList,
    Optional<String> vendorClass,
    Optional<String> clientId,
    Optional<String> fqdn,
    Optional<IpAddress> requestedIp,
    Optional<String> mudUrl,
    Optional<String> userClass,
    List<String> anomalies) {

  static final int DISCOVER = 1;
  static final int OFFER = 2;
  static final int REQUEST = 3;
  static final int ACK = 5;
  static final int INFORM = 8;

  DhcpMessage {
    anomalies = List.copyOf(anomalies);
  }

  /** True for a message a client sent (BOOTREQUEST). */
  boolean fromClient() {
    return op == 1;
  }
}

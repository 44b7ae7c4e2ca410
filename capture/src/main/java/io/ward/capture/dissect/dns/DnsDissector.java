package io.ward.capture.dissect.dns;

import io.ward.capture.dissect.Dissector;
import io.ward.capture.dissect.DissectorSession;
import io.ward.capture.dissect.FlowContext;
import io.ward.model.Transport;

/**
 * DNS (UDP 53), multicast DNS / DNS-SD (UDP 5353) and LLMNR (UDP 5355): the three share the RFC
 * 1035 wire format and differ in what a record says about whom, so one parser serves all and one
 * {@link MessageMapper} per protocol interprets. Create them with {@link #dns()}, {@link #mdns()}
 * and {@link #llmnr()}.
 */
public final class DnsDissector implements Dissector {
  private final String protocol;
  private final int port;
  private final MessageMapper mapper;

  private DnsDissector(String protocol, int port, MessageMapper mapper) {
    this.protocol = protocol;
    this.port = port;
    this.mapper = mapper;
  }

  /**
   * Unicast DNS on UDP 53: queries ({@code dns.query}) and answered addresses ({@code dns.name}).
   */
  public static DnsDissector dns() {
    return new DnsDissector("dns", 53, new UnicastDnsMapper());
  }

  /**
   * mDNS on UDP 5353: a host's own names ({@code mdns.name}) and services ({@code mdns.service}).
   */
  public static DnsDissector mdns() {
    return new DnsDissector("mdns", 5353, new MdnsMapper());
  }

  /** LLMNR on UDP 5355: names a responder answers for ({@code llmnr.name}). */
  public static DnsDissector llmnr() {
    return new DnsDissector("llmnr", 5355, new LlmnrMapper());
  }

  @Override
  public String protocol() {
    return protocol;
  }

  @Override
  public Transport transport() {
    return Transport.UDP;
  }

  @Override
  public int[] wellKnownPorts() {
    return new int[] {port};
  }

  @Override
  public boolean heuristic() {
    return false;
  }

  @Override
  public boolean probe(byte[] buf, int offset, int length, boolean fromClient) {
    return DnsParser.looksLikeDns(buf, offset, length, false);
  }

  @Override
  public DissectorSession open(FlowContext flow) {
    return new NameServiceSession(flow, false, mapper);
  }
}

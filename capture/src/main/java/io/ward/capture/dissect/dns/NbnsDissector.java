package io.ward.capture.dissect.dns;

import io.ward.capture.dissect.Dissector;
import io.ward.capture.dissect.DissectorSession;
import io.ward.capture.dissect.FlowContext;
import io.ward.model.Transport;

/**
 * NetBIOS name service on UDP 137 (RFC 1001/1002): Windows and embedded SMB hosts register and
 * answer for their NetBIOS names ({@code nbns.name}, {@code nbns.group}). DNS wire format with
 * first-level encoded names.
 */
public final class NbnsDissector implements Dissector {
  private final MessageMapper mapper = new NbnsMapper();

  @Override
  public String protocol() {
    return "nbns";
  }

  @Override
  public Transport transport() {
    return Transport.UDP;
  }

  @Override
  public int[] wellKnownPorts() {
    return new int[] {137};
  }

  @Override
  public boolean heuristic() {
    return false;
  }

  @Override
  public boolean probe(byte[] buf, int offset, int length, boolean fromClient) {
    return DnsParser.looksLikeDns(buf, offset, length, true);
  }

  @Override
  public DissectorSession open(FlowContext flow) {
    return new NameServiceSession(flow, true, mapper);
  }
}

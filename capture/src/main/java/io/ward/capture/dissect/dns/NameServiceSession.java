package io.ward.capture.dissect.dns;

import io.ward.capture.dissect.DissectorSession;
import io.ward.capture.dissect.FlowContext;

/** One UDP flow of a DNS-format protocol: parse each datagram, report anomalies, map. */
final class NameServiceSession implements DissectorSession {
  private final FlowContext flow;
  private final boolean netbios;
  private final MessageMapper mapper;

  NameServiceSession(FlowContext flow, boolean netbios, MessageMapper mapper) {
    this.flow = flow;
    this.netbios = netbios;
    this.mapper = mapper;
  }

  @Override
  public boolean onData(boolean fromClient, long epochNanos, byte[] buf, int offset, int length) {
    var parsed = DnsParser.parse(buf, offset, length, netbios);
    if (parsed.isEmpty()) {
      flow.anomaly(netbios ? "nbns.truncated" : "dns.truncated");
      return true;
    }
    DnsMessage m = parsed.get();
    m.anomalies().forEach(flow::anomaly);
    mapper.map(m, new Emitter(flow, fromClient, epochNanos));
    return true;
  }
}

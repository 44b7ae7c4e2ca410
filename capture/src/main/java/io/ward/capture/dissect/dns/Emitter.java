package io.ward.capture.dissect.dns;

import io.ward.capture.dissect.FlowContext;
import io.ward.capture.dissect.SubjectFact;
import io.ward.model.Endpoint;
import io.ward.model.IpAddress;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/**
 * Emits the observations of one message, dropping exact repeats within it (a response often carries
 * the same fact in the answer and additional sections).
 */
final class Emitter {
  private final FlowContext flow;
  private final Endpoint sender;
  private final long epochNanos;
  private final Set<SubjectFact> seen = new HashSet<>();

  /** One fact of the message, for the repeat check (not a joined string: no text per fact). */
  Emitter(FlowContext flow, boolean fromClient, long epochNanos) {
    this.flow = flow;
    this.sender = fromClient ? flow.client() : flow.server();
    this.epochNanos = epochNanos;
  }

  /** The endpoint that sent the message. */
  Endpoint sender() {
    return sender;
  }

  /** Emits once per message. */
  void emit(Endpoint subject, String field, String value) {
    if (value.isEmpty() || !seen.add(new SubjectFact(subject, field, value))) {
      return;
    }
    flow.observe(subject, epochNanos, field, value);
  }

  /**
   * The endpoint an address names, or empty for an address that cannot name one device. For a
   * link-local announcement ({@code sameLink}: mDNS, LLMNR, an NBNS registration) the sender speaks
   * for itself, so its own address is the sender and another address of it carries the sender's
   * MAC. Otherwise (a unicast DNS answer, a WINS response) only the address is known: the frame's
   * MAC may be a router's.
   */
  Optional<Endpoint> subject(IpAddress address, boolean sameLink) {
    if (address.isGroupOrUnspecified() || isLoopback(address)) {
      return Optional.empty();
    }
    int vlan = flow.client().vlan();
    if (!sameLink) {
      return Optional.of(Endpoint.ofIp(address, vlan));
    }
    if (sender.ip().filter(address::equals).isPresent()) {
      return Optional.of(sender);
    }
    if (sender.mac().isPresent()) {
      return Optional.of(Endpoint.of(sender.mac().get(), address, vlan));
    }
    return Optional.of(Endpoint.ofIp(address, vlan));
  }

  private static boolean isLoopback(IpAddress a) {
    return a.isV4() ? (a.v4() >>> 24) == 127 : a.high() == 0 && a.low() == 1;
  }
}

package io.ward.capture.dissect.dns;

import io.ward.model.ObservationFields;

/**
 * LLMNR (RFC 4795): a responder answers only for its own names (§2.1), so an answer's addresses are
 * named by the owner; a query says which single-label name the asker looked for.
 */
final class LlmnrMapper implements MessageMapper {

  /** The name an LLMNR query asked for; subject: the asker. */
  static final String LLMNR_QUERY = "llmnr.query";

  @Override
  public void map(DnsMessage m, Emitter out) {
    if (!m.isResponse()) {
      for (DnsQuestion q : m.questions()) {
        out.emit(out.sender(), LLMNR_QUERY, q.name());
      }
      return;
    }
    if (m.rcode() != 0) {
      return;
    }
    for (DnsRecord r : m.answers()) {
      if (r.rdata() instanceof Rdata.Address a) {
        out.subject(a.address(), true)
            .ifPresent(s -> out.emit(s, ObservationFields.LLMNR_NAME, r.name()));
      }
    }
  }
}

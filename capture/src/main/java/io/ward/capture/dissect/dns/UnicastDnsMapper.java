package io.ward.capture.dissect.dns;

import io.ward.model.ObservationFields;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * DNS (RFC 1035): a query says what the asker looked up; an answer names the addresses it returns,
 * under the owner name and every alias whose CNAME chain leads to it.
 */
final class UnicastDnsMapper implements MessageMapper {
  private static final int MAX_ALIAS_DEPTH = 8;

  @Override
  public void map(DnsMessage m, Emitter out) {
    if (!m.isResponse()) {
      if (m.opcode() == 0) {
        for (DnsQuestion q : m.questions()) {
          out.emit(out.sender(), ObservationFields.DNS_QUERY, q.name());
        }
      }
      return;
    }
    if (m.rcode() != 0) {
      return;
    }
    for (DnsRecord r : m.answers()) {
      if (r.rdata() instanceof Rdata.Address a) {
        var subject = out.subject(a.address(), false);
        if (subject.isPresent()) {
          for (String name : namesOf(r.name(), m.answers())) {
            out.emit(subject.get(), ObservationFields.DNS_NAME, name);
          }
        }
      } else if (r.rdata() instanceof Rdata.Name n && r.type() == DnsParser.TYPE_PTR) {
        ReverseName.address(r.name())
            .flatMap(ip -> out.subject(ip, false))
            .ifPresent(s -> out.emit(s, ObservationFields.DNS_NAME, n.target()));
      }
    }
  }

  /** The owner and the names that reach it through CNAME records (bounded chain length). */
  private static Set<String> namesOf(String owner, List<DnsRecord> answers) {
    Set<String> names = new LinkedHashSet<>();
    names.add(owner);
    List<String> frontier = new ArrayList<>(List.of(owner));
    for (int depth = 0; depth < MAX_ALIAS_DEPTH && !frontier.isEmpty(); depth++) {
      List<String> next = new ArrayList<>();
      for (DnsRecord r : answers) {
        if (r.rdata() instanceof Rdata.Name n && r.type() == DnsParser.TYPE_CNAME) {
          for (String f : frontier) {
            if (n.target().toLowerCase(Locale.ROOT).equals(f.toLowerCase(Locale.ROOT))
                && names.add(r.name())) {
              next.add(r.name());
            }
          }
        }
      }
      frontier = next;
    }
    return names;
  }
}

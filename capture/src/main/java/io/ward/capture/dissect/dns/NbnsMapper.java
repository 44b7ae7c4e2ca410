package io.ward.capture.dissect.dns;

import io.ward.model.Endpoint;
import io.ward.model.IpAddress;
import io.ward.model.ObservationFields;
import java.util.Optional;

/**
 * NetBIOS name service (RFC 1002 §4.2): registrations and refreshes (a host claiming its names),
 * positive query responses (a name's addresses) and node status responses (every name a node holds,
 * with its adapter MAC). Group names go to {@code nbns.group}.
 *
 * <p>Names with suffix 0x03 (messenger service) are skipped: besides the computer name they carry
 * the logged-on user's name, which is personal data Ward does not need.
 */
final class NbnsMapper implements MessageMapper {

  /** A NetBIOS group name (workgroup or domain) the subject belongs to. */
  static final String NBNS_GROUP = "nbns.group";

  /** The NetBIOS name an NBNS query asked for; subject: the asker. */
  static final String NBNS_QUERY = "nbns.query";

  /** The adapter MAC a node status response reports (RFC 1002 §4.2.18, UNIT_ID). */
  static final String NBNS_UNIT_ID = "nbns.unitId";

  private static final int OP_QUERY = 0;

  @Override
  public void map(DnsMessage m, Emitter out) {
    int op = m.opcode();
    if (!m.isResponse()) {
      if (op == OP_QUERY) {
        for (DnsQuestion q : m.questions()) {
          if (q.type() == DnsParser.TYPE_NB && keep(q.name())) {
            out.emit(out.sender(), NBNS_QUERY, q.name());
          }
        }
      } else if (isRegistration(op)) {
        register(m, out);
      }
      return;
    }
    if (op != OP_QUERY || m.rcode() != 0) {
      return;
    }
    for (DnsRecord r : m.answers()) {
      if (r.rdata() instanceof Rdata.NbAddresses nb && keep(r.name())) {
        for (IpAddress a : nb.addresses()) {
          out.subject(a, false).ifPresent(s -> out.emit(s, field(nb.group()), r.name()));
        }
      } else if (r.rdata() instanceof Rdata.NodeStatus status) {
        for (Rdata.NbName n : status.names()) {
          if (keep(n.name())) {
            out.emit(out.sender(), field(n.group()), n.name());
          }
        }
        status.unitId().ifPresent(mac -> out.emit(out.sender(), NBNS_UNIT_ID, mac.toString()));
      }
    }
  }

  /** Registration (5), refresh (8, 9) and multi-homed registration (15), RFC 1002 §4.2.2. */
  private static boolean isRegistration(int op) {
    return op == 5 || op == 8 || op == 9 || op == 15;
  }

  private void register(DnsMessage m, Emitter out) {
    for (DnsQuestion q : m.questions()) {
      if (!keep(q.name())) {
        continue;
      }
      boolean any = false;
      for (DnsRecord r : m.additionals()) {
        if (r.rdata() instanceof Rdata.NbAddresses nb) {
          for (IpAddress a : nb.addresses()) {
            any = true;
            // The registrant speaks for its own address; another address (a multi-homed
            // registration, RFC 1002 §4.2.2) may sit behind another interface and MAC.
            Optional<Endpoint> subject =
                out.sender().ip().filter(a::equals).isPresent()
                    ? Optional.of(out.sender())
                    : out.subject(a, false);
            subject.ifPresent(s -> out.emit(s, field(nb.group()), q.name()));
          }
        }
      }
      if (!any) {
        Endpoint sender = out.sender();
        out.emit(sender, ObservationFields.NBNS_NAME, q.name());
      }
    }
  }

  private static String field(boolean group) {
    return group ? NBNS_GROUP : ObservationFields.NBNS_NAME;
  }

  /** Drops the messenger-service names (user names) and the __MSBROWSE__ special name. */
  private static boolean keep(String name) {
    return !name.contains("<03>") && !name.startsWith("\\001");
  }
}

package io.ward.capture.dissect.snmp;

import io.ward.capture.dissect.DissectorSession;
import io.ward.capture.dissect.FlowContext;
import io.ward.model.ObservationFields;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/** The datagrams between one manager and one agent (or one agent and its trap receiver). */
final class SnmpSession implements DissectorSession {

  static final String SYS_DESCR = "1.3.6.1.2.1.1.1.0";
  static final String SYS_OBJECT_ID = "1.3.6.1.2.1.1.2.0";
  static final String SYS_NAME = "1.3.6.1.2.1.1.5.0";

  /** Datagrams read per flow; a polling flow repeats itself after the first few. */
  static final int MAX_DATAGRAMS = 256;

  private static final int MAX_DISTINCT_FACTS = 128;

  private final FlowContext flow;
  private final Set<String> emitted = new HashSet<>();
  private int datagrams;

  SnmpSession(FlowContext flow) {
    this.flow = flow;
  }

  @Override
  public boolean onData(boolean fromClient, long epochNanos, byte[] buf, int offset, int length) {
    if (offset < 0 || length < 0 || offset > buf.length - length) {
      flow.anomaly("snmp.bad_call");
      return false;
    }
    Optional<SnmpMessage> parsed = SnmpParser.parse(buf, offset, length);
    if (parsed.isEmpty()) {
      flow.anomaly("snmp.bad_ber");
    } else {
      onMessage(fromClient, epochNanos, parsed.get());
    }
    return ++datagrams < MAX_DATAGRAMS;
  }

  private void onMessage(boolean fromClient, long t, SnmpMessage m) {
    boolean agentIsClient = agentIsClient(fromClient, m);
    if (m.version() == 3) {
      observe(agentIsClient, t, ObservationFields.SNMP_VERSION, "v3");
      observe(agentIsClient, t, SnmpDissector.SECURITY_LEVEL, level(m.v3Flags()));
      if ((m.v3Flags() & 0x02) != 0) {
        flow.markEncrypted();
      }
    }
    if (!m.fromAgent()) {
      return;
    }
    String version = versionName(m.version());
    observe(agentIsClient, t, ObservationFields.SNMP_VERSION, version);
    if (m.hasCommunity()) {
      // The agent answered (or trapped) with a community: it is in use. Never the string itself.
      observe(agentIsClient, t, ObservationFields.SNMP_COMMUNITY, "in-use:" + version);
    }
    for (SnmpMessage.VarBind vb : m.varBinds()) {
      if (vb.value().isEmpty() || vb.value().get().isEmpty()) {
        continue;
      }
      String field =
          switch (vb.oid()) {
            case SYS_DESCR -> ObservationFields.SNMP_SYS_DESCR;
            case SYS_NAME -> ObservationFields.SNMP_SYS_NAME;
            case SYS_OBJECT_ID -> SnmpDissector.SYS_OBJECT_ID;
            default -> null;
          };
      if (field != null) {
        observe(agentIsClient, t, field, vb.value().get());
      }
    }
  }

  /**
   * Requests go to the agent and answers and notifications come from it; an encrypted v3 PDU hides
   * its type, so the side on the trap port is taken as the notifying agent's peer.
   */
  private boolean agentIsClient(boolean fromClient, SnmpMessage m) {
    if (m.pduType().isEmpty()) {
      return flow.serverPort() == 162;
    }
    return m.fromAgent() == fromClient;
  }

  private static String versionName(int version) {
    return switch (version) {
      case 0 -> "v1";
      case 1 -> "v2c";
      default -> "v3";
    };
  }

  private static String level(int flags) {
    if ((flags & 0x01) == 0) {
      return "noAuthNoPriv";
    }
    return (flags & 0x02) != 0 ? "authPriv" : "authNoPriv";
  }

  private void observe(boolean aboutClient, long t, String field, String value) {
    String key = (aboutClient ? "c|" : "s|") + field + '|' + value;
    if (emitted.size() < MAX_DISTINCT_FACTS && emitted.add(key)) {
      flow.observe(aboutClient, t, field, value);
    }
  }
}

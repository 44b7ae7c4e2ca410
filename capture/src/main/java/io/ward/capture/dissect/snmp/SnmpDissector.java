package io.ward.capture.dissect.snmp;

import io.ward.capture.dissect.Dissector;
import io.ward.capture.dissect.DissectorSession;
import io.ward.capture.dissect.FlowContext;
import io.ward.model.Transport;

/**
 * SNMP v1, v2c and v3 on UDP 161 (agent) and 162 (traps). Emits, about the agent, the version in
 * use, that a community string is accepted ({@code in-use:v2c}, never the string), sysDescr,
 * sysName and sysObjectID from its answers, and the v3 security level; marks the flow encrypted
 * when v3 privacy is on.
 */
public final class SnmpDissector implements Dissector {

  /** sysObjectID (1.3.6.1.2.1.1.2.0) of the agent; not yet in {@code ObservationFields}. */
  public static final String SYS_OBJECT_ID = "snmp.sysObjectId";

  /** v3 msgFlags as noAuthNoPriv, authNoPriv or authPriv (RFC 3412 section 6.4). */
  public static final String SECURITY_LEVEL = "snmp.securityLevel";

  private static final int[] PORTS = {161, 162};

  @Override
  public String protocol() {
    return "snmp";
  }

  @Override
  public Transport transport() {
    return Transport.UDP;
  }

  @Override
  public int[] wellKnownPorts() {
    return PORTS.clone();
  }

  @Override
  public boolean heuristic() {
    return false;
  }

  @Override
  public boolean probe(byte[] buf, int offset, int length, boolean fromClient) {
    if (offset < 0 || length < 0 || offset > buf.length - length) {
      return false;
    }
    return SnmpParser.parse(buf, offset, length).isPresent();
  }

  @Override
  public DissectorSession open(FlowContext flow) {
    return new SnmpSession(flow);
  }
}

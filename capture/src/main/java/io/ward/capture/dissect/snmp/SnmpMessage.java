package io.ward.capture.dissect.snmp;

import java.util.List;
import java.util.Optional;

/**
 * One SNMP message as Ward keeps it: never the community string or v3 user name.
 *
 * @param version 0 (v1), 1 (v2c) or 3 (v3) as on the wire
 * @param pduType context tag number of the PDU (0 GetRequest … 8 Report), or empty when the v3
 *     scoped PDU is encrypted
 * @param hasCommunity true when a v1/v2c community string was present (its value is not kept)
 * @param v3Flags msgFlags of a v3 message (bit 0 auth, bit 1 priv), 0 otherwise
 * @param varBinds names and printable values of the variable bindings
 */
record SnmpMessage(
    int version,
    Optional<Integer> pduType,
    boolean hasCommunity,
    int v3Flags,
    List<VarBind> varBinds) {

  SnmpMessage {
    varBinds = List.copyOf(varBinds);
  }

  /** One variable binding: the OID and its value when it is a string or OID. */
  record VarBind(String oid, Optional<String> value) {}

  /** True for a PDU sent by an agent (response, traps, inform, report). */
  boolean fromAgent() {
    return pduType.map(t -> t == 2 || t == 4 || t == 6 || t == 7 || t == 8).orElse(false);
  }
}

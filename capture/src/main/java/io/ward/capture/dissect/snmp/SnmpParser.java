package io.ward.capture.dissect.snmp;

import io.ward.capture.dissect.snmp.Ber.BerException;
import io.ward.capture.dissect.snmp.Ber.Tlv;
import io.ward.capture.dissect.snmp.SnmpMessage.VarBind;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * Parses an SNMP v1 (RFC 1157), v2c (RFC 1901/3416) or v3 (RFC 3412) message. The community string
 * and the v3 security parameters are stepped over, never copied.
 */
final class SnmpParser {

  /** Variable bindings kept per message. */
  static final int MAX_VARBINDS = 64;

  /** Longest value kept (sysDescr is at most 255 octets, RFC 3418). */
  static final int MAX_VALUE_BYTES = 512;

  private SnmpParser() {}

  /** The message, or empty when it is not well-formed SNMP. */
  static Optional<SnmpMessage> parse(byte[] b, int off, int len) {
    try {
      return Optional.of(message(b, off, off + len));
    } catch (BerException e) {
      return Optional.empty();
    }
  }

  private static SnmpMessage message(byte[] b, int off, int end) throws BerException {
    Tlv outer = Ber.expect(b, off, end, Ber.SEQUENCE);
    Tlv version = Ber.expect(b, outer.valueStart(), outer.valueEnd(), Ber.INTEGER);
    long v = Ber.integer(b, version);
    if (v == 0 || v == 1) {
      Tlv community = Ber.expect(b, version.valueEnd(), outer.valueEnd(), Ber.OCTET_STRING);
      Tlv pdu = Ber.read(b, community.valueEnd(), outer.valueEnd());
      return new SnmpMessage((int) v, Optional.of(pduNumber(pdu)), true, 0, varBinds(b, pdu));
    }
    if (v == 3) {
      return v3(b, version.valueEnd(), outer.valueEnd());
    }
    throw new BerException("unknown version " + v);
  }

  private static SnmpMessage v3(byte[] b, int pos, int end) throws BerException {
    Tlv global = Ber.expect(b, pos, end, Ber.SEQUENCE);
    Tlv msgId = Ber.expect(b, global.valueStart(), global.valueEnd(), Ber.INTEGER);
    Tlv maxSize = Ber.expect(b, msgId.valueEnd(), global.valueEnd(), Ber.INTEGER);
    Tlv flags = Ber.expect(b, maxSize.valueEnd(), global.valueEnd(), Ber.OCTET_STRING);
    int msgFlags = flags.length() >= 1 ? b[flags.valueStart()] & 0xFF : 0;
    Tlv securityParameters = Ber.expect(b, global.valueEnd(), end, Ber.OCTET_STRING);
    Tlv data = Ber.read(b, securityParameters.valueEnd(), end);
    if (data.tag() == Ber.OCTET_STRING) {
      // encryptedPDU (RFC 3412 section 6): nothing more to read in clear.
      return new SnmpMessage(3, Optional.empty(), false, msgFlags, List.of());
    }
    if (data.tag() != Ber.SEQUENCE) {
      throw new BerException("bad scoped pdu");
    }
    Tlv engine = Ber.expect(b, data.valueStart(), data.valueEnd(), Ber.OCTET_STRING);
    Tlv context = Ber.expect(b, engine.valueEnd(), data.valueEnd(), Ber.OCTET_STRING);
    Tlv pdu = Ber.read(b, context.valueEnd(), data.valueEnd());
    return new SnmpMessage(3, Optional.of(pduNumber(pdu)), false, msgFlags, varBinds(b, pdu));
  }

  private static int pduNumber(Tlv pdu) throws BerException {
    int tag = pdu.tag();
    if (tag < 0xA0 || tag > 0xA8) {
      throw new BerException("not a PDU: " + tag);
    }
    return tag - 0xA0;
  }

  private static List<VarBind> varBinds(byte[] b, Tlv pdu) throws BerException {
    int p = pdu.valueStart();
    int end = pdu.valueEnd();
    if (pdu.tag() == 0xA4) {
      // Trap-PDU (RFC 1157 section 4.1.6): enterprise, agent-addr, generic, specific, time-stamp.
      for (int i = 0; i < 5; i++) {
        p = Ber.read(b, p, end).valueEnd();
      }
    } else {
      // request-id, error-status, error-index
      for (int i = 0; i < 3; i++) {
        p = Ber.expect(b, p, end, Ber.INTEGER).valueEnd();
      }
    }
    Tlv list = Ber.expect(b, p, end, Ber.SEQUENCE);
    List<VarBind> out = new ArrayList<>();
    int q = list.valueStart();
    while (q < list.valueEnd() && out.size() < MAX_VARBINDS) {
      Tlv vb = Ber.expect(b, q, list.valueEnd(), Ber.SEQUENCE);
      Tlv name = Ber.expect(b, vb.valueStart(), vb.valueEnd(), Ber.OID);
      Tlv value = Ber.read(b, name.valueEnd(), vb.valueEnd());
      out.add(new VarBind(Ber.oid(b, name), value(b, value)));
      q = vb.valueEnd();
    }
    return out;
  }

  private static Optional<String> value(byte[] b, Tlv v) throws BerException {
    if (v.tag() == Ber.OID) {
      return Optional.of(Ber.oid(b, v));
    }
    if (v.tag() != Ber.OCTET_STRING) {
      return Optional.empty();
    }
    int n = Math.min(v.length(), MAX_VALUE_BYTES);
    if (isText(b, v.valueStart(), n)) {
      return Optional.of(
          new String(b, v.valueStart(), n, StandardCharsets.UTF_8).replace('\u0000', ' ').strip());
    }
    return Optional.of(HexFormat.of().formatHex(b, v.valueStart(), v.valueStart() + n));
  }

  private static boolean isText(byte[] b, int off, int n) {
    for (int i = off; i < off + n; i++) {
      int c = b[i] & 0xFF;
      boolean trailingNul = c == 0 && i == off + n - 1;
      if (c < 0x20 && c != '\r' && c != '\n' && c != '\t' && !trailingNul) {
        return false;
      }
    }
    return true;
  }
}

package io.ward.capture.dissect.snmp;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Builds BER-encoded SNMP messages for tests. */
final class SnmpBytes {
  private SnmpBytes() {}

  static byte[] tlv(int tag, byte[]... parts) {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    for (byte[] p : parts) {
      body.writeBytes(p);
    }
    byte[] v = body.toByteArray();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(tag);
    if (v.length < 0x80) {
      out.write(v.length);
    } else {
      out.write(0x82);
      out.write(v.length >>> 8);
      out.write(v.length);
    }
    out.writeBytes(v);
    return out.toByteArray();
  }

  static byte[] integer(int v) {
    return tlv(0x02, new byte[] {(byte) v});
  }

  static byte[] octets(String s) {
    return tlv(0x04, s.getBytes(StandardCharsets.UTF_8));
  }

  static byte[] oid(String dotted) {
    String[] arcs = dotted.split("\\.");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(Integer.parseInt(arcs[0]) * 40 + Integer.parseInt(arcs[1]));
    for (int i = 2; i < arcs.length; i++) {
      long a = Long.parseLong(arcs[i]);
      int groups = 1;
      while ((a >>> (7 * groups)) != 0) {
        groups++;
      }
      for (int g = groups - 1; g >= 0; g--) {
        int bits = (int) ((a >>> (7 * g)) & 0x7F);
        out.write(g > 0 ? bits | 0x80 : bits);
      }
    }
    return tlv(0x06, out.toByteArray());
  }

  static byte[] varBind(String oid, byte[] value) {
    return tlv(0x30, oid(oid), value);
  }

  /** A v1/v2c message with one PDU of {@code pduTag} (0xA0 get, 0xA2 response…). */
  static byte[] message(int version, String community, int pduTag, byte[]... varBinds) {
    byte[] pdu = tlv(pduTag, integer(7), integer(0), integer(0), tlv(0x30, varBinds));
    return tlv(0x30, integer(version), octets(community), pdu);
  }

  /** A v3 message with the given msgFlags and, unless encrypted, a plaintext scoped PDU. */
  static byte[] v3(int flags, boolean encrypted, int pduTag) {
    byte[] global =
        tlv(
            0x30,
            integer(1),
            tlv(0x02, new byte[] {0x05, (byte) 0xDC}),
            tlv(0x04, new byte[] {(byte) flags}),
            integer(3));
    byte[] usm = octets("usm-params-with-user");
    byte[] data =
        encrypted
            ? octets("ciphertext")
            : tlv(
                0x30,
                octets(""),
                octets(""),
                tlv(pduTag, integer(1), integer(0), integer(0), tlv(0x30)));
    return tlv(0x30, integer(3), global, usm, data);
  }
}

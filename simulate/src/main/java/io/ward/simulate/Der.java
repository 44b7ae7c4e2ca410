package io.ward.simulate;

import java.math.BigInteger;

/** Minimal ASN.1 DER/BER encoder (X.690) for certificates and SNMP. */
final class Der {
  private Der() {}

  static byte[] tlv(int tag, byte[]... parts) {
    int len = 0;
    for (byte[] p : parts) {
      len += p.length;
    }
    Bytes b = new Bytes(len + 6);
    b.u8(tag);
    if (len < 0x80) {
      b.u8(len);
    } else if (len < 0x100) {
      b.u8(0x81).u8(len);
    } else if (len < 0x10000) {
      b.u8(0x82).u16(len);
    } else {
      b.u8(0x83).u24(len);
    }
    for (byte[] p : parts) {
      b.bytes(p);
    }
    return b.toArray();
  }

  static byte[] seq(byte[]... parts) {
    return tlv(0x30, parts);
  }

  static byte[] set(byte[]... parts) {
    return tlv(0x31, parts);
  }

  /** A constructed context-specific tag [n]. */
  static byte[] explicit(int n, byte[]... parts) {
    return tlv(0xA0 | n, parts);
  }

  static byte[] integer(long v) {
    return tlv(0x02, BigInteger.valueOf(v).toByteArray());
  }

  /** A non-negative integer from its big-endian magnitude. */
  static byte[] unsigned(byte[] magnitude) {
    return tlv(0x02, new BigInteger(1, magnitude).toByteArray());
  }

  static byte[] nul() {
    return new byte[] {0x05, 0x00};
  }

  static byte[] octets(byte[] v) {
    return tlv(0x04, v);
  }

  static byte[] utf8(String s) {
    return tlv(0x0C, Bytes.utf8(s));
  }

  static byte[] printable(String s) {
    return tlv(0x13, Bytes.text(s));
  }

  static byte[] utcTime(String s) {
    return tlv(0x17, Bytes.text(s));
  }

  static byte[] bits(byte[] v) {
    byte[] withUnused = new byte[v.length + 1];
    System.arraycopy(v, 0, withUnused, 1, v.length);
    return tlv(0x03, withUnused);
  }

  static byte[] oid(String dotted) {
    String[] parts = dotted.split("\\.");
    Bytes b = new Bytes(parts.length * 2);
    b.u8(Integer.parseInt(parts[0]) * 40 + Integer.parseInt(parts[1]));
    for (int i = 2; i < parts.length; i++) {
      long v = Long.parseLong(parts[i]);
      int shift = 63 - Long.numberOfLeadingZeros(Math.max(1, v));
      int groups = shift / 7;
      for (int g = groups; g >= 0; g--) {
        int septet = (int) ((v >>> (7 * g)) & 0x7F);
        b.u8(g > 0 ? septet | 0x80 : septet);
      }
    }
    return tlv(0x06, b.toArray());
  }
}

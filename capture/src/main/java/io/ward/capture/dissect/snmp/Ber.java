package io.ward.capture.dissect.snmp;

/**
 * A bounded reader of BER (X.690) as SNMP uses it: single-byte tags, definite lengths of at most
 * four length bytes, every length checked against its enclosing element. Malformed input raises
 * {@link BerException}, the one exception of this package, caught by the parser.
 */
final class Ber {

  static final int SEQUENCE = 0x30;
  static final int INTEGER = 0x02;
  static final int OCTET_STRING = 0x04;
  static final int NULL = 0x05;
  static final int OID = 0x06;

  /** Arcs kept per object identifier; longer ones are malformed for our purposes. */
  static final int MAX_OID_ARCS = 128;

  /** Malformed BER. */
  static final class BerException extends Exception {
    BerException(String message) {
      super(message, null, false, false);
    }
  }

  /** One decoded TLV header: where its value starts and ends. */
  record Tlv(int tag, int valueStart, int valueEnd) {
    int length() {
      return valueEnd - valueStart;
    }
  }

  private Ber() {}

  /** Reads the TLV at {@code pos}, which must end at or before {@code limit}. */
  static Tlv read(byte[] b, int pos, int limit) throws BerException {
    if (limit - pos < 2) {
      throw new BerException("truncated");
    }
    int tag = b[pos] & 0xFF;
    if ((tag & 0x1F) == 0x1F) {
      throw new BerException("high tag number");
    }
    int first = b[pos + 1] & 0xFF;
    int p = pos + 2;
    long length;
    if (first < 0x80) {
      length = first;
    } else {
      int n = first & 0x7F;
      if (n == 0 || n > 4) {
        throw new BerException("indefinite or huge length");
      }
      if (limit - p < n) {
        throw new BerException("truncated length");
      }
      length = 0;
      for (int i = 0; i < n; i++) {
        length = (length << 8) | (b[p++] & 0xFF);
      }
    }
    if (length > limit - p) {
      throw new BerException("length beyond enclosing element");
    }
    return new Tlv(tag, p, p + (int) length);
  }

  /** Reads a TLV and checks its tag. */
  static Tlv expect(byte[] b, int pos, int limit, int tag) throws BerException {
    Tlv t = read(b, pos, limit);
    if (t.tag() != tag) {
      throw new BerException("unexpected tag " + t.tag());
    }
    return t;
  }

  /** A signed INTEGER of at most 8 bytes. */
  static long integer(byte[] b, Tlv t) throws BerException {
    if (t.length() < 1 || t.length() > 8) {
      throw new BerException("bad integer length");
    }
    long v = b[t.valueStart()]; // sign-extends
    for (int i = t.valueStart() + 1; i < t.valueEnd(); i++) {
      v = (v << 8) | (b[i] & 0xFF);
    }
    return v;
  }

  /** An OBJECT IDENTIFIER in dotted form. */
  static String oid(byte[] b, Tlv t) throws BerException {
    if (t.length() < 1) {
      throw new BerException("empty oid");
    }
    StringBuilder sb = new StringBuilder();
    long arc = 0;
    int arcs = 0;
    boolean firstArc = true;
    for (int i = t.valueStart(); i < t.valueEnd(); i++) {
      int c = b[i] & 0xFF;
      if (arc > (Long.MAX_VALUE >>> 7)) {
        throw new BerException("oid arc overflow");
      }
      arc = (arc << 7) | (c & 0x7F);
      if ((c & 0x80) != 0) {
        continue;
      }
      if (++arcs > MAX_OID_ARCS) {
        throw new BerException("oid too long");
      }
      if (firstArc) {
        long x = Math.min(arc / 40, 2);
        sb.append(x).append('.').append(arc - 40 * x);
        firstArc = false;
      } else {
        sb.append('.').append(arc);
      }
      arc = 0;
    }
    if ((b[t.valueEnd() - 1] & 0x80) != 0) {
      throw new BerException("oid ends inside an arc");
    }
    return sb.toString();
  }
}

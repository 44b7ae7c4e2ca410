package io.ward.simulate;

/** DNS queries and answers (RFC 1035 section 4), also used for mDNS records (RFC 6762). */
final class DnsMessages {
  private DnsMessages() {}

  static final int TYPE_A = 1;
  static final int TYPE_PTR = 12;
  static final int TYPE_TXT = 16;
  static final int TYPE_SRV = 33;
  static final int CLASS_IN = 1;
  static final int CACHE_FLUSH = 0x8000;

  /** A recursive query for one name. */
  static byte[] query(int id, String name, int type) {
    Bytes b = new Bytes(64);
    b.u16(id).u16(0x0100).u16(1).u16(0).u16(0).u16(0);
    name(b, name);
    b.u16(type).u16(CLASS_IN);
    return b.toArray();
  }

  /** The answer to {@link #query}: one A record, the owner name compressed to the question. */
  static byte[] answerA(int id, String name, int ip, int ttl) {
    Bytes b = new Bytes(80);
    b.u16(id).u16(0x8580).u16(1).u16(1).u16(0).u16(0); // QR, AA, RD, RA
    name(b, name);
    b.u16(TYPE_A).u16(CLASS_IN);
    b.u16(0xC00C).u16(TYPE_A).u16(CLASS_IN).u32(ttl).u16(4).u32(ip & 0xFFFF_FFFFL);
    return b.toArray();
  }

  /** Writes a name as uncompressed labels. */
  static void name(Bytes b, String name) {
    for (String label : name.split("\\.")) {
      byte[] l = Bytes.utf8(label);
      b.u8(Math.min(63, l.length)).bytes(l, 0, Math.min(63, l.length));
    }
    b.u8(0);
  }

  /** One resource record with an uncompressed owner name. */
  static void record(Bytes b, String owner, int type, int cls, int ttl, byte[] rdata) {
    name(b, owner);
    b.u16(type).u16(cls).u32(ttl).u16(rdata.length).bytes(rdata);
  }

  static byte[] nameBytes(String name) {
    Bytes b = new Bytes(name.length() + 2);
    name(b, name);
    return b.toArray();
  }
}

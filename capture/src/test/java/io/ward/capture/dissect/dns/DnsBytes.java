package io.ward.capture.dissect.dns;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Builds DNS-format messages for tests (RFC 1035 §4.1), names uncompressed unless asked. */
final class DnsBytes {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();

  DnsBytes(int flags, int qd, int an, int ns, int ar) {
    u16(0x1234).u16(flags).u16(qd).u16(an).u16(ns).u16(ar);
  }

  /** A query header with one question. */
  static DnsBytes query(int questions) {
    return new DnsBytes(0x0100, questions, 0, 0, 0);
  }

  /** A response header. */
  static DnsBytes response(int qd, int an, int ns, int ar) {
    return new DnsBytes(0x8400, qd, an, ns, ar);
  }

  DnsBytes u8(int v) {
    out.write(v);
    return this;
  }

  DnsBytes u16(int v) {
    out.write(v >>> 8);
    out.write(v);
    return this;
  }

  DnsBytes u32(long v) {
    return u16((int) (v >>> 16)).u16((int) v);
  }

  DnsBytes bytes(int... b) {
    for (int v : b) {
      out.write(v);
    }
    return this;
  }

  /** A name as labels ending with the root label. */
  DnsBytes name(String dotted) {
    if (!dotted.isEmpty()) {
      for (String label : dotted.split("\\.")) {
        byte[] b = label.getBytes(StandardCharsets.UTF_8);
        out.write(b.length);
        out.write(b, 0, b.length);
      }
    }
    out.write(0);
    return this;
  }

  /** Labels followed by a compression pointer instead of the root label. */
  DnsBytes nameThenPointer(String dotted, int pointer) {
    for (String label : dotted.split("\\.")) {
      byte[] b = label.getBytes(StandardCharsets.UTF_8);
      out.write(b.length);
      out.write(b, 0, b.length);
    }
    return pointer(pointer);
  }

  DnsBytes pointer(int offset) {
    return u16(0xC000 | offset);
  }

  /** A NetBIOS name, first-level encoded (RFC 1001 §14.1), padded with spaces, with suffix. */
  DnsBytes netbiosName(String name, int suffix) {
    byte[] raw = new byte[16];
    java.util.Arrays.fill(raw, (byte) ' ');
    byte[] n = name.getBytes(StandardCharsets.US_ASCII);
    System.arraycopy(n, 0, raw, 0, Math.min(15, n.length));
    raw[15] = (byte) suffix;
    out.write(32);
    for (byte b : raw) {
      out.write('A' + ((b >> 4) & 0xF));
      out.write('A' + (b & 0xF));
    }
    out.write(0);
    return this;
  }

  DnsBytes question(String name, int type) {
    return name(name).u16(type).u16(1);
  }

  /** Record header after the owner name: type, class, ttl and rdlength. */
  DnsBytes rr(int type, int rdlength) {
    return u16(type).u16(1).u32(120).u16(rdlength);
  }

  DnsBytes a(String owner, int a, int b, int c, int d) {
    return name(owner).rr(1, 4).bytes(a, b, c, d);
  }

  DnsBytes cname(String owner, String target) {
    int len = wireLength(target);
    return name(owner).rr(5, len).name(target);
  }

  DnsBytes ptr(String owner, String target) {
    return name(owner).rr(12, wireLength(target)).name(target);
  }

  DnsBytes srv(String owner, int port, String target) {
    return name(owner).rr(33, 6 + wireLength(target)).u16(0).u16(0).u16(port).name(target);
  }

  DnsBytes txt(String owner, String... strings) {
    int len = 0;
    for (String s : strings) {
      len += 1 + s.getBytes(StandardCharsets.UTF_8).length;
    }
    name(owner).rr(16, len);
    for (String s : strings) {
      byte[] b = s.getBytes(StandardCharsets.UTF_8);
      out.write(b.length);
      out.write(b, 0, b.length);
    }
    return this;
  }

  static int wireLength(String dotted) {
    return dotted.isEmpty() ? 1 : dotted.getBytes(StandardCharsets.UTF_8).length + 2;
  }

  int size() {
    return out.size();
  }

  byte[] build() {
    return out.toByteArray();
  }
}

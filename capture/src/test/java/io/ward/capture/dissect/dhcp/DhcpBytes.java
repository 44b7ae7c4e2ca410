package io.ward.capture.dissect.dhcp;

import java.io.ByteArrayOutputStream;

/** Builds DHCPv4 datagrams byte by byte for tests (RFC 2131 §2 layout). */
final class DhcpBytes {
  private final byte[] header = new byte[240];
  private final ByteArrayOutputStream options = new ByteArrayOutputStream();
  private boolean end = true;

  private DhcpBytes(int op) {
    header[0] = (byte) op;
    header[1] = 1; // Ethernet
    header[2] = 6;
    header[236] = 0x63;
    header[237] = (byte) 0x82;
    header[238] = 0x53;
    header[239] = 0x63;
  }

  static DhcpBytes request() {
    return new DhcpBytes(1);
  }

  static DhcpBytes reply() {
    return new DhcpBytes(2);
  }

  DhcpBytes chaddr(int... mac) {
    for (int i = 0; i < mac.length; i++) {
      header[28 + i] = (byte) mac[i];
    }
    return this;
  }

  DhcpBytes hlen(int hlen) {
    header[2] = (byte) hlen;
    return this;
  }

  DhcpBytes ciaddr(int a, int b, int c, int d) {
    return addr(12, a, b, c, d);
  }

  DhcpBytes yiaddr(int a, int b, int c, int d) {
    return addr(16, a, b, c, d);
  }

  private DhcpBytes addr(int at, int a, int b, int c, int d) {
    header[at] = (byte) a;
    header[at + 1] = (byte) b;
    header[at + 2] = (byte) c;
    header[at + 3] = (byte) d;
    return this;
  }

  /** Writes raw bytes into the fixed header (e.g. options in the file field). */
  DhcpBytes header(int at, int... bytes) {
    for (int i = 0; i < bytes.length; i++) {
      header[at + i] = (byte) bytes[i];
    }
    return this;
  }

  DhcpBytes option(int code, int... value) {
    options.write(code);
    options.write(value.length);
    for (int v : value) {
      options.write(v);
    }
    return this;
  }

  DhcpBytes option(int code, String value) {
    byte[] b = value.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    options.write(code);
    options.write(b.length);
    options.write(b, 0, b.length);
    return this;
  }

  DhcpBytes raw(int... bytes) {
    for (int v : bytes) {
      options.write(v);
    }
    return this;
  }

  DhcpBytes noEnd() {
    end = false;
    return this;
  }

  byte[] build() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(header, 0, header.length);
    byte[] o = options.toByteArray();
    out.write(o, 0, o.length);
    if (end) {
      out.write(255);
    }
    return out.toByteArray();
  }
}

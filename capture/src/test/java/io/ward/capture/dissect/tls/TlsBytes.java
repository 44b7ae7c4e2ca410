package io.ward.capture.dissect.tls;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Builds TLS handshake messages and records for tests (RFC 8446 §4, §5.1). */
final class TlsBytes {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();

  TlsBytes u8(int v) {
    out.write(v);
    return this;
  }

  TlsBytes u16(int v) {
    out.write(v >>> 8);
    out.write(v);
    return this;
  }

  TlsBytes u24(int v) {
    out.write(v >>> 16);
    return u16(v & 0xFFFF);
  }

  TlsBytes bytes(byte[] b) {
    out.write(b, 0, b.length);
    return this;
  }

  TlsBytes zeros(int n) {
    return bytes(new byte[n]);
  }

  byte[] build() {
    return out.toByteArray();
  }

  /** An extension: type, 2-byte length, body. */
  static byte[] extension(int type, byte[] body) {
    return new TlsBytes().u16(type).u16(body.length).bytes(body).build();
  }

  static byte[] u16List(int lengthBytes, int... values) {
    TlsBytes b = new TlsBytes();
    if (lengthBytes == 1) {
      b.u8(values.length * 2);
    } else {
      b.u16(values.length * 2);
    }
    for (int v : values) {
      b.u16(v);
    }
    return b.build();
  }

  static byte[] sni(String host) {
    byte[] h = host.getBytes(StandardCharsets.US_ASCII);
    return new TlsBytes().u16(h.length + 3).u8(0).u16(h.length).bytes(h).build();
  }

  static byte[] alpn(String... protocols) {
    TlsBytes list = new TlsBytes();
    for (String p : protocols) {
      byte[] b = p.getBytes(StandardCharsets.US_ASCII);
      list.u8(b.length).bytes(b);
    }
    byte[] l = list.build();
    return new TlsBytes().u16(l.length).bytes(l).build();
  }

  /**
   * A ClientHello body: version, random, empty session id, ciphers, null compression, extensions.
   */
  static byte[] clientHelloBody(int version, int[] ciphers, byte[]... extensions) {
    TlsBytes b = new TlsBytes().u16(version).zeros(32).u8(0).u16(ciphers.length * 2);
    for (int c : ciphers) {
      b.u16(c);
    }
    b.u8(1).u8(0);
    TlsBytes ext = new TlsBytes();
    for (byte[] e : extensions) {
      ext.bytes(e);
    }
    byte[] e = ext.build();
    return b.u16(e.length).bytes(e).build();
  }

  /** A ServerHello body (TLS 1.2 layout). */
  static byte[] serverHelloBody(int version, int cipher, byte[]... extensions) {
    TlsBytes b = new TlsBytes().u16(version).zeros(32).u8(0).u16(cipher).u8(0);
    TlsBytes ext = new TlsBytes();
    for (byte[] e : extensions) {
      ext.bytes(e);
    }
    byte[] e = ext.build();
    if (e.length > 0) {
      b.u16(e.length).bytes(e);
    }
    return b.build();
  }

  /** A handshake message: type, 3-byte length, body. */
  static byte[] handshake(int type, byte[] body) {
    return new TlsBytes().u8(type).u24(body.length).bytes(body).build();
  }

  /** A record: content type, version 0x0303, length, fragment. */
  static byte[] record(int contentType, byte[] fragment) {
    return new TlsBytes().u8(contentType).u16(0x0303).u16(fragment.length).bytes(fragment).build();
  }
}

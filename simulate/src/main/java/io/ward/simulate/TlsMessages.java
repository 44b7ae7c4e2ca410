package io.ward.simulate;

import java.util.SplittableRandom;

/**
 * TLS handshake records: ClientHello with SNI (RFC 8446 section 4.1.2, RFC 6066 section 3),
 * ServerHello for TLS 1.2 (with Certificate, ECDHE ServerKeyExchange and ServerHelloDone, RFC 5246
 * section 7.4) or TLS 1.3 (supported_versions and key_share), then opaque encrypted records.
 */
final class TlsMessages {
  private TlsMessages() {}

  static final int TLS_AES_256_GCM_SHA384 = 0x1302;
  static final int ECDHE_RSA_AES256_GCM_SHA384 = 0xC030;
  static final int ECDHE_RSA_AES128_GCM_SHA256 = 0xC02F;
  private static final int GREASE = 0x0A0A; // RFC 8701 reserved value

  /** Client TLS stacks, which differ in cipher order and extensions (what JA3/JA4 read). */
  enum Client {
    /** Chromium (Chrome, Edge): GREASE, TLS 1.3, ALPN h2. */
    CHROMIUM(
        true,
        new int[] {
          GREASE, 0x1301, 0x1302, 0x1303, 0xC02B, 0xC02F, 0xC02C, 0xC030, 0xCCA9, 0xCCA8, 0xC013,
          0xC014, 0x009C, 0x009D, 0x002F, 0x0035
        },
        new int[] {0, 23, 0xFF01, 10, 11, 35, 16, 5, 13, 18, 51, 45, 43, 27}),
    /** Apple's Network.framework (iOS, iPadOS). */
    APPLE(
        true,
        new int[] {
          0x1301, 0x1302, 0x1303, 0xC02C, 0xC02B, 0xCCA9, 0xC030, 0xC02F, 0xCCA8, 0xC00A, 0xC009,
          0xC014, 0xC013, 0x009D, 0x009C, 0x0035, 0x002F, 0xC008, 0xC012, 0x000A
        },
        new int[] {0, 23, 0xFF01, 10, 11, 16, 5, 13, 18, 51, 45, 43, 21}),
    /** Android's platform stack (BoringSSL via Conscrypt/OkHttp). */
    ANDROID(
        true,
        new int[] {
          0x1301, 0x1302, 0x1303, 0xC02B, 0xC02C, 0xCCA9, 0xC02F, 0xC030, 0xCCA8, 0xC013, 0xC014,
          0x009C, 0x009D, 0x002F, 0x0035
        },
        new int[] {0, 23, 0xFF01, 10, 11, 35, 16, 5, 13, 51, 45, 43, 21}),
    /** Windows SChannel as embedded applications use it: TLS 1.2 only. */
    SCHANNEL(
        false,
        new int[] {
          0xC02C, 0xC02B, 0xC030, 0xC02F, 0xC024, 0xC023, 0xC028, 0xC027, 0xC00A, 0xC009, 0xC014,
          0xC013, 0x009D, 0x009C, 0x003D, 0x003C, 0x0035, 0x002F, 0x000A
        },
        new int[] {0, 5, 10, 11, 13, 35, 23, 0xFF01});

    final boolean tls13;
    final int[] ciphers;
    final int[] extensions;

    Client(boolean tls13, int[] ciphers, int[] extensions) {
      this.tls13 = tls13;
      this.ciphers = ciphers;
      this.extensions = extensions;
    }

    /** The stack of a device, from its OS and the TLS version its product tops out at. */
    static Client of(DeviceModel m) {
      String os = m.os().orElse("");
      if (m.tlsMaxVersion().equals("1.2")) {
        return SCHANNEL;
      }
      if (os.startsWith("iOS") || os.startsWith("iPadOS")) {
        return APPLE;
      }
      if (os.startsWith("Android")) {
        return ANDROID;
      }
      return CHROMIUM;
    }
  }

  private static final int HANDSHAKE = 22;
  private static final int CHANGE_CIPHER_SPEC = 20;
  private static final int APPLICATION_DATA = 23;

  /** A ClientHello in one record, shaped by the client's stack. */
  static byte[] clientHello(String sni, Client client, SplittableRandom rnd) {
    Bytes h = new Bytes(512);
    h.u16(0x0303).bytes(Certificates.random(rnd, 32));
    h.u8(32).bytes(Certificates.random(rnd, 32));
    h.u16(client.ciphers.length * 2);
    for (int c : client.ciphers) {
      h.u16(c);
    }
    h.u8(1).u8(0); // null compression only
    Bytes ext = new Bytes(256);
    if (client == Client.CHROMIUM) {
      extension(ext, GREASE, new Bytes());
    }
    for (int type : client.extensions) {
      extension(ext, type, extensionBody(type, sni, client, rnd));
    }
    if (client == Client.CHROMIUM) {
      extension(ext, 0x1A1A, new Bytes().u8(0)); // a second GREASE extension, as Chromium sends
    }
    h.u16(ext.length()).bytes(ext);
    return record(HANDSHAKE, 0x0301, handshake(1, h));
  }

  private static Bytes extensionBody(int type, String sni, Client client, SplittableRandom rnd) {
    switch (type) {
      case 0:
        byte[] host = Bytes.text(sni);
        return new Bytes().u16(host.length + 3).u8(0).u16(host.length).bytes(host);
      case 0xFF01:
        return new Bytes().u8(0);
      case 10:
        return client.tls13
            ? new Bytes().u16(8).u16(0x001D).u16(0x0017).u16(0x0018).u16(0x0019)
            : new Bytes().u16(6).u16(0x001D).u16(0x0017).u16(0x0018);
      case 11:
        return new Bytes().u8(1).u8(0);
      case 16:
        return new Bytes().u16(12).u8(2).ascii("h2").u8(8).ascii("http/1.1");
      case 5:
        return new Bytes().u8(1).u16(0).u16(0);
      case 13:
        Bytes algs = new Bytes().u16(client.tls13 ? 16 : 12);
        algs.u16(0x0403).u16(0x0804).u16(0x0401).u16(0x0503).u16(0x0805).u16(0x0501);
        if (client.tls13) {
          algs.u16(0x0806).u16(0x0601);
        }
        return algs;
      case 51:
        return new Bytes().u16(36).u16(0x001D).u16(32).bytes(Certificates.random(rnd, 32));
      case 45:
        return new Bytes().u8(1).u8(1);
      case 43:
        return new Bytes().u8(4).u16(0x0304).u16(0x0303);
      case 27:
        return new Bytes().u8(2).u16(0x0002); // compress_certificate: brotli (RFC 8879)
      case 21:
        return new Bytes().zeros(rnd.nextInt(16, 200)); // padding (RFC 7685)
      default:
        return new Bytes(); // extended_master_secret, session_ticket, signed_cert_timestamp
    }
  }

  /** TLS 1.3 server flight: ServerHello, the compatibility ChangeCipherSpec, encrypted rest. */
  static byte[] serverHello13(SplittableRandom rnd, int encryptedBytes) {
    Bytes h = new Bytes(128);
    h.u16(0x0303).bytes(Certificates.random(rnd, 32));
    h.u8(32).bytes(Certificates.random(rnd, 32));
    h.u16(TLS_AES_256_GCM_SHA384).u8(0);
    Bytes ext = new Bytes(64);
    extension(ext, 43, new Bytes().u16(0x0304));
    extension(ext, 51, new Bytes().u16(0x001D).u16(32).bytes(Certificates.random(rnd, 32)));
    h.u16(ext.length()).bytes(ext);
    Bytes out = new Bytes(encryptedBytes + 200);
    out.bytes(record(HANDSHAKE, 0x0303, handshake(2, h)));
    out.bytes(changeCipherSpec());
    out.bytes(applicationData(rnd, encryptedBytes));
    return out.toArray();
  }

  /** TLS 1.2 server flight: ServerHello, Certificate, ServerKeyExchange, ServerHelloDone. */
  static byte[] serverHello12(SplittableRandom rnd, int cipher, byte[] certificate) {
    Bytes h = new Bytes(128);
    h.u16(0x0303).bytes(Certificates.random(rnd, 32));
    h.u8(32).bytes(Certificates.random(rnd, 32));
    h.u16(cipher).u8(0);
    Bytes ext = new Bytes(32);
    extension(ext, 0xFF01, new Bytes().u8(0));
    extension(ext, 11, new Bytes().u8(1).u8(0));
    extension(ext, 23, new Bytes());
    h.u16(ext.length()).bytes(ext);
    Bytes cert = new Bytes(certificate.length + 8);
    cert.u24(certificate.length + 3).u24(certificate.length).bytes(certificate);
    Bytes ske = new Bytes(400);
    ske.u8(3).u16(0x0017).u8(65).u8(4).bytes(Certificates.random(rnd, 64)); // named curve P-256
    ske.u16(0x0401).u16(256).bytes(Certificates.random(rnd, 256)); // rsa_pkcs1_sha256
    Bytes flight = new Bytes(certificate.length + 600);
    flight.bytes(handshake(2, h)).bytes(handshake(11, cert)).bytes(handshake(12, ske));
    flight.bytes(handshake(14, new Bytes()));
    return record(HANDSHAKE, 0x0303, flight);
  }

  /** TLS 1.2 client finish: ClientKeyExchange, ChangeCipherSpec, encrypted Finished. */
  static byte[] clientFinish12(SplittableRandom rnd) {
    Bytes cke = new Bytes(70).u8(65).u8(4).bytes(Certificates.random(rnd, 64));
    Bytes out = new Bytes(160);
    out.bytes(record(HANDSHAKE, 0x0303, handshake(16, cke)));
    out.bytes(changeCipherSpec());
    out.bytes(encryptedHandshake(rnd));
    return out.toArray();
  }

  /** TLS 1.2 server finish: ChangeCipherSpec and encrypted Finished. */
  static byte[] serverFinish12(SplittableRandom rnd) {
    Bytes out = new Bytes(64);
    out.bytes(changeCipherSpec()).bytes(encryptedHandshake(rnd));
    return out.toArray();
  }

  /** TLS 1.3 client finish: compatibility ChangeCipherSpec and encrypted Finished. */
  static byte[] clientFinish13(SplittableRandom rnd) {
    Bytes out = new Bytes(80);
    out.bytes(changeCipherSpec()).bytes(applicationData(rnd, 53));
    return out.toArray();
  }

  private static byte[] encryptedHandshake(SplittableRandom rnd) {
    Bytes b = new Bytes(40).bytes(Certificates.random(rnd, 40));
    return record(HANDSHAKE, 0x0303, b);
  }

  static byte[] changeCipherSpec() {
    return record(CHANGE_CIPHER_SPEC, 0x0303, new Bytes(1).u8(1));
  }

  /** Application data of about {@code n} bytes, split into records of at most 16 KiB. */
  static byte[] applicationData(SplittableRandom rnd, int n) {
    Bytes out = new Bytes(n + 64);
    int left = Math.max(1, n);
    while (left > 0) {
      int chunk = Math.min(left, 16384);
      out.bytes(
          record(
              APPLICATION_DATA, 0x0303, new Bytes(chunk).bytes(Certificates.random(rnd, chunk))));
      left -= chunk;
    }
    return out.toArray();
  }

  private static void extension(Bytes ext, int type, Bytes body) {
    ext.u16(type).u16(body.length()).bytes(body);
  }

  private static Bytes handshake(int type, Bytes body) {
    return new Bytes(body.length() + 4).u8(type).u24(body.length()).bytes(body);
  }

  private static byte[] record(int type, int version, Bytes body) {
    return new Bytes(body.length() + 5)
        .u8(type)
        .u16(version)
        .u16(body.length())
        .bytes(body)
        .toArray();
  }
}

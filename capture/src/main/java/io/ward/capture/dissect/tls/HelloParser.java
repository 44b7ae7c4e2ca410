package io.ward.capture.dissect.tls;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Parses ClientHello and ServerHello bodies (the handshake message without its 4-byte header), and
 * SSLv2 CLIENT-HELLO / SERVER-HELLO messages. Total: malformed input gives {@link
 * Optional#empty()}.
 */
final class HelloParser {
  static final int EXT_SERVER_NAME = 0;
  static final int EXT_SUPPORTED_GROUPS = 10;
  static final int EXT_EC_POINT_FORMATS = 11;
  static final int EXT_SIGNATURE_ALGORITHMS = 13;
  static final int EXT_ALPN = 16;
  static final int EXT_SUPPORTED_VERSIONS = 43;

  /**
   * The extensions whose bodies a ClientHello's parse reads besides server_name: exactly the cases
   * of {@code Extensions.body}. Of any other extension only the type counts, so {@link
   * ClientHelloCache} keys only these bodies (a key share, random in every hello, is left out).
   */
  static boolean readsClientBody(int type) {
    return type == EXT_SUPPORTED_GROUPS
        || type == EXT_EC_POINT_FORMATS
        || type == EXT_SIGNATURE_ALGORITHMS
        || type == EXT_ALPN
        || type == EXT_SUPPORTED_VERSIONS;
  }

  /** Hosts names longer than DNS allows (RFC 6066 §3 says DNS names) are cut here. */
  private static final int MAX_SNI_CHARS = 255;

  private HelloParser() {}

  /** A ClientHello body (RFC 8446 §4.1.2). */
  static Optional<ClientHello> clientHello(byte[] buf, int offset, int length) {
    try {
      Cursor c = new Cursor(buf, offset, length);
      int version = c.u16();
      c.skip(32);
      c.skip(c.u8());
      Cursor suites = c.slice(c.u16());
      List<Integer> ciphers = new ArrayList<>(suites.remaining() / 2);
      while (suites.remaining() >= 2) {
        ciphers.add(suites.u16());
      }
      c.skip(c.u8());
      Extensions ext = new Extensions();
      if (c.remaining() >= 2) {
        ext.read(c.slice(c.u16()), true);
      }
      return Optional.of(
          new ClientHello(
              version,
              ciphers,
              ext.types,
              ext.sni,
              ext.versions,
              ext.groups,
              ext.pointFormats,
              ext.signatureAlgorithms,
              ext.alpn,
              false));
    } catch (Cursor.Truncated e) {
      return Optional.empty();
    }
  }

  /**
   * A ServerHello body (RFC 8446 §4.1.3). TLS 1.3 drafts before 22 (version 0x7f00..0x7f15) had no
   * session id and no compression method (draft-ietf-tls-tls13-21 §4.1.3).
   */
  static Optional<ServerHello> serverHello(byte[] buf, int offset, int length) {
    try {
      Cursor c = new Cursor(buf, offset, length);
      int version = c.u16();
      c.skip(32);
      boolean earlyDraft = TlsVersion.isDraft13(version) && (version & 0xFF) < 22;
      if (!earlyDraft) {
        c.skip(c.u8());
      }
      int cipher = c.u16();
      if (!earlyDraft) {
        c.skip(1);
      }
      Extensions ext = new Extensions();
      if (c.remaining() >= 2) {
        ext.read(c.slice(c.u16()), false);
      }
      Optional<Integer> selected =
          ext.versions.isEmpty() ? Optional.empty() : Optional.of(ext.versions.get(0));
      return Optional.of(
          new ServerHello(
              version, Optional.of(cipher), selected, ext.types, List.of(), Optional.empty()));
    } catch (Cursor.Truncated e) {
      return Optional.empty();
    }
  }

  /**
   * An SSLv2 CLIENT-HELLO after its 2-byte record header (SSL 2.0 draft, appendix B; also the
   * SSLv2-compatible hello of RFC 5246 §E.2): type 1, version, spec/session/challenge lengths.
   */
  static Optional<ClientHello> sslv2ClientHello(byte[] buf, int offset, int length) {
    try {
      Cursor c = new Cursor(buf, offset, length);
      if (c.u8() != 1) {
        return Optional.empty();
      }
      int version = c.u16();
      int specLength = c.u16();
      int sessionLength = c.u16();
      int challengeLength = c.u16();
      if (specLength % 3 != 0) {
        return Optional.empty();
      }
      Cursor specs = c.slice(specLength);
      List<Integer> ciphers = new ArrayList<>(specLength / 3);
      while (specs.remaining() >= 3) {
        ciphers.add(specs.u24());
      }
      c.skip(sessionLength);
      c.skip(challengeLength);
      return Optional.of(
          new ClientHello(
              version,
              ciphers,
              List.of(),
              Optional.empty(),
              List.of(),
              List.of(),
              List.of(),
              List.of(),
              List.of(),
              true));
    } catch (Cursor.Truncated e) {
      return Optional.empty();
    }
  }

  /**
   * An SSLv2 SERVER-HELLO after its 2-byte record header: type 4, session-id-hit, certificate type,
   * version, certificate/specs/connection-id lengths, then the certificate in clear.
   */
  static Optional<ServerHello> sslv2ServerHello(byte[] buf, int offset, int length) {
    try {
      Cursor c = new Cursor(buf, offset, length);
      if (c.u8() != 4) {
        return Optional.empty();
      }
      c.skip(2);
      int version = c.u16();
      int certLength = c.u16();
      int specLength = c.u16();
      c.u16();
      byte[] cert = c.bytes(certLength);
      Cursor specs = c.slice(specLength - specLength % 3);
      List<Integer> offered = new ArrayList<>(specLength / 3);
      while (specs.remaining() >= 3) {
        offered.add(specs.u24());
      }
      return Optional.of(
          new ServerHello(
              version,
              Optional.empty(),
              Optional.empty(),
              List.of(),
              offered,
              certLength > 0 ? Optional.of(cert) : Optional.empty()));
    } catch (Cursor.Truncated e) {
      return Optional.empty();
    }
  }

  /**
   * The server name of one server_name extension body (RFC 6066 §3): its first non-empty host_name
   * (type 0) entry, control and non-ASCII characters shown as '?', cut to {@link #MAX_SNI_CHARS};
   * empty when there is none before the body ends or breaks.
   */
  static Optional<String> serverName(byte[] buf, int offset, int length) {
    try {
      Cursor b = new Cursor(buf, offset, length);
      return firstHostName(b.slice(b.u16()));
    } catch (Cursor.Truncated e) {
      return Optional.empty();
    }
  }

  private static Optional<String> firstHostName(Cursor list) {
    while (list.hasRemaining()) {
      int nameType = list.u8();
      byte[] name = list.bytes(list.u16());
      if (nameType == 0 && name.length > 0) {
        String s = new String(name, StandardCharsets.ISO_8859_1);
        StringBuilder sb = new StringBuilder(Math.min(s.length(), MAX_SNI_CHARS));
        for (int i = 0; i < s.length() && sb.length() < MAX_SNI_CHARS; i++) {
          char ch = s.charAt(i);
          sb.append(ch < 0x20 || ch >= 0x7F ? '?' : ch);
        }
        return Optional.of(sb.toString());
      }
    }
    return Optional.empty();
  }

  /** The extensions Ward reads; a malformed extension body is skipped, not fatal. */
  private static final class Extensions {
    final List<Integer> types = new ArrayList<>();
    Optional<String> sni = Optional.empty();
    final List<Integer> versions = new ArrayList<>();
    final List<Integer> groups = new ArrayList<>();
    final List<Integer> pointFormats = new ArrayList<>();
    final List<Integer> signatureAlgorithms = new ArrayList<>();
    final List<String> alpn = new ArrayList<>();

    void read(Cursor c, boolean client) {
      while (c.remaining() >= 4) {
        int type = c.u16();
        Cursor body = c.slice(c.u16());
        types.add(type);
        try {
          body(type, body, client);
        } catch (Cursor.Truncated e) {
          // A broken extension body loses only that extension; the type still counts (JA3).
        }
      }
    }

    // The cases below, but server_name, must be those readsClientBody names: the hello cache keys
    // those bodies only.
    private void body(int type, Cursor b, boolean client) {
      switch (type) {
        case EXT_SERVER_NAME:
          if (client) {
            sni(b.slice(b.u16()));
          }
          break;
        case EXT_SUPPORTED_GROUPS:
          u16List(b.slice(b.u16()), groups);
          break;
        case EXT_EC_POINT_FORMATS:
          Cursor f = b.slice(b.u8());
          while (f.hasRemaining()) {
            pointFormats.add(f.u8());
          }
          break;
        case EXT_SIGNATURE_ALGORITHMS:
          u16List(b.slice(b.u16()), signatureAlgorithms);
          break;
        case EXT_ALPN:
          Cursor list = b.slice(b.u16());
          while (list.hasRemaining()) {
            int n = list.u8();
            alpn.add(new String(list.bytes(n), StandardCharsets.ISO_8859_1));
          }
          break;
        case EXT_SUPPORTED_VERSIONS:
          if (client) {
            u16List(b.slice(b.u8()), versions);
          } else {
            versions.add(b.u16());
          }
          break;
        default:
          break;
      }
    }

    private void sni(Cursor list) {
      if (sni.isEmpty()) {
        sni = firstHostName(list);
      }
    }

    private static void u16List(Cursor c, List<Integer> into) {
      while (c.remaining() >= 2) {
        into.add(c.u16());
      }
    }
  }
}

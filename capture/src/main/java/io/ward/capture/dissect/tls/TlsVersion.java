package io.ward.capture.dissect.tls;

/** TLS/SSL protocol version numbers and GREASE values. */
final class TlsVersion {
  static final int SSL2 = 0x0002;
  static final int SSL3 = 0x0300;
  static final int TLS10 = 0x0301;
  static final int TLS12 = 0x0303;
  static final int TLS13 = 0x0304;

  private TlsVersion() {}

  /** A readable name: {@code TLS 1.2}, {@code SSL 3.0}, {@code TLS 1.3 (draft 18)}, else hex. */
  static String name(int v) {
    switch (v) {
      case SSL2:
        return "SSL 2.0";
      case SSL3:
        return "SSL 3.0";
      case TLS10:
        return "TLS 1.0";
      case 0x0302:
        return "TLS 1.1";
      case TLS12:
        return "TLS 1.2";
      case TLS13:
        return "TLS 1.3";
      default:
        if (isDraft13(v)) {
          return "TLS 1.3 (draft " + (v & 0xFF) + ")";
        }
        return hex(v);
    }
  }

  /** True for TLS 1.3 or one of its drafts (0x7fXX, draft-ietf-tls-tls13 §4.1.3). */
  static boolean isTls13(int v) {
    return v == TLS13 || isDraft13(v);
  }

  static boolean isDraft13(int v) {
    return (v & 0xFF00) == 0x7F00;
  }

  /**
   * GREASE (RFC 8701): 0x0A0A, 0x1A1A … 0xFAFA, ignored by every fingerprint. Also used for
   * extension types, groups and signature algorithms.
   */
  static boolean isGrease(int v) {
    return (v & 0x0F0F) == 0x0A0A && (v >>> 8) == (v & 0xFF);
  }

  static String hex(int v) {
    return String.format("0x%04x", v);
  }
}

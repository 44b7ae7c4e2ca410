package io.ward.capture.dissect.tls;

import java.io.ByteArrayInputStream;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.interfaces.DSAPublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import javax.security.auth.x500.X500Principal;

/**
 * Reads the server's leaf certificate with the JDK's X.509 parser ({@link CertificateFactory}).
 * Input is bounded by {@link #MAX_DER_BYTES} before the JDK sees it.
 */
final class CertificateParser {

  /** Larger DER is not parsed (real leaf certificates are a few KiB). */
  static final int MAX_DER_BYTES = 32 * 1024;

  /**
   * Keywords for attributes RFC 2253 has none for, so they print as text rather than {@code
   * OID=#hex} (RFC 2985 emailAddress; RFC 4519 serialNumber, title, givenName, surname…).
   */
  private static final Map<String, String> KEYWORDS =
      Map.of(
          "1.2.840.113549.1.9.1", "emailAddress",
          "2.5.4.5", "serialNumber",
          "2.5.4.12", "title",
          "2.5.4.42", "givenName",
          "2.5.4.4", "surname",
          "2.5.4.15", "businessCategory",
          "2.5.4.17", "postalCode",
          "1.3.6.1.4.1.311.60.2.1.3", "jurisdictionC");

  private CertificateParser() {}

  /**
   * The first certificate of a TLS ≤ 1.2 Certificate message body (RFC 5246 §7.4.2: a 3-byte list
   * length, then 3-byte length + DER per certificate, leaf first).
   */
  static Optional<byte[]> leafOfChain(byte[] buf, int offset, int length) {
    try {
      Cursor c = new Cursor(buf, offset, length);
      Cursor list = c.slice(c.u24());
      if (!list.hasRemaining()) {
        return Optional.empty();
      }
      int n = list.u24();
      if (n == 0 || n > MAX_DER_BYTES) {
        return Optional.empty();
      }
      return Optional.of(list.bytes(n));
    } catch (Cursor.Truncated e) {
      return Optional.empty();
    }
  }

  /** Certificates already parsed, by their DER bytes; cleared when full. */
  private static final int CACHE_ENTRIES = 1024;

  // A server presents the same certificate on every connection; X.509 parsing per connection was
  // the TLS dissector's largest cost. The cache is shared by all workers, bounded, and holds only
  // immutable results keyed by the bytes themselves (no hash collision can mix certificates).
  private static final Map<BytesKey, Optional<ServerCertificate>> CACHE = new ConcurrentHashMap<>();

  /** Parses DER; empty when the JDK rejects it or it is too large. */
  static Optional<ServerCertificate> parse(byte[] der) {
    if (der.length == 0 || der.length > MAX_DER_BYTES) {
      return Optional.empty();
    }
    Optional<ServerCertificate> known = CACHE.get(BytesKey.hashingTail(der));
    if (known != null) {
      return known;
    }
    if (CACHE.size() >= CACHE_ENTRIES) {
      CACHE.clear();
    }
    Optional<ServerCertificate> parsed = parseUncached(der);
    CACHE.put(BytesKey.hashingTail(der.clone()), parsed);
    return parsed;
  }

  private static Optional<ServerCertificate> parseUncached(byte[] der) {
    try {
      X509Certificate cert =
          (X509Certificate)
              CertificateFactory.getInstance("X.509")
                  .generateCertificate(new ByteArrayInputStream(der));
      String subject = distinguishedName(cert.getSubjectX500Principal());
      String issuer = distinguishedName(cert.getIssuerX500Principal());
      return Optional.of(
          new ServerCertificate(
              subject,
              issuer,
              cert.getNotAfter().toInstant().toString(),
              keyDescription(cert.getPublicKey()),
              subject.equals(issuer) && verifiesItself(cert)));
    } catch (CertificateException | RuntimeException | StackOverflowError e) {
      // Hostile DER may trip the JDK parser in unexpected ways (deep nesting included); a
      // dissector must not throw, so any failure is "not a certificate we can read".
      return Optional.empty();
    }
  }

  /**
   * Most bits of an RSA public exponent whose signatures are checked: NIST SP 800-56B's upper bound
   * (keys in use take 65537, 17 bits). A verification costs in proportion to the exponent's length:
   * one with a 3,000-bit exponent took 6.1 ms against 0.055 ms for 65537 (measured here), so a
   * capture of distinct certificates with such keys, which a 3,072-bit modulus allows, would cost
   * an analysis minutes. Such a certificate is taken as not verifying itself.
   */
  static final int MAX_VERIFIED_EXPONENT_BITS = 256;

  /** Whether checking a signature made with {@code key} costs what a usual key's does. */
  static boolean cheapToVerify(PublicKey key) {
    return !(key instanceof RSAPublicKey rsa)
        || rsa.getPublicExponent().bitLength() <= MAX_VERIFIED_EXPONENT_BITS;
  }

  /** RFC 2253 text with the extra keywords. */
  static String distinguishedName(X500Principal name) {
    return name.getName(X500Principal.RFC2253, KEYWORDS);
  }

  /** {@code RSA-2048}, {@code EC-256}, {@code DSA-1024}, else the algorithm name. */
  static String keyDescription(PublicKey key) {
    if (key instanceof RSAPublicKey rsa) {
      return "RSA-" + rsa.getModulus().bitLength();
    }
    if (key instanceof ECPublicKey ec) {
      return "EC-" + ec.getParams().getOrder().bitLength();
    }
    if (key instanceof DSAPublicKey dsa && dsa.getParams() != null) {
      return "DSA-" + dsa.getParams().getP().bitLength();
    }
    return key.getAlgorithm();
  }

  private static boolean verifiesItself(X509Certificate cert) {
    if (!cheapToVerify(cert.getPublicKey())) {
      return false;
    }
    try {
      cert.verify(cert.getPublicKey());
      return true;
    } catch (GeneralSecurityException | RuntimeException e) {
      return false;
    }
  }
}

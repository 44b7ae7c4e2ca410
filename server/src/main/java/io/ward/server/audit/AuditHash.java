package io.ward.server.audit;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** The canonical content of an audit entry, its SHA-256 and its HMAC-SHA256. */
final class AuditHash {
  static final String GENESIS = "0".repeat(64);

  private AuditHash() {}

  /** The plain SHA-256 of the fields (the unkeyed chain of entries older than the audit key). */
  static String of(
      long seq,
      Instant at,
      String actor,
      String action,
      String target,
      String detail,
      String source,
      String prevHash) {
    return sha256(canonical(seq, at, actor, action, target, detail, source, prevHash));
  }

  /** The canonical content of an entry: what its hash, plain or keyed, is computed over. */
  static String canonical(AuditEntry e) {
    return canonical(
        e.seq(),
        e.at(),
        e.actor(),
        e.action(),
        e.target(),
        e.detail(),
        e.sourceAddress(),
        e.prevHash());
  }

  /**
   * Each field written as its length, a colon and its UTF-8 text, so that no two different entries
   * share a canonical form.
   */
  static String canonical(
      long seq,
      Instant at,
      String actor,
      String action,
      String target,
      String detail,
      String source,
      String prevHash) {
    StringBuilder canonical = new StringBuilder();
    for (String field :
        new String[] {
          Long.toString(seq),
          DateTimeFormatter.ISO_INSTANT.format(at),
          actor,
          action,
          target,
          detail,
          source,
          prevHash
        }) {
      canonical.append(field.length()).append(':').append(field).append('\n');
    }
    return canonical.toString();
  }

  static String sha256(String text) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(digest.digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 missing from the JDK", e);
    }
  }

  /** The HMAC of {@code text} with {@code mac}, which it leaves ready for the next text. */
  static String hmac(Mac mac, String text) {
    return HexFormat.of().formatHex(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
  }

  /** An HMAC-SHA256 initialised with {@code key}. */
  static Mac newMac(byte[] key) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return mac;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 missing from the JDK", e);
    }
  }
}

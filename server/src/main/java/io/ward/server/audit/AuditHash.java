package io.ward.server.audit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;

/** The canonical content of an audit entry and its SHA-256. */
final class AuditHash {
  static final String GENESIS = "0".repeat(64);

  private AuditHash() {}

  /**
   * Hashes the fields, each written as its length, a colon and its UTF-8 text, so that no two
   * different entries share a canonical form.
   */
  static String of(
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
    return sha256(canonical.toString());
  }

  static String sha256(String text) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(digest.digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 missing from the JDK", e);
    }
  }
}

package io.ward.server.audit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import javax.crypto.Mac;

/**
 * The secret that authenticates the audit chain, and the first entry it covers: entries from {@code
 * fromSeq} on must carry an HMAC under it, entries before it may be plain SHA-256 (written before
 * the key existed).
 */
final class AuditKey {
  static final int BYTES = 32;

  private final byte[] secret;

  /**
   * One initialised HMAC per thread: verifying a long log made and initialised one per entry. A Mac
   * is not thread-safe, and appends and verification may run on different threads.
   */
  private final ThreadLocal<Mac> macs;

  private final long fromSeq;

  /** See {@link #id()}; made once, as every append under a replaced key compares it. */
  private final String id;

  AuditKey(byte[] secret, long fromSeq) {
    if (secret.length != BYTES) {
      throw new IllegalArgumentException(
          "an audit key has " + BYTES + " bytes, not " + secret.length);
    }
    if (fromSeq < 1) {
      throw new IllegalArgumentException("an audit key covers entries from 1 on, not " + fromSeq);
    }
    this.secret = secret.clone();
    this.fromSeq = fromSeq;
    this.macs = ThreadLocal.withInitial(() -> AuditHash.newMac(this.secret));
    this.id = mac("ward-audit-key-id|" + fromSeq).substring(0, 32);
  }

  long fromSeq() {
    return fromSeq;
  }

  byte[] secret() {
    return secret.clone();
  }

  /** The HMAC of an entry's canonical content. */
  String mac(String canonical) {
    return AuditHash.hmac(macs.get(), canonical);
  }

  /**
   * The key's fingerprint, kept in the head row so that appends use this key and no other with the
   * same first entry (one of a replacement that rolled back): an HMAC of a fixed text, which tells
   * nothing of the key.
   */
  String id() {
    return id;
  }

  /** True when {@code hash} is this key's HMAC of the content (compared in constant time). */
  boolean authenticates(String canonical, String hash) {
    return MessageDigest.isEqual(
        mac(canonical).getBytes(StandardCharsets.US_ASCII),
        hash.getBytes(StandardCharsets.US_ASCII));
  }

  @Override
  public String toString() {
    // Never the secret, e.g. in a log line.
    return "AuditKey[fromSeq=" + fromSeq + "]";
  }
}

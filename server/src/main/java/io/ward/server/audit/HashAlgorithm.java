package io.ward.server.audit;

import java.util.Arrays;
import java.util.Optional;

/** Which function made an audit entry's hash, as stored in {@code audit_log.hash_alg}. */
public enum HashAlgorithm {
  /** Plain SHA-256: entries written before the audit key existed. Anyone can recompute it. */
  SHA256("sha256"),
  /** HMAC-SHA256 under the audit key kept outside the database. */
  HMAC_SHA256("hmac-sha256");

  private final String id;

  HashAlgorithm(String id) {
    this.id = id;
  }

  /** The stored name. */
  public String id() {
    return id;
  }

  /** The algorithm of a stored name, empty for an unknown one. */
  public static Optional<HashAlgorithm> of(String id) {
    return Arrays.stream(values()).filter(a -> a.id.equals(id)).findFirst();
  }
}

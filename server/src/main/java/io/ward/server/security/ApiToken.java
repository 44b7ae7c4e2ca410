package io.ward.server.security;

import java.time.Instant;
import java.util.Optional;

/**
 * An API token as listed: never the token itself, only the first characters to recognise it.
 *
 * @param prefix the token's first characters
 */
public record ApiToken(
    long id,
    String username,
    String name,
    String prefix,
    Instant createdAt,
    Optional<Instant> lastUsedAt,
    Optional<Instant> revokedAt) {

  /** A new token with its secret, shown to its owner once and never stored. */
  public record Created(ApiToken token, String secret) {}
}

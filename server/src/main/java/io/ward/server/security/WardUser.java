package io.ward.server.security;

import java.time.Instant;
import java.util.Optional;

/**
 * A Ward user (never with the password hash).
 *
 * @param lockedUntil when a lockout after failed logins ends, if one is in force
 */
public record WardUser(
    long id,
    String username,
    Role role,
    boolean enabled,
    Optional<Instant> lockedUntil,
    Instant createdAt,
    Optional<Instant> lastLoginAt) {}

package io.ward.server.api;

import io.ward.server.audit.AuditEntry;
import io.ward.server.security.ApiToken;
import io.ward.server.security.WardUser;
import java.time.Instant;
import java.util.Optional;

/** Users, tokens and audit entries as the API shows them (never a password or token hash). */
public final class AccountJson {
  private AccountJson() {}

  /** A user. */
  public record User(
      String username,
      String role,
      boolean enabled,
      Optional<Instant> lockedUntil,
      Instant createdAt,
      Optional<Instant> lastLoginAt) {

    /** The view of a user. */
    public static User of(WardUser u) {
      return new User(
          u.username(),
          u.role().id(),
          u.enabled(),
          u.lockedUntil(),
          u.createdAt(),
          u.lastLoginAt());
    }
  }

  /** A new user; the password is read once and never shown again. */
  public record NewUser(String username, String password, String role) {}

  /** A change of role or of enabled state (absent fields are kept). */
  public record UserChange(String role, Boolean enabled) {}

  /** A user's change of their own password: the current one is asked again. */
  public record PasswordChange(String currentPassword, String newPassword) {}

  /** An admin's reset of a user's password. */
  public record PasswordReset(String password) {}

  /**
   * An API token as listed.
   *
   * @param prefix the token's first characters, to recognise it
   */
  public record Token(
      long id,
      String username,
      String name,
      String prefix,
      Instant createdAt,
      Optional<Instant> lastUsedAt,
      Optional<Instant> revokedAt) {

    /** The view of a token. */
    public static Token of(ApiToken t) {
      return new Token(
          t.id(), t.username(), t.name(), t.prefix(), t.createdAt(), t.lastUsedAt(), t.revokedAt());
    }
  }

  /** A new token's name. */
  public record NewToken(String name) {}

  /**
   * A created token.
   *
   * @param secret the token itself: shown this once, never stored
   */
  public record CreatedToken(Token token, String secret) {}

  /** The caller. */
  public record Me(String username, String role) {}

  /** One audit entry. */
  public record Entry(
      long seq,
      Instant at,
      String actor,
      String action,
      String target,
      String detail,
      String sourceAddress,
      String hash) {

    /** The view of an entry. */
    public static Entry of(AuditEntry e) {
      return new Entry(
          e.seq(),
          e.at(),
          e.actor(),
          e.action(),
          e.target(),
          e.detail(),
          e.sourceAddress(),
          e.hash());
    }
  }

  /** The outcome of walking the audit chain. */
  public record Verification(
      boolean intact,
      long entries,
      long keyedEntries,
      boolean keyMissing,
      Optional<Long> firstBroken,
      Optional<String> problem,
      Optional<String> caveat,
      String message) {

    public static Verification of(io.ward.server.audit.AuditVerification v) {
      return new Verification(
          v.intact(),
          v.entries(),
          v.keyedEntries(),
          v.keyMissing(),
          v.firstBroken(),
          v.problem(),
          v.caveat(),
          v.message());
    }
  }
}

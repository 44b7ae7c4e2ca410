package io.ward.server.security;

import io.ward.server.audit.Actor;
import io.ward.server.config.WardProperties;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * First start without users: a one-time setup token (random, kept only as a hash in memory, valid
 * once and for a limited time) lets whoever reads the server's console create the first admin.
 * There is no default password.
 */
@Service
public class SetupService {
  private final UserService users;
  private final Duration validity;
  private final Clock clock = Clock.systemUTC();
  private final SecureRandom random = new SecureRandom();
  private byte[] tokenHash;
  private Instant expires = Instant.EPOCH;

  SetupService(UserService users, WardProperties properties) {
    this.users = users;
    this.validity = properties.security().setupTokenValidity();
  }

  /** A new setup token when no user exists yet (any earlier token stops working). */
  public synchronized Optional<String> issueIfNoUsers() {
    if (users.count() > 0) {
      return Optional.empty();
    }
    byte[] bytes = new byte[32];
    random.nextBytes(bytes);
    String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    tokenHash = TokenService.sha256(token).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    expires = clock.instant().plus(validity);
    return Optional.of(token);
  }

  /** True while a setup token is waiting to be used. */
  public synchronized boolean pending() {
    return tokenHash != null && clock.instant().isBefore(expires);
  }

  /**
   * Creates the first admin with a valid setup token, which is then spent.
   *
   * @throws SecurityException the token is wrong, spent or expired, or users exist already
   * @throws IllegalArgumentException the name or password does not meet the policy
   */
  @Transactional
  public synchronized WardUser createFirstAdmin(
      String token, String username, CharSequence password, String address) {
    byte[] given =
        TokenService.sha256(token == null ? "" : token)
            .getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    if (tokenHash == null
        || !MessageDigest.isEqual(tokenHash, given)
        || !clock.instant().isBefore(expires)
        || users.count() > 0) {
      throw new SecurityException("The setup link is invalid, used or expired.");
    }
    WardUser admin = users.create(username, password, Role.ADMIN, new Actor("setup", address));
    tokenHash = null;
    return admin;
  }
}

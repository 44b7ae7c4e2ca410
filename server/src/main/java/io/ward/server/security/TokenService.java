package io.ward.server.security;

import io.ward.server.audit.Actor;
import io.ward.server.audit.AuditLog;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * API tokens for scripts: 256 random bits, shown once, stored only as their SHA-256, revocable. A
 * token acts as its user with the user's role.
 */
@Service
public class TokenService {
  static final String PREFIX = "ward_";
  private static final int MAX_TOKEN_LENGTH = 200;
  private static final Duration LAST_USE_RESOLUTION = Duration.ofMinutes(1);

  private final JdbcClient jdbc;
  private final AuditLog audit;
  private final SecurityChanges changes;
  private final VerifiedTokens verified = new VerifiedTokens();
  private final SecureRandom random = new SecureRandom();
  private final Clock clock = Clock.systemUTC();

  TokenService(JdbcClient jdbc, AuditLog audit, SecurityChanges changes) {
    this.jdbc = jdbc;
    this.audit = audit;
    this.changes = changes;
  }

  /**
   * Creates a token for {@code username}.
   *
   * @throws NoSuchElementException no such user
   * @throws IllegalArgumentException the token name is empty or longer than 100 characters
   */
  @Transactional
  public ApiToken.Created create(String username, String name, Actor actor) {
    if (name == null || name.isBlank() || name.length() > 100) {
      throw new IllegalArgumentException("a token name is 1 to 100 characters");
    }
    long userId =
        jdbc.sql("SELECT id FROM ward_user WHERE username = ?")
            .param(username)
            .query(Long.class)
            .optional()
            .orElseThrow(() -> new NoSuchElementException("no user " + username));
    byte[] bytes = new byte[32];
    random.nextBytes(bytes);
    String secret = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    KeyHolder key = new GeneratedKeyHolder();
    jdbc.sql(
            "INSERT INTO api_token (user_id, name, token_sha256, prefix, created_at)"
                + " VALUES (?, ?, ?, ?, ?)")
        .params(
            userId, name, sha256(secret), secret.substring(0, 12), UserService.utc(clock.instant()))
        .update(key, "id");
    long id = key.getKeyAs(Number.class).longValue();
    audit.append(
        actor.name(),
        "token.create",
        "token:" + id,
        "for " + username + ": " + name,
        actor.address());
    return new ApiToken.Created(get(id).orElseThrow(), secret);
  }

  /** A user's tokens, newest first. */
  @Transactional(readOnly = true)
  public List<ApiToken> list(String username) {
    return jdbc.sql(
            "SELECT t.*, u.username FROM api_token t JOIN ward_user u ON u.id = t.user_id"
                + " WHERE u.username = ? ORDER BY t.id DESC")
        .param(username)
        .query(TokenService::row)
        .list();
  }

  /** One token. */
  @Transactional(readOnly = true)
  public Optional<ApiToken> get(long id) {
    return jdbc.sql(
            "SELECT t.*, u.username FROM api_token t JOIN ward_user u ON u.id = t.user_id"
                + " WHERE t.id = ?")
        .param(id)
        .query(TokenService::row)
        .optional();
  }

  /**
   * Revokes a token; only its owner or an admin may.
   *
   * @throws NoSuchElementException no such token, or not the caller's
   */
  @Transactional
  public ApiToken revoke(long id, String callerUsername, boolean callerIsAdmin, Actor actor) {
    ApiToken t =
        get(id)
            .filter(x -> callerIsAdmin || x.username().equals(callerUsername))
            .orElseThrow(() -> new NoSuchElementException("no token " + id));
    jdbc.sql("UPDATE api_token SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL")
        .params(UserService.utc(clock.instant()), id)
        .update();
    changes.changed();
    audit.append(
        actor.name(), "token.revoke", "token:" + id, "of " + t.username(), actor.address());
    return get(id).orElseThrow();
  }

  /**
   * The enabled user a valid, unrevoked token belongs to. Not one transaction: each statement
   * stands alone, and a token verified moments ago under the same security state is not read again
   * ({@link VerifiedTokens}).
   */
  public Optional<WardUser> authenticate(String secret) {
    if (secret == null || !secret.startsWith(PREFIX) || secret.length() > MAX_TOKEN_LENGTH) {
      return Optional.empty();
    }
    String hash = sha256(secret);
    long changeCount = changes.current();
    long now = System.nanoTime();
    Optional<VerifiedTokens.Entry> known = verified.get(hash, changeCount, now);
    if (known.isPresent()) {
      noteUse(known.get(), now);
      return Optional.of(known.get().user());
    }
    Optional<Long> tokenId =
        jdbc.sql("SELECT id FROM api_token WHERE token_sha256 = ? AND revoked_at IS NULL")
            .param(hash)
            .query(Long.class)
            .optional();
    if (tokenId.isEmpty()) {
      return Optional.empty();
    }
    Optional<WardUser> user =
        jdbc.sql(
                "SELECT u.* FROM ward_user u JOIN api_token t ON t.user_id = u.id"
                    + " WHERE t.id = ? AND u.enabled = TRUE")
            .param(tokenId.get())
            .query(UserService::row)
            .optional();
    if (user.isPresent()) {
      VerifiedTokens.Entry e =
          new VerifiedTokens.Entry(
              tokenId.get(), user.get(), changeCount, now, new AtomicLong(now - LAST_USE_NANOS));
      noteUse(e, now);
      verified.put(hash, e);
    }
    return user;
  }

  private static final long LAST_USE_NANOS = LAST_USE_RESOLUTION.toNanos();

  /**
   * Writes the token's last use at most once a minute per token: writing it on every request would
   * make every API call wait for a WAL flush and queue concurrent calls of one token on its row.
   */
  private void noteUse(VerifiedTokens.Entry e, long nowNanos) {
    long written = e.lastUseWritten().get();
    if (nowNanos - written < LAST_USE_NANOS
        || !e.lastUseWritten().compareAndSet(written, nowNanos)) {
      return;
    }
    Instant now = clock.instant();
    jdbc.sql(
            "UPDATE api_token SET last_used_at = ? WHERE id = ?"
                + " AND (last_used_at IS NULL OR last_used_at < ?)")
        .params(UserService.utc(now), e.tokenId(), UserService.utc(now.minus(LAST_USE_RESOLUTION)))
        .update();
  }

  static String sha256(String s) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 missing from the JDK", e);
    }
  }

  private static ApiToken row(ResultSet rs, int n) throws SQLException {
    return new ApiToken(
        rs.getLong("id"),
        rs.getString("username"),
        rs.getString("name"),
        rs.getString("prefix"),
        UserService.instant(rs, "created_at").orElse(Instant.EPOCH),
        UserService.instant(rs, "last_used_at"),
        UserService.instant(rs, "revoked_at"));
  }
}

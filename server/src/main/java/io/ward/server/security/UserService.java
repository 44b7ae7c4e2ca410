package io.ward.server.security;

import io.ward.server.audit.Actor;
import io.ward.server.audit.AuditLog;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Local users: created with a role and an Argon2id password hash, locked after repeated failed
 * logins. Every change is audited; passwords are never logged or returned.
 */
@Service
public class UserService {
  private final JdbcClient jdbc;
  private final PasswordEncoder encoder;
  private final AuditLog audit;
  private final SecurityChanges changes;
  private final Clock clock = Clock.systemUTC();

  UserService(JdbcClient jdbc, PasswordEncoder encoder, AuditLog audit, SecurityChanges changes) {
    this.jdbc = jdbc;
    this.encoder = encoder;
    this.audit = audit;
    this.changes = changes;
  }

  /**
   * Creates a user.
   *
   * @throws IllegalArgumentException the name or password does not meet the policy, or the name is
   *     taken
   */
  @Transactional
  public WardUser create(String username, CharSequence password, Role role, Actor actor) {
    PasswordPolicy.checkUsername(username);
    PasswordPolicy.checkPassword(password);
    try {
      jdbc.sql(
              "INSERT INTO ward_user (username, password_hash, role, created_at)"
                  + " VALUES (?, ?, ?, ?)")
          .params(username, encoder.encode(password), role.id(), now())
          .update();
    } catch (DuplicateKeyException e) {
      throw new IllegalArgumentException("the user name " + username + " is taken");
    }
    audit.append(
        actor.name(), "user.create", "user:" + username, "role " + role.id(), actor.address());
    return find(username).orElseThrow();
  }

  /** How many users exist. */
  @Transactional(readOnly = true)
  public long count() {
    return jdbc.sql("SELECT COUNT(*) FROM ward_user").query(Long.class).single();
  }

  /** Every user, by name. */
  @Transactional(readOnly = true)
  public List<WardUser> list() {
    return jdbc.sql("SELECT * FROM ward_user ORDER BY username").query(UserService::row).list();
  }

  /** One user by name. */
  @Transactional(readOnly = true)
  public Optional<WardUser> find(String username) {
    return jdbc.sql("SELECT * FROM ward_user WHERE username = ?")
        .param(username)
        .query(UserService::row)
        .optional();
  }

  /** Changes a user's role. */
  @Transactional
  public WardUser changeRole(String username, Role role, Actor actor) {
    applyRole(username, role, actor);
    return find(username).orElseThrow();
  }

  /** Enables or disables a user (a disabled user cannot sign in; its tokens stop working). */
  @Transactional
  public WardUser setEnabled(String username, boolean enabled, Actor actor) {
    applyEnabled(username, enabled, actor);
    return find(username).orElseThrow();
  }

  /**
   * Changes a user's role, enables or disables it, or both, in one transaction with their audit
   * entries: all of it happens or none (a role changed while the disable that came with it failed
   * would leave the account open with new rights).
   *
   * @throws NoSuchElementException no such user
   */
  @Transactional
  public WardUser change(
      String username, Optional<Role> role, Optional<Boolean> enabled, Actor actor) {
    role.ifPresent(r -> applyRole(username, r, actor));
    enabled.ifPresent(e -> applyEnabled(username, e, actor));
    return find(username).orElseThrow();
  }

  private void applyRole(String username, Role role, Actor actor) {
    update("UPDATE ward_user SET role = ? WHERE username = ?", role.id(), username);
    changes.changed();
    audit.append(
        actor.name(), "user.role", "user:" + username, "role " + role.id(), actor.address());
  }

  private void applyEnabled(String username, boolean enabled, Actor actor) {
    update("UPDATE ward_user SET enabled = ? WHERE username = ?", enabled, username);
    changes.changed();
    audit.append(
        actor.name(),
        enabled ? "user.enable" : "user.disable",
        "user:" + username,
        "",
        actor.address());
  }

  /**
   * Sets a new password (and lifts a lockout). The user's browser sessions signed in with the old
   * one end at their next request ({@code SessionRecheckFilter}); API tokens stay valid.
   *
   * @throws IllegalArgumentException the password breaks the policy
   * @throws NoSuchElementException no such user
   */
  @Transactional
  public void changePassword(String username, CharSequence password, Actor actor) {
    PasswordPolicy.checkPassword(password);
    update(
        "UPDATE ward_user SET password_hash = ?, failed_logins = 0, locked_until = NULL"
            + " WHERE username = ?",
        encoder.encode(password),
        username);
    changes.changed();
    audit.append(actor.name(), "user.password", "user:" + username, "", actor.address());
  }

  /**
   * Whether {@code password} is the user's current one (asked again before a user changes their
   * own, so that a session left open cannot be taken over for good). A wrong one is audited.
   */
  public boolean confirmsPassword(String username, CharSequence password, Actor actor) {
    Optional<Credentials> c = credentials(username);
    boolean right =
        c.isPresent()
            && password != null
            && password.length() <= PasswordPolicy.MAX_PASSWORD
            && encoder.matches(password, c.get().passwordHash());
    if (!right) {
      audit.append(
          actor.name(),
          "user.password.refused",
          "user:" + username,
          "the current password given was wrong",
          actor.address());
    }
    return right;
  }

  /** Lifts a lockout. */
  @Transactional
  public void unlock(String username, Actor actor) {
    update(
        "UPDATE ward_user SET failed_logins = 0, locked_until = NULL WHERE username = ?", username);
    audit.append(actor.name(), "user.unlock", "user:" + username, "", actor.address());
  }

  private void update(String sql, Object... params) {
    if (jdbc.sql(sql).params(params).update() == 0) {
      throw new NoSuchElementException("no user " + params[params.length - 1]);
    }
  }

  /** What sign-in needs about a user. */
  record Credentials(WardUser user, String passwordHash, int failedLogins) {}

  @Transactional(readOnly = true)
  Optional<Credentials> credentials(String username) {
    return jdbc.sql("SELECT * FROM ward_user WHERE username = ?")
        .param(username)
        .query(
            (rs, n) ->
                new Credentials(
                    row(rs, n), rs.getString("password_hash"), rs.getInt("failed_logins")))
        .optional();
  }

  /** Counts a failed login; locks the account for {@code lockout} at {@code max} in a row. */
  @Transactional
  boolean recordFailure(long userId, int max, Duration lockout) {
    jdbc.sql("UPDATE ward_user SET failed_logins = failed_logins + 1 WHERE id = ?")
        .param(userId)
        .update();
    return jdbc.sql(
                "UPDATE ward_user SET locked_until = ?, failed_logins = 0"
                    + " WHERE id = ? AND failed_logins >= ?")
            .params(utc(clock.instant().plus(lockout)), userId, max)
            .update()
        == 1;
  }

  @Transactional
  void recordSuccess(long userId) {
    jdbc.sql(
            "UPDATE ward_user SET failed_logins = 0, locked_until = NULL, last_login_at = ?"
                + " WHERE id = ?")
        .params(now(), userId)
        .update();
  }

  static WardUser row(ResultSet rs, int n) throws SQLException {
    return new WardUser(
        rs.getLong("id"),
        rs.getString("username"),
        Role.fromId(rs.getString("role")).orElse(Role.AUDITOR),
        rs.getBoolean("enabled"),
        instant(rs, "locked_until"),
        instant(rs, "created_at").orElse(Instant.EPOCH),
        instant(rs, "last_login_at"));
  }

  static Optional<Instant> instant(ResultSet rs, String col) throws SQLException {
    OffsetDateTime t = rs.getObject(col, OffsetDateTime.class);
    return Optional.ofNullable(t).map(OffsetDateTime::toInstant);
  }

  private OffsetDateTime now() {
    return utc(clock.instant());
  }

  static OffsetDateTime utc(Instant i) {
    return OffsetDateTime.ofInstant(i.truncatedTo(ChronoUnit.MICROS), ZoneOffset.UTC);
  }
}

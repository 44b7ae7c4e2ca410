package io.ward.server;

import io.ward.server.audit.Actor;
import io.ward.server.audit.AuditKeyReplacement;
import io.ward.server.audit.AuditLog;
import io.ward.server.audit.AuditVerification;
import io.ward.server.security.ApiToken;
import io.ward.server.security.Role;
import io.ward.server.security.TokenService;
import io.ward.server.security.UserService;
import io.ward.server.security.WardUser;
import java.util.Map;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Administration without a web server, against the same data directory or database as {@code ward
 * serve}: users, API tokens, audit verification ({@code ward users|tokens|audit}).
 */
public final class WardAdmin implements AutoCloseable {
  private final ConfigurableApplicationContext context;

  private WardAdmin(ConfigurableApplicationContext context) {
    this.context = context;
  }

  /**
   * Opens the store (migrating it if needed).
   *
   * @throws ServerStartException the database is unreachable or the configuration is bad
   */
  public static WardAdmin open(ServerSettings settings) throws ServerStartException {
    Map<String, Object> props = WardServer.properties(settings);
    props.put("ward.background", "false");
    props.put("ward.db.pool-size", "2");
    return new WardAdmin(WardServer.run(settings, WebApplicationType.NONE, props));
  }

  /**
   * Creates a user.
   *
   * @throws IllegalArgumentException the name is taken or the name or password breaks the policy
   */
  public WardUser createUser(String username, CharSequence password, Role role) {
    return context.getBean(UserService.class).create(username, password, role, Actor.cli());
  }

  /**
   * Sets a user's password (and lifts a lockout); a running server ends the user's browser sessions
   * within seconds. The way back in for an admin who forgot theirs.
   *
   * @throws IllegalArgumentException the password breaks the policy
   * @throws java.util.NoSuchElementException no such user
   */
  public void resetPassword(String username, CharSequence password) {
    context.getBean(UserService.class).changePassword(username, password, Actor.cli());
  }

  /**
   * Creates an API token for a user; the secret is in the result and nowhere else.
   *
   * @throws java.util.NoSuchElementException no such user
   */
  public ApiToken.Created createToken(String username, String name) {
    return context.getBean(TokenService.class).create(username, name, Actor.cli());
  }

  /** Walks the audit chain. */
  public AuditVerification verifyAudit() {
    return context.getBean(AuditLog.class).verify();
  }

  /**
   * Makes a new audit key for the entries from the next one on, and logs it.
   *
   * @param keyLost the first entries of the ranges whose key is lost for good, to declare lost
   * @throws io.ward.server.audit.AuditKeyException refused (see {@link
   *     AuditKeyReplacement#replace})
   */
  public AuditKeyReplacement.Replaced replaceAuditKey(String reason, java.util.Set<Long> keyLost) {
    return context.getBean(AuditKeyReplacement.class).replace(Actor.cli(), reason, keyLost);
  }

  @Override
  public void close() {
    context.close();
  }
}

package io.ward.server.security;

import io.ward.server.audit.Actor;
import io.ward.server.config.WardProperties;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * A signed-in user's change of their own password, from the API or the console. The current
 * password is asked again, so that a session left open cannot take the account over for good; a
 * wrong one counts against the client address and the account as a failed sign-in does (30 wrong
 * guesses in 1.6 s went unchecked before), and the session that changed it stays signed in while
 * the user's other sessions end.
 */
@Component
public class OwnPasswordChange {
  private final UserService users;
  private final AddressThrottle throttle;
  private final WardProperties.Security settings;
  private final Clock clock = Clock.systemUTC();

  OwnPasswordChange(UserService users, AddressThrottle throttle, WardProperties properties) {
    this.users = users;
    this.throttle = throttle;
    this.settings = properties.security();
  }

  /**
   * Changes {@code username}'s password from {@code current} to {@code replacement}.
   *
   * @throws IllegalArgumentException why it was refused: the address or account is locked out, the
   *     current password is wrong, or the new one breaks the policy
   */
  public void change(
      String username, CharSequence current, CharSequence replacement, HttpServletRequest request) {
    Actor actor = Actor.current();
    if (throttle.throttled(actor.address())) {
      throw new IllegalArgumentException(
          "too many wrong passwords from your address; try again later");
    }
    Optional<UserService.Credentials> c = users.credentials(username);
    if (c.isPresent()
        && c.get().user().lockedUntil().filter(clock.instant()::isBefore).isPresent()) {
      throw new IllegalArgumentException("the account is locked after wrong passwords; try later");
    }
    if (!users.confirmsPassword(username, current, actor)) {
      throttle.failed(actor.address());
      c.ifPresent(
          x -> users.recordFailure(x.user().id(), settings.maxFailedLogins(), settings.lockout()));
      throw new IllegalArgumentException("the current password is wrong");
    }
    if (replacement != null && replacement.toString().contentEquals(current)) {
      throw new IllegalArgumentException("the new password is the current one");
    }
    users.changePassword(username, replacement, actor);
    SessionRecheckFilter.keepAfterOwnPasswordChange(request, users, username);
  }
}

package io.ward.server.security;

import io.ward.server.audit.AuditLog;
import io.ward.server.config.WardProperties;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.DisabledException;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.stereotype.Component;

/**
 * Password sign-in with throttling per client address and lockout per account; every attempt is
 * audited (never the password). An unknown user costs as much time as a wrong password.
 */
@Component
class WardAuthenticationProvider implements AuthenticationProvider {
  private final UserService users;
  private final PasswordEncoder encoder;
  private final AddressThrottle throttle;
  private final AuditLog audit;
  private final WardProperties.Security settings;
  private final Clock clock = Clock.systemUTC();
  private final String dummyHash;

  WardAuthenticationProvider(
      UserService users,
      PasswordEncoder encoder,
      AddressThrottle throttle,
      AuditLog audit,
      WardProperties properties) {
    this.users = users;
    this.encoder = encoder;
    this.throttle = throttle;
    this.audit = audit;
    this.settings = properties.security();
    this.dummyHash = encoder.encode("not a password of anyone's");
  }

  @Override
  public Authentication authenticate(Authentication auth) throws AuthenticationException {
    String username = String.valueOf(auth.getPrincipal());
    String password = auth.getCredentials() == null ? "" : auth.getCredentials().toString();
    String address = address(auth);
    if (throttle.throttled(address)) {
      audit.append(username, "login.throttled", "user:" + username, "", address);
      throw new LockedException("Too many failed sign-ins from your address; try again later.");
    }
    // A name no user can have is not looked up: one with a NUL byte failed the query (a 500).
    Optional<UserService.Credentials> found =
        PasswordPolicy.validUsername(username) ? users.credentials(username) : Optional.empty();
    if (found.isEmpty()) {
      encoder.matches(password, dummyHash);
      fail(username, address, "unknown user");
    }
    UserService.Credentials c = found.get();
    Optional<Instant> lockedUntil = c.user().lockedUntil().filter(clock.instant()::isBefore);
    if (lockedUntil.isPresent()) {
      throttle.failed(address);
      audit.append(username, "login.locked", "user:" + username, "", address);
      throw new LockedException("This account is locked after failed sign-ins; try again later.");
    }
    if (!encoder.matches(password, c.passwordHash())) {
      boolean locked =
          users.recordFailure(c.user().id(), settings.maxFailedLogins(), settings.lockout());
      fail(username, address, locked ? "wrong password; account locked" : "wrong password");
    }
    if (!c.user().enabled()) {
      audit.append(username, "login.disabled", "user:" + username, "", address);
      throw new DisabledException("This account is disabled.");
    }
    users.recordSuccess(c.user().id());
    audit.append(username, "login.success", "user:" + username, "password", address);
    UsernamePasswordAuthenticationToken signedIn =
        UsernamePasswordAuthenticationToken.authenticated(
            username, null, List.of(new SimpleGrantedAuthority(c.user().role().authority())));
    signedIn.setDetails(
        new SignInDetails(
            address,
            auth.getDetails() instanceof WebAuthenticationDetails d ? d.getSessionId() : null,
            SessionRecheckFilter.stamp(c.passwordHash())));
    return signedIn;
  }

  private void fail(String username, String address, String why) {
    throttle.failed(address);
    audit.append(username, "login.failure", "user:" + username, why, address);
    throw new BadCredentialsException("Wrong user name or password.");
  }

  private static String address(Authentication auth) {
    return auth.getDetails() instanceof WebAuthenticationDetails d && d.getRemoteAddress() != null
        ? d.getRemoteAddress()
        : "unknown";
  }

  @Override
  public boolean supports(Class<?> type) {
    return UsernamePasswordAuthenticationToken.class.isAssignableFrom(type);
  }
}

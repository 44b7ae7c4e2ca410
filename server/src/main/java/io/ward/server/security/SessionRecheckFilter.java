package io.ward.server.security;

import io.ward.server.audit.Actor;
import io.ward.server.audit.AuditLog;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Applies a change to a signed-in user's account to the next request of their browser session, as
 * {@link TokenService} does for tokens: a session holds the role its user had at sign-in, and
 * without this a demoted user kept their old rights, and a disabled one their access, until the
 * session expired (hours). A session's user is read again when a security change happened since it
 * was last checked ({@link SecurityChanges}), and at least every {@link #MAX_AGE_NANOS}, which
 * bounds how long a change made outside this server (by {@code ward users} on the same database, or
 * by SQL) goes unseen. The session of a user who was disabled or removed, or whose password was
 * changed since the session first met it, is ended (a password is reset because someone else may
 * know it); a changed role replaces the one in the session. It runs before {@link UploadGate} and
 * the CSRF filter, so that nothing reads a multipart body on the strength of the old role.
 */
public final class SessionRecheckFilter extends OncePerRequestFilter {
  static final long MAX_AGE_NANOS = VerifiedTokens.MAX_AGE_NANOS;
  private static final String CHECKED_COUNT = SessionRecheckFilter.class.getName() + ".count";
  private static final String CHECKED_AT = SessionRecheckFilter.class.getName() + ".at";
  private static final String PASSWORD_STAMP = SessionRecheckFilter.class.getName() + ".password";

  /**
   * A request attribute set when this request ended its session: the CSRF token went with the
   * session, and {@link RefusalReasonHandler} then answers as to any signed-out sender.
   */
  static final String ENDED = SessionRecheckFilter.class.getName() + ".ended";

  private final UserService users;
  private final SecurityChanges changes;
  private final AuditLog audit;
  private final SecurityContextRepository sessions = new HttpSessionSecurityContextRepository();

  SessionRecheckFilter(UserService users, SecurityChanges changes, AuditLog audit) {
    this.users = users;
    this.changes = changes;
    this.audit = audit;
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    HttpSession session = request.getSession(false);
    Authentication auth = SecurityContextHolder.getContext().getAuthentication();
    if (session == null
        || auth == null
        || !auth.isAuthenticated()
        || auth instanceof AnonymousAuthenticationToken
        || BearerTokenFilter.hasBearer(request)) {
      chain.doFilter(request, response);
      return;
    }
    // The count is read before the user, so that a change committed in between is seen next time.
    long count = changes.current();
    long now = System.nanoTime();
    if (!checkedSince(session, count, now)) {
      Optional<UserService.Credentials> user = users.credentials(auth.getName());
      String stamp = user.map(c -> stamp(c.passwordHash())).orElse("");
      Object seen = session.getAttribute(PASSWORD_STAMP);
      if (seen == null && auth.getDetails() instanceof SignInDetails signIn) {
        seen = signIn.passwordStamp(); // the password the session signed in with
      }
      if (user.isEmpty() || !user.get().user().enabled()) {
        end(session, auth.getName(), "the account is disabled or removed", request);
      } else if (seen != null && !seen.equals(stamp)) {
        end(session, auth.getName(), "the password was changed", request);
      } else {
        keepRoleCurrent(auth, user.get().user().role(), request, response);
        session.setAttribute(PASSWORD_STAMP, stamp);
        session.setAttribute(CHECKED_COUNT, count);
        session.setAttribute(CHECKED_AT, now);
      }
    }
    chain.doFilter(request, response);
  }

  /**
   * Lets this request's session live on after its own user changed their password: it knows the new
   * password from now on.
   */
  static void keepAfterOwnPasswordChange(
      HttpServletRequest request, UserService users, String username) {
    HttpSession session = request.getSession(false);
    if (session != null) {
      users
          .credentials(username)
          .ifPresent(c -> session.setAttribute(PASSWORD_STAMP, stamp(c.passwordHash())));
    }
  }

  /** What a session keeps to tell a changed password: a digest of the hash, not the hash. */
  static String stamp(String passwordHash) {
    return TokenService.sha256(passwordHash).substring(0, 32);
  }

  private static boolean checkedSince(HttpSession session, long count, long now) {
    return session.getAttribute(CHECKED_COUNT) instanceof Long checkedCount
        && checkedCount == count
        && session.getAttribute(CHECKED_AT) instanceof Long checkedAt
        && now - checkedAt <= MAX_AGE_NANOS;
  }

  /** Ends a session that may no longer act for its user: the request goes on unauthenticated. */
  private void end(HttpSession session, String username, String why, HttpServletRequest request) {
    try {
      session.invalidate();
    } catch (IllegalStateException alreadyInvalid) {
      // Ended meanwhile by a concurrent request of the same session: nothing left to end.
    }
    SecurityContextHolder.clearContext();
    request.setAttribute(ENDED, why);
    audit.append(username, "session.ended", "user:" + username, why, Actor.address(request));
  }

  /** Replaces the session's authority when the user's role changed since it was granted. */
  private void keepRoleCurrent(
      Authentication auth, Role role, HttpServletRequest request, HttpServletResponse response) {
    List<? extends GrantedAuthority> held = List.copyOf(auth.getAuthorities());
    if (held.size() == 1 && role.authority().equals(held.get(0).getAuthority())) {
      return;
    }
    UsernamePasswordAuthenticationToken current =
        UsernamePasswordAuthenticationToken.authenticated(
            auth.getPrincipal(), null, List.of(new SimpleGrantedAuthority(role.authority())));
    current.setDetails(auth.getDetails());
    SecurityContext context = SecurityContextHolder.createEmptyContext();
    context.setAuthentication(current);
    SecurityContextHolder.setContext(context);
    sessions.saveContext(context, request, response);
  }
}

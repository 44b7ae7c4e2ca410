package io.ward.server.security;

import io.ward.server.audit.Actor;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * {@code Authorization: Bearer TOKEN}: authenticates one request as the token's user (no session is
 * created). A bad token is refused with 401; failures count against the client address.
 */
final class BearerTokenFilter extends OncePerRequestFilter {
  private final TokenService tokens;
  private final AddressThrottle throttle;

  BearerTokenFilter(TokenService tokens, AddressThrottle throttle) {
    this.tokens = tokens;
    this.throttle = throttle;
  }

  /** True when the request carries a bearer token (such requests need no CSRF token). */
  static boolean hasBearer(HttpServletRequest request) {
    String h = request.getHeader("Authorization");
    return h != null && h.regionMatches(true, 0, "Bearer ", 0, 7);
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    if (!hasBearer(request)) {
      chain.doFilter(request, response);
      return;
    }
    String address = Actor.address(request);
    if (throttle.throttled(address)) {
      Problems.write(response, 429, "Too many failed sign-ins", "Try again later.");
      return;
    }
    String secret = request.getHeader("Authorization").substring(7).strip();
    Optional<WardUser> user = tokens.authenticate(secret);
    if (user.isEmpty()) {
      throttle.failed(address);
      response.setHeader(
          "WWW-Authenticate", ApiAuthenticationEntryPoint.CHALLENGE + ", error=\"invalid_token\"");
      Problems.write(response, 401, "Invalid API token", "The token is unknown or revoked.");
      return;
    }
    SecurityContext context = SecurityContextHolder.createEmptyContext();
    context.setAuthentication(
        UsernamePasswordAuthenticationToken.authenticated(
            user.get().username(),
            null,
            List.of(new SimpleGrantedAuthority(user.get().role().authority()))));
    SecurityContextHolder.setContext(context);
    try {
      chain.doFilter(request, response);
    } finally {
      SecurityContextHolder.clearContext();
    }
  }
}

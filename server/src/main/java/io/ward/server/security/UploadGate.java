package io.ward.server.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import org.springframework.http.HttpMethod;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.authentication.InsufficientAuthenticationException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandlerImpl;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses a multipart request its sender may not make before anything reads its body. Reading any
 * form field of a multipart request (the CSRF filter reads {@code _csrf} of every request) makes
 * the servlet container receive the whole body and store it under {@code uploads/.parts}, up to
 * {@code ward.ingest.max-upload-size} (8 GiB): before this gate, anyone could fill the disk without
 * signing in. It runs once the bearer token is known and the session's user has been read again
 * ({@link SessionRecheckFilter}: a session whose user was demoted or disabled meanwhile is judged
 * by the role the user has now), before the CSRF filter, and lets a multipart request on only when
 * {@link AuthorizationTable} allows its signed-in sender; others get the answers authorization
 * gives (401 or the sign-in page, 403).
 */
final class UploadGate extends OncePerRequestFilter {
  private final AuthenticationEntryPoint api = new ApiAuthenticationEntryPoint();
  private final AuthenticationEntryPoint console = new LoginUrlAuthenticationEntryPoint("/login");
  private final AccessDeniedHandlerImpl denied = new AccessDeniedHandlerImpl();

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    String type = request.getContentType();
    return type == null || !type.toLowerCase(Locale.ROOT).startsWith("multipart/");
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String path = request.getRequestURI().substring(request.getContextPath().length());
    Optional<Role> role = role(SecurityContextHolder.getContext().getAuthentication());
    if (role.isEmpty()) {
      (path.startsWith("/api/") ? api : console)
          .commence(
              request,
              response,
              new InsufficientAuthenticationException("a multipart request needs a sign-in"));
    } else if (!AuthorizationTable.allows(HttpMethod.valueOf(request.getMethod()), path, role)) {
      // The container's error page answers as for any refused request; parts are read lazily
      // (spring.servlet.multipart.resolve-lazily), so rendering it reads no body either.
      denied.handle(request, response, new AccessDeniedException("role may not send this upload"));
    } else {
      chain.doFilter(request, response);
    }
  }

  /** The signed-in sender's role; empty for nobody signed in. */
  private static Optional<Role> role(Authentication auth) {
    if (auth == null || !auth.isAuthenticated() || auth instanceof AnonymousAuthenticationToken) {
      return Optional.empty();
    }
    return auth.getAuthorities().stream()
        .flatMap(
            a -> Arrays.stream(Role.values()).filter(r -> r.authority().equals(a.getAuthority())))
        .findFirst();
  }
}

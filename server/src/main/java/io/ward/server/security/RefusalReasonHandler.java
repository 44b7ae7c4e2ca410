package io.ward.server.security;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.InsufficientAuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.WebAttributes;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.csrf.CsrfException;

/**
 * A refused request goes to the error page with the reason it was refused. Spring's default handler
 * sends a bare 403 and keeps the exception to itself, so the error page could not tell a role the
 * authorization table refuses from a form without its CSRF token, and told a script posting {@code
 * /setup} without one that its role did not allow the request.
 *
 * <p>A form sent by a session that this very request ended ({@link SessionRecheckFilter}: its user
 * was disabled, removed or given a new password) lost its CSRF token with the session. Its sender
 * is no longer signed in, and is answered as any signed-out sender: the sign-in page, 401 to an
 * htmx request (the console's script then goes to the sign-in page) or to an API call.
 */
final class RefusalReasonHandler implements AccessDeniedHandler {
  private final AuthenticationEntryPoint api = new ApiAuthenticationEntryPoint();
  private final AuthenticationEntryPoint console = new LoginUrlAuthenticationEntryPoint("/login");

  @Override
  public void handle(
      HttpServletRequest request, HttpServletResponse response, AccessDeniedException refused)
      throws IOException, ServletException {
    if (response.isCommitted()) {
      return;
    }
    if (refused instanceof CsrfException
        && request.getAttribute(SessionRecheckFilter.ENDED) != null) {
      signedOut(request, response);
      return;
    }
    request.setAttribute(WebAttributes.ACCESS_DENIED_403, refused);
    response.sendError(HttpServletResponse.SC_FORBIDDEN);
  }

  private void signedOut(HttpServletRequest request, HttpServletResponse response)
      throws IOException, ServletException {
    InsufficientAuthenticationException why =
        new InsufficientAuthenticationException("the session ended: sign in again");
    if (request.getRequestURI().startsWith(request.getContextPath() + "/api/")) {
      api.commence(request, response, why);
    } else if (request.getHeader("HX-Request") != null) {
      response.sendError(HttpServletResponse.SC_UNAUTHORIZED);
    } else {
      console.commence(request, response, why);
    }
  }
}

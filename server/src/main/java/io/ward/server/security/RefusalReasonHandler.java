package io.ward.server.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.web.WebAttributes;
import org.springframework.security.web.access.AccessDeniedHandler;

/**
 * A refused request goes to the error page with the reason it was refused. Spring's default handler
 * sends a bare 403 and keeps the exception to itself, so the error page could not tell a role the
 * authorization table refuses from a form without its CSRF token, and told a script posting {@code
 * /setup} without one that its role did not allow the request.
 */
final class RefusalReasonHandler implements AccessDeniedHandler {
  @Override
  public void handle(
      HttpServletRequest request, HttpServletResponse response, AccessDeniedException refused)
      throws IOException {
    if (response.isCommitted()) {
      return;
    }
    request.setAttribute(WebAttributes.ACCESS_DENIED_403, refused);
    response.sendError(HttpServletResponse.SC_FORBIDDEN);
  }
}

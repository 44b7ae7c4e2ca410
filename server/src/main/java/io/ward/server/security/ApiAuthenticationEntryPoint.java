package io.ward.server.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;

/**
 * An API call without credentials: 401 with a bearer challenge and an RFC 9457 problem saying how
 * to authenticate (scripts get no sign-in page redirect and no empty body).
 */
final class ApiAuthenticationEntryPoint implements AuthenticationEntryPoint {
  static final String CHALLENGE = "Bearer realm=\"ward\"";

  @Override
  public void commence(
      HttpServletRequest request, HttpServletResponse response, AuthenticationException reason)
      throws IOException {
    response.setHeader("WWW-Authenticate", CHALLENGE);
    Problems.write(
        response,
        HttpServletResponse.SC_UNAUTHORIZED,
        "Sign-in required",
        "send an API token as 'Authorization: Bearer TOKEN' (ward tokens create), or sign in");
  }
}

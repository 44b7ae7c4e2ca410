package io.ward.server.security;

import org.springframework.security.web.authentication.WebAuthenticationDetails;

/**
 * What a password sign-in records about itself besides the address: which password it was made
 * with, as a digest ({@link SessionRecheckFilter#stamp}), so that a password changed before the
 * session's first request still ends it.
 */
final class SignInDetails extends WebAuthenticationDetails {
  private static final long serialVersionUID = 1L;

  private final String passwordStamp;

  SignInDetails(String remoteAddress, String sessionId, String passwordStamp) {
    super(remoteAddress, sessionId);
    this.passwordStamp = passwordStamp;
  }

  String passwordStamp() {
    return passwordStamp;
  }
}

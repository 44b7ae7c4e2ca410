package io.ward.server.web;

import io.ward.server.security.SetupService;
import io.ward.server.security.UserService;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.WebAttributes;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The sign-in page and the first-run setup page (whose form the security module's {@code POST
 * /setup} consumes with the one-time token).
 */
@Controller
class AuthPages {
  private final SetupService setup;
  private final UserService users;

  AuthPages(SetupService setup, UserService users) {
    this.setup = setup;
    this.users = users;
  }

  @GetMapping("/login")
  String login(HttpServletRequest request, Model model) {
    model.addAttribute("noUsers", users.count() == 0);
    HttpSession session = request.getSession(false);
    Object failure =
        session == null ? null : session.getAttribute(WebAttributes.AUTHENTICATION_EXCEPTION);
    // The provider's messages are written for people (wrong password, locked, throttled).
    model.addAttribute(
        "loginError",
        failure instanceof AuthenticationException e && e.getMessage() != null
            ? e.getMessage()
            : "Wrong user name or password.");
    return "login";
  }

  @GetMapping("/setup")
  String setup(@RequestParam(name = "token", required = false) String token, Model model) {
    boolean open = setup.pending() && users.count() == 0;
    model.addAttribute("open", open);
    model.addAttribute("token", token == null || token.length() > 200 ? "" : token);
    model.addAttribute("minPassword", io.ward.server.security.PasswordPolicy.MIN_PASSWORD);
    return "setup";
  }
}

package io.ward.server.security;

import io.ward.server.audit.Actor;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;

/**
 * {@code POST /setup} (form fields {@code token}, {@code username}, {@code password}): creates the
 * first admin with the one-time setup token. A browser's plain form post is sent to the sign-in
 * page, or shown the setup page again with the reason; a client asking for JSON gets 201 with the
 * new user, or an RFC 9457 problem.
 */
@Controller
class SetupController {
  private final SetupService setup;
  private final UserService users;

  SetupController(SetupService setup, UserService users) {
    this.setup = setup;
    this.users = users;
  }

  @PostMapping("/setup")
  Object setup(
      @RequestParam(name = "token", required = false) String token,
      @RequestParam(name = "username", required = false) String username,
      @RequestParam(name = "password", required = false) String password,
      HttpServletRequest request) {
    boolean json = prefersJson(request.getHeader(HttpHeaders.ACCEPT));
    try {
      WardUser admin = setup.createFirstAdmin(token, username, password, Actor.address(request));
      if (json) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("username", admin.username());
        body.put("role", admin.role().id());
        body.put("signIn", "/login");
        return ResponseEntity.created(URI.create("/api/v1/users/" + admin.username())).body(body);
      }
      return ResponseEntity.status(HttpStatus.SEE_OTHER).header("Location", "/login?setup").build();
    } catch (SecurityException e) {
      return refused(json, HttpStatus.FORBIDDEN, e.getMessage(), token, username);
    } catch (IllegalArgumentException e) {
      return refused(json, HttpStatus.BAD_REQUEST, e.getMessage(), token, username);
    }
  }

  private Object refused(
      boolean json, HttpStatus status, String reason, String token, String username) {
    if (json) {
      ProblemDetail p = ProblemDetail.forStatusAndDetail(status, reason);
      p.setTitle(status == HttpStatus.FORBIDDEN ? "Setup refused" : "Invalid request");
      return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(p);
    }
    // The same page as GET /setup, with the reason; the password is never sent back.
    ModelAndView page = new ModelAndView("setup", status);
    page.addObject("open", setup.pending() && users.count() == 0);
    page.addObject("token", token == null || token.length() > 200 ? "" : token);
    page.addObject("username", username == null || username.length() > 100 ? "" : username);
    page.addObject("minPassword", PasswordPolicy.MIN_PASSWORD);
    page.addObject("error", reason);
    return page;
  }

  /**
   * True when the client ranks JSON (or a problem document) above HTML. Browsers' form posts ask
   * for HTML; a missing or wildcard-only Accept header keeps the page behaviour.
   */
  static boolean prefersJson(String accept) {
    if (accept == null || accept.isBlank()) {
      return false;
    }
    List<MediaType> types;
    try {
      types = MediaType.parseMediaTypes(accept);
    } catch (InvalidMediaTypeException e) {
      return false;
    }
    double html = 0;
    double json = 0;
    for (MediaType t : types) {
      if (t.isWildcardType() || t.isWildcardSubtype()) {
        continue;
      }
      double q = t.getQualityValue();
      if (t.isCompatibleWith(MediaType.TEXT_HTML)
          || t.isCompatibleWith(MediaType.APPLICATION_XHTML_XML)) {
        html = Math.max(html, q);
      } else if (t.isCompatibleWith(MediaType.APPLICATION_JSON)
          || t.isCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)) {
        json = Math.max(json, q);
      }
    }
    return json > 0 && json > html;
  }
}

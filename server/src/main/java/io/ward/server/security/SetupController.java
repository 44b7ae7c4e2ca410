package io.ward.server.security;

import io.ward.server.audit.Actor;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * {@code POST /setup} (form fields {@code token}, {@code username}, {@code password}): creates the
 * first admin with the one-time setup token, then sends the browser to the sign-in page.
 */
@Controller
class SetupController {
  private final SetupService setup;

  SetupController(SetupService setup) {
    this.setup = setup;
  }

  @PostMapping("/setup")
  ResponseEntity<?> setup(
      @RequestParam(name = "token", required = false) String token,
      @RequestParam(name = "username", required = false) String username,
      @RequestParam(name = "password", required = false) String password,
      HttpServletRequest request) {
    try {
      setup.createFirstAdmin(token, username, password, Actor.address(request));
      return ResponseEntity.status(HttpStatus.SEE_OTHER).header("Location", "/login?setup").build();
    } catch (SecurityException e) {
      return problem(HttpStatus.FORBIDDEN, e.getMessage());
    } catch (IllegalArgumentException e) {
      return problem(HttpStatus.BAD_REQUEST, e.getMessage());
    }
  }

  private static ResponseEntity<ProblemDetail> problem(HttpStatus status, String detail) {
    return ResponseEntity.status(status).body(ProblemDetail.forStatusAndDetail(status, detail));
  }
}

package io.ward.server.web;

import io.ward.server.DiskFull;
import io.ward.server.config.WardProperties;
import io.ward.server.ingest.UploadRefused;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.net.URI;
import java.util.Locale;
import java.util.Optional;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.web.WebAttributes;
import org.springframework.security.web.csrf.CsrfException;
import org.springframework.security.web.csrf.InvalidCsrfTokenException;
import org.springframework.security.web.csrf.MissingCsrfTokenException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.RequestMapping;

/**
 * {@code /error}: what the servlet container shows for errors raised outside a controller (no such
 * page, refused by the role table, expired form). API paths and non-browser callers get an RFC 9457
 * problem document; browsers get a page in the console's look.
 */
@Controller
@RequestMapping("/error")
class ErrorPages implements ErrorController {
  /** The problem type of a request the role table refuses. */
  static final URI ROLE_REQUIRED = URI.create("urn:ward:problem:role-required");

  /** The problem type of a form without a valid CSRF token. */
  static final URI CSRF = URI.create("urn:ward:problem:csrf");

  private final long maxUploadBytes;

  ErrorPages(WardProperties properties) {
    this.maxUploadBytes = properties.ingest().maxUploadSize().toBytes();
  }

  @RequestMapping(produces = MediaType.TEXT_HTML_VALUE)
  Object page(HttpServletRequest request, Model model, HttpServletResponse response) {
    if (path(request).startsWith("/api/")) {
      return problemJson(request);
    }
    ProblemDetail p = problem(request);
    response.setStatus(p.getStatus());
    model.addAttribute("problem", p);
    return "error";
  }

  @RequestMapping
  ResponseEntity<ProblemDetail> problemJson(HttpServletRequest request) {
    ProblemDetail p = problem(request);
    return ResponseEntity.status(p.getStatus())
        .contentType(MediaType.APPLICATION_PROBLEM_JSON)
        .body(p);
  }

  ProblemDetail problem(HttpServletRequest request) {
    String path = path(request);
    // The servlet container reads a console form's parts for its CSRF token, before any
    // controller: a full disk while it writes them ends here.
    // A change the database could not write for lack of space ends here too, from any console
    // page: its transaction rolled back.
    Object failure = request.getAttribute(RequestDispatcher.ERROR_EXCEPTION);
    Optional<String> full =
        failure instanceof Throwable t
            ? (DiskFull.inDatabase(t)
                ? Optional.of(DiskFull.DATABASE)
                : UploadRefused.diskFull(null, t).map(Throwable::getMessage))
            : Optional.empty();
    if (full.isPresent()) {
      ProblemDetail p =
          ProblemDetail.forStatusAndDetail(HttpStatus.INSUFFICIENT_STORAGE, full.get());
      p.setTitle("Insufficient storage");
      p.setInstance(URI.create(safePath(path)));
      return p;
    }
    int code = status(request);
    HttpStatus status = HttpStatus.resolve(code);
    if (status == null) {
      status = HttpStatus.INTERNAL_SERVER_ERROR;
    }
    ProblemDetail p = ProblemDetail.forStatus(status);
    Object denied = request.getAttribute(WebAttributes.ACCESS_DENIED_403);
    switch (status) {
      case FORBIDDEN:
        if (denied instanceof CsrfException) {
          p.setType(CSRF);
          csrf(p, denied, sessionCookie(request));
        } else {
          p.setType(ROLE_REQUIRED);
          p.setTitle("Not allowed for your role");
          p.setDetail("your role does not allow this request to " + path);
        }
        break;
      case UNAUTHORIZED:
        p.setTitle("Sign-in required");
        p.setDetail("sign in, or send an API token as 'Authorization: Bearer TOKEN'");
        break;
      case NOT_FOUND:
        p.setTitle("Not found");
        p.setDetail("nothing at " + path);
        break;
      case METHOD_NOT_ALLOWED:
        p.setTitle("Method not allowed");
        p.setDetail(path + " does not answer this method");
        break;
      case CONTENT_TOO_LARGE:
        p.setTitle("Too large");
        p.setDetail(
            isMultipart(request)
                ? UploadRefused.tooLarge(null, maxUploadBytes).getMessage()
                : "the request is larger than the server accepts");
        break;
      case BAD_REQUEST:
        p.setTitle("Invalid request");
        p.setDetail("the request could not be understood");
        break;
      default:
        p.setTitle(status.is5xxServerError() ? "Internal error" : status.getReasonPhrase());
        p.setDetail(
            status.is5xxServerError()
                ? "the request failed on the server; details are in the server log"
                : status.getReasonPhrase().toLowerCase(Locale.ROOT));
    }
    p.setInstance(URI.create(safePath(path)));
    return p;
  }

  /** An upload: the container's 413 for it is {@code ward.ingest.max-upload-size}. */
  private static boolean isMultipart(HttpServletRequest request) {
    String type = request.getContentType();
    return type != null && type.toLowerCase(Locale.ROOT).startsWith("multipart/");
  }

  /**
   * Why a form was refused for its CSRF token, in words a script's author can act on: with no
   * session (no cookie sent, or an expired session) there is no token to match; with one, the
   * request's token is absent or another session's.
   */
  private static void csrf(ProblemDetail p, Object refused, String cookie) {
    if (refused instanceof MissingCsrfTokenException) {
      p.setTitle("Session missing or expired");
      p.setDetail(
          "the form's session is missing or expired, so its CSRF token cannot be checked: send"
              + " the session cookie ("
              + cookie
              + ") of the page the form came from with its _csrf value; load the page again to"
              + " get both");
    } else if (refused instanceof InvalidCsrfTokenException) {
      p.setTitle("Form token missing or invalid");
      p.setDetail(
          "the form's CSRF token (the _csrf field or X-CSRF-TOKEN header) is missing or does"
              + " not belong to this session ("
              + cookie
              + "): load the page again and send the form with its _csrf value and this"
              + " session's cookie");
    } else {
      p.setTitle("Form token refused");
      p.setDetail(
          "the form's CSRF token or session cookie ("
              + cookie
              + ") is missing or invalid: load the page again and send the form with its _csrf"
              + " value and that page's session cookie");
    }
  }

  /** The session cookie's name, as the form's sender must send it. */
  private static String sessionCookie(HttpServletRequest request) {
    String name = request.getServletContext().getSessionCookieConfig().getName();
    return name == null || name.isBlank() ? "JSESSIONID" : name;
  }

  private static int status(HttpServletRequest request) {
    Object s = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
    return s instanceof Integer i ? i : 500;
  }

  static String path(HttpServletRequest request) {
    Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
    return uri instanceof String s ? s : request.getRequestURI();
  }

  /** A path usable as a URI reference (anything odd in it is dropped, not echoed). */
  private static String safePath(String path) {
    return path.matches("[A-Za-z0-9/._~%-]{0,300}") ? path : "/";
  }
}

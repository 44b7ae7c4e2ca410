package io.ward.server.web;

import io.ward.server.DiskFull;
import io.ward.server.api.ApiException;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

/** A console request Ward refuses is shown as a page saying why, with the right status. */
@ControllerAdvice(basePackageClasses = ConsoleErrors.class)
class ConsoleErrors {
  private static final Logger log = LoggerFactory.getLogger(ConsoleErrors.class);

  private final ConsoleModel console;

  ConsoleErrors(ConsoleModel console) {
    this.console = console;
  }

  @ExceptionHandler(ApiException.class)
  String refused(ApiException e, Model model, HttpServletResponse response) {
    response.setStatus(e.status().value());
    console.fill(model);
    model.addAttribute("problem", e.toProblem());
    return "error";
  }

  /**
   * A change the database could not write for lack of space: 507 with what the operator must do,
   * and one line in the log. Left to the servlet container, which shows the same page through
   * {@link ErrorPages}, every refused change logged an error with its whole stack trace while the
   * disk stayed full. The page is not filled with the console's model: that reads the database,
   * which may be closed until its next read. Anything else goes on to the container as before.
   */
  @ExceptionHandler(RuntimeException.class)
  String unexpected(RuntimeException e, Model model, HttpServletResponse response) {
    if (!DiskFull.inDatabase(e)) {
      throw e;
    }
    log.warn("a console change was refused, the database's disk is full: {}", e.toString());
    response.setStatus(HttpStatus.INSUFFICIENT_STORAGE.value());
    ProblemDetail p =
        ProblemDetail.forStatusAndDetail(HttpStatus.INSUFFICIENT_STORAGE, DiskFull.DATABASE);
    p.setTitle("Insufficient storage");
    model.addAttribute("problem", p);
    return "error";
  }

  @ExceptionHandler(MethodArgumentTypeMismatchException.class)
  String mismatch(
      MethodArgumentTypeMismatchException e, Model model, HttpServletResponse response) {
    response.setStatus(400);
    ProblemDetail p =
        ProblemDetail.forStatusAndDetail(
            HttpStatus.BAD_REQUEST, e.getName() + " has a wrong value");
    p.setTitle("Invalid request");
    console.fill(model);
    model.addAttribute("problem", p);
    return "error";
  }
}

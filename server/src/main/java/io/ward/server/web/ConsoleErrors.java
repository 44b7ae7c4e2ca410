package io.ward.server.web;

import io.ward.server.api.ApiException;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.ProblemDetail;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

/** A console request Ward refuses is shown as a page saying why, with the right status. */
@ControllerAdvice(basePackageClasses = ConsoleErrors.class)
class ConsoleErrors {
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

  @ExceptionHandler(MethodArgumentTypeMismatchException.class)
  String mismatch(
      MethodArgumentTypeMismatchException e, Model model, HttpServletResponse response) {
    response.setStatus(400);
    ProblemDetail p =
        ProblemDetail.forStatusAndDetail(
            org.springframework.http.HttpStatus.BAD_REQUEST, e.getName() + " has a wrong value");
    p.setTitle("Invalid request");
    console.fill(model);
    model.addAttribute("problem", p);
    return "error";
  }
}

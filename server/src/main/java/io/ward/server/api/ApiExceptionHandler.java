package io.ward.server.api;

import io.ward.server.DiskFull;
import io.ward.server.config.WardProperties;
import io.ward.server.ingest.UploadRefused;
import java.io.UncheckedIOException;
import java.util.NoSuchElementException;
import java.util.Optional;
import org.apache.tomcat.util.http.InvalidParameterException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Every error of the REST API as an RFC 9457 {@code application/problem+json} document: Spring
 * MVC's own (415, 405, malformed JSON, missing parameters) through the base class, Ward's {@link
 * ApiException}, oversized uploads, type mismatches, and anything unexpected as a 500 without
 * internals. Errors raised before a controller is chosen (404, 401, 403) are answered by the
 * console's error controller in the same format.
 */
@RestControllerAdvice(basePackageClasses = ApiExceptionHandler.class)
class ApiExceptionHandler extends ResponseEntityExceptionHandler {
  private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);

  private final long maxUploadBytes;

  ApiExceptionHandler(WardProperties properties) {
    this.maxUploadBytes = properties.ingest().maxUploadSize().toBytes();
  }

  @ExceptionHandler(ApiException.class)
  ResponseEntity<ProblemDetail> api(ApiException e) {
    ProblemDetail p = ProblemDetail.forStatusAndDetail(e.status(), e.getMessage());
    p.setTitle(e.title());
    e.extensions().forEach(p::setProperty);
    return ResponseEntity.status(e.status()).body(p);
  }

  @ExceptionHandler(BodyLimit.TooLarge.class)
  ResponseEntity<ProblemDetail> tooLarge(BodyLimit.TooLarge e) {
    return api(ApiException.tooLarge(e.getMessage()));
  }

  @ExceptionHandler(MethodArgumentTypeMismatchException.class)
  ResponseEntity<ProblemDetail> typeMismatch(MethodArgumentTypeMismatchException e) {
    String expected =
        e.getRequiredType() == null ? "another type" : e.getRequiredType().getSimpleName();
    return api(
        ApiException.badRequest(
            e.getName() + " must be " + article(expected) + " (got '" + clip(e.getValue()) + "')"));
  }

  /**
   * A query string Tomcat cannot decode (bytes that are not UTF-8, a broken percent escape): the
   * client's mistake, not the server's.
   */
  @ExceptionHandler(InvalidParameterException.class)
  ResponseEntity<ProblemDetail> undecodable(InvalidParameterException e) {
    return api(
        ApiException.badRequest("a request parameter is not correctly percent-encoded UTF-8"));
  }

  @ExceptionHandler(NoSuchElementException.class)
  ResponseEntity<ProblemDetail> missing(NoSuchElementException e) {
    return api(ApiException.notFound(e.getMessage() == null ? "not found" : e.getMessage()));
  }

  /**
   * A multipart body the servlet container could not take: 507 when the disk under the data
   * directory is full (the container writes large parts there while receiving them), else 400.
   */
  @ExceptionHandler(MultipartException.class)
  ResponseEntity<ProblemDetail> multipart(MultipartException e) {
    Optional<UploadRefused> full = UploadRefused.diskFull(null, e);
    if (full.isPresent()) {
      log.warn("an upload was refused, the disk is full: {}", rootMessage(e));
      return api(ApiException.refused(full.get()));
    }
    return api(ApiException.badRequest("the multipart body cannot be read: " + rootMessage(e)));
  }

  /**
   * An upload over {@code ward.ingest.max-upload-size}, stopped by the servlet container. Spring
   * tells this by the words of the failure ("request … large"), which a write error while the
   * container stores the part can hold too: a full disk is still a 507.
   */
  @Override
  protected ResponseEntity<Object> handleMaxUploadSizeExceededException(
      MaxUploadSizeExceededException ex,
      HttpHeaders headers,
      HttpStatusCode status,
      WebRequest request) {
    UploadRefused refused =
        UploadRefused.diskFull(null, ex)
            .orElseGet(() -> UploadRefused.tooLarge(null, maxUploadBytes));
    ApiException e = ApiException.refused(refused);
    return ResponseEntity.status(e.status()).body(e.toProblem());
  }

  @ExceptionHandler(DataIntegrityViolationException.class)
  ResponseEntity<ProblemDetail> integrity(DataIntegrityViolationException e) {
    log.info("refused a change that breaks a stored constraint: {}", rootMessage(e));
    return api(ApiException.conflict("the change conflicts with stored data", java.util.Map.of()));
  }

  @ExceptionHandler(ConcurrencyFailureException.class)
  ResponseEntity<ProblemDetail> concurrent(ConcurrencyFailureException e) {
    log.info("a change met a concurrent one: {}", rootMessage(e));
    return api(
        ApiException.conflict(
            "another change to the same data happened at the same time; try again",
            java.util.Map.of()));
  }

  @ExceptionHandler(UncheckedIOException.class)
  ResponseEntity<ProblemDetail> io(UncheckedIOException e) {
    if (DiskFull.inDatabase(e)) {
      return databaseFull(e);
    }
    log.warn("I/O failure serving an API request: {}", e.toString());
    return problem(HttpStatus.INTERNAL_SERVER_ERROR, "Storage error", e.getMessage());
  }

  @ExceptionHandler(RuntimeException.class)
  ResponseEntity<ProblemDetail> unexpected(RuntimeException e) {
    if (DiskFull.inDatabase(e)) {
      return databaseFull(e);
    }
    log.error("unexpected error serving an API request", e);
    return problem(
        HttpStatus.INTERNAL_SERVER_ERROR,
        "Internal error",
        "the request failed on the server; details are in the server log");
  }

  /**
   * A change the database could not write for lack of disk space: its transaction rolled back, so
   * nothing of it is stored, and the client can send it again once there is space.
   */
  private ResponseEntity<ProblemDetail> databaseFull(RuntimeException e) {
    log.warn("a change was refused, the database's disk is full: {}", rootMessage(e));
    return api(ApiException.insufficientStorage(DiskFull.DATABASE));
  }

  @Override
  protected ResponseEntity<Object> handleHttpMessageNotReadable(
      HttpMessageNotReadableException ex,
      HttpHeaders headers,
      HttpStatusCode status,
      WebRequest request) {
    for (Throwable t = ex; t != null; t = t.getCause()) {
      if (t instanceof BodyLimit.TooLarge big) {
        return ResponseEntity.status(HttpStatus.CONTENT_TOO_LARGE)
            .body(ApiException.tooLarge(big.getMessage()).toProblem());
      }
    }
    ProblemDetail p =
        ProblemDetail.forStatusAndDetail(
            HttpStatus.BAD_REQUEST,
            "the request body is not valid JSON for this endpoint (or is missing)");
    p.setTitle("Malformed request body");
    return ResponseEntity.badRequest().body(p);
  }

  private static ResponseEntity<ProblemDetail> problem(
      HttpStatus status, String title, String detail) {
    ProblemDetail p = ProblemDetail.forStatusAndDetail(status, detail);
    p.setTitle(title);
    return ResponseEntity.status(status).body(p);
  }

  private static String article(String type) {
    switch (type) {
      case "long":
      case "Long":
      case "int":
      case "Integer":
        return "a whole number";
      case "boolean":
      case "Boolean":
        return "true or false";
      default:
        return "a " + type;
    }
  }

  private static String clip(Object value) {
    String s = String.valueOf(value);
    return s.length() <= 60 ? s : s.substring(0, 60) + "…";
  }

  private static String rootMessage(Throwable t) {
    Throwable r = t;
    while (r.getCause() != null && r.getCause() != r) {
      r = r.getCause();
    }
    String m = r.getMessage() == null ? r.getClass().getSimpleName() : r.getMessage();
    return m.length() <= 200 ? m : m.substring(0, 200);
  }
}

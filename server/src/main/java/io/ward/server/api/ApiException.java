package io.ward.server.api;

import java.util.Map;
import org.springframework.http.HttpStatus;

/**
 * A request the API refuses, with the status and the words for the caller; turned into an RFC 9457
 * problem document by {@link ApiExceptionHandler}.
 */
public final class ApiException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final HttpStatus status;
  private final String title;
  private final transient Map<String, Object> extensions;

  ApiException(HttpStatus status, String title, String detail, Map<String, Object> extensions) {
    super(detail);
    this.status = status;
    this.title = title;
    this.extensions = Map.copyOf(extensions);
  }

  /** 400: the request is malformed or a value is out of range. */
  public static ApiException badRequest(String detail) {
    return new ApiException(HttpStatus.BAD_REQUEST, "Invalid request", detail, Map.of());
  }

  /** 404: nothing by that id. */
  public static ApiException notFound(String detail) {
    return new ApiException(HttpStatus.NOT_FOUND, "Not found", detail, Map.of());
  }

  /** 409: the change conflicts with the current state. */
  public static ApiException conflict(String detail, Map<String, Object> extensions) {
    return new ApiException(HttpStatus.CONFLICT, "Conflict", detail, extensions);
  }

  /** 413: a field or body is larger than allowed. */
  public static ApiException tooLarge(String detail) {
    return new ApiException(HttpStatus.CONTENT_TOO_LARGE, "Too large", detail, Map.of());
  }

  /** 415: the content is not of a kind this endpoint reads. */
  public static ApiException unsupported(String detail) {
    return new ApiException(
        HttpStatus.UNSUPPORTED_MEDIA_TYPE, "Unsupported content", detail, Map.of());
  }

  /** 507: the server has no space left to store what was sent. */
  public static ApiException insufficientStorage(String detail) {
    return new ApiException(
        HttpStatus.INSUFFICIENT_STORAGE, "Insufficient storage", detail, Map.of());
  }

  /** The refusal of an upload the ingest side would not store: 413 or 507. */
  public static ApiException refused(io.ward.server.ingest.UploadRefused e) {
    return e.reason() == io.ward.server.ingest.UploadRefused.Reason.TOO_LARGE
        ? tooLarge(e.getMessage())
        : insufficientStorage(e.getMessage());
  }

  /** The problem document for this refusal. */
  public org.springframework.http.ProblemDetail toProblem() {
    org.springframework.http.ProblemDetail p =
        org.springframework.http.ProblemDetail.forStatusAndDetail(status, getMessage());
    p.setTitle(title);
    extensions.forEach(p::setProperty);
    return p;
  }

  /** The HTTP status. */
  public HttpStatus status() {
    return status;
  }

  /** The short, fixed title of the problem. */
  public String title() {
    return title;
  }

  /** Extra members of the problem document. */
  public Map<String, Object> extensions() {
    return extensions;
  }
}

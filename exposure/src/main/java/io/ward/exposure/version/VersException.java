package io.ward.exposure.version;

/** Thrown by {@link Vers#parse} for text that is not a valid {@code vers} range. */
public final class VersException extends IllegalArgumentException {

  /** An error naming the problem and the offending text. */
  public VersException(String message) {
    super(message);
  }
}

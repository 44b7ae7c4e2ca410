package io.ward.server;

/** The server could not start; the message is one line for the user (no stack trace needed). */
public final class ServerStartException extends Exception {
  private static final long serialVersionUID = 1L;

  /** A start failure described in one line. */
  public ServerStartException(String message, Throwable cause) {
    super(message, cause);
  }
}

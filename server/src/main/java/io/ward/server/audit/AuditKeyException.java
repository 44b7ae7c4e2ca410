package io.ward.server.audit;

/**
 * The audit key cannot be used or replaced as asked: missing from the key file, the file damaged,
 * or a replacement refused. Nothing is appended meanwhile (an entry nobody could check must never
 * be written). A condition for the operator to act on, not a bug: the command line reports it in
 * one line.
 */
public final class AuditKeyException extends IllegalStateException {
  private static final long serialVersionUID = 1L;

  AuditKeyException(String message) {
    super(message);
  }

  AuditKeyException(String message, Throwable cause) {
    super(message, cause);
  }
}

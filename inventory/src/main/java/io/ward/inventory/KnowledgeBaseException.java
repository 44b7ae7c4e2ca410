package io.ward.inventory;

/**
 * A knowledge-base file or entry that cannot be used. The message names the file, the entry (or
 * line) and the problem, so a user who edited a file can find the mistake.
 */
public class KnowledgeBaseException extends Exception {
  private static final long serialVersionUID = 1L;

  /** An error with a message naming file, entry and problem. */
  public KnowledgeBaseException(String message) {
    super(message);
  }

  /** An error caused by an underlying parse or I/O failure. */
  public KnowledgeBaseException(String message, Throwable cause) {
    super(message, cause);
  }
}

package io.ward.engine;

import java.io.IOException;

/**
 * A CMDB export Ward cannot use at all (unreadable, not CSV, no column of its mapping, every row
 * dropped); the message names the file and the problem.
 */
public class CmdbFormatException extends IOException {
  private static final long serialVersionUID = 1L;

  /** A problem described as {@code "<file> [location]: <what is wrong>"}. */
  public CmdbFormatException(String message) {
    super(message);
  }
}

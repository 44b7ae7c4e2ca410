package io.ward.engine;

import java.io.IOException;

/** An inventory document that is not valid {@code ward.inventory/1}; the message names the file. */
public class InventoryFormatException extends IOException {
  private static final long serialVersionUID = 1L;

  /** A problem described as {@code "<file>: <what is wrong>"}. */
  public InventoryFormatException(String message) {
    super(message);
  }
}

package io.ward.cli;

/** A problem with what the user gave (a path, a value); reported in one line with exit code 3. */
final class UserInputException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  UserInputException(String message) {
    super(message);
  }
}

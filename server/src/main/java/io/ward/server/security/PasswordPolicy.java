package io.ward.server.security;

import java.util.regex.Pattern;

/** What a user name and a password must be. */
public final class PasswordPolicy {
  /** Shortest password accepted. */
  public static final int MIN_PASSWORD = 12;

  /** Longest password accepted (hashing cost stays bounded). */
  public static final int MAX_PASSWORD = 256;

  /** Longest user name accepted. */
  public static final int MAX_USERNAME = 100;

  private static final Pattern USERNAME =
      Pattern.compile("[A-Za-z0-9._@-]{1," + MAX_USERNAME + "}");

  private PasswordPolicy() {}

  /** Whether {@code username} is an acceptable user name. */
  public static boolean validUsername(String username) {
    return username != null && USERNAME.matcher(username).matches();
  }

  /** Throws {@link IllegalArgumentException} with the reason when the name is not acceptable. */
  public static void checkUsername(String username) {
    if (!validUsername(username)) {
      throw new IllegalArgumentException(
          "a user name is 1 to 100 letters, digits, '.', '_', '@' or '-'");
    }
  }

  /** Throws {@link IllegalArgumentException} with the reason when the password is too weak. */
  public static void checkPassword(CharSequence password) {
    if (password == null || password.length() < MIN_PASSWORD) {
      throw new IllegalArgumentException(
          "a password needs at least " + MIN_PASSWORD + " characters");
    }
    if (password.length() > MAX_PASSWORD) {
      throw new IllegalArgumentException("a password has at most " + MAX_PASSWORD + " characters");
    }
    if (password.chars().distinct().count() < MIN_DISTINCT) {
      // "aaaaaaaaaaaaaaaa" passed the length rule; it is among the first guesses of any attack.
      throw new IllegalArgumentException(
          "a password needs at least " + MIN_DISTINCT + " different characters");
    }
  }

  /** Fewest different characters a password may have. */
  public static final int MIN_DISTINCT = 5;
}

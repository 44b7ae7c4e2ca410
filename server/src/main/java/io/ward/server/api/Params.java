package io.ward.server.api;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Checks on request values shared by the API and the console: known ids, lengths, dates. Every
 * refusal is an {@link ApiException} naming the field and what it accepts.
 */
public final class Params {
  /** Longest free-text search or filter value. */
  public static final int MAX_SEARCH = 200;

  private Params() {}

  /** The enum constant whose id is {@code value}, or a 400 listing the ids accepted. */
  public static <E extends Enum<E>> Optional<E> id(
      String field, String value, Class<E> type, Function<E, String> idOf) {
    if (value == null || value.isBlank()) {
      return Optional.empty();
    }
    String v = value.strip();
    for (E e : type.getEnumConstants()) {
      if (idOf.apply(e).equals(v)) {
        return Optional.of(e);
      }
    }
    throw ApiException.badRequest(
        field
            + " must be one of "
            + Arrays.stream(type.getEnumConstants()).map(idOf).collect(Collectors.joining(", ")));
  }

  /** Optional text of at most {@code max} characters (blank is absent). */
  public static Optional<String> text(String field, String value, int max) {
    if (value == null || value.isBlank()) {
      return Optional.empty();
    }
    if (value.length() > max) {
      throw ApiException.badRequest(field + " is longer than " + max + " characters");
    }
    if (value.chars().anyMatch(c -> c < 0x20 && c != '\t')) {
      throw ApiException.badRequest(field + " holds control characters");
    }
    return Optional.of(value.strip());
  }

  /** Required text of 1 to {@code max} characters. */
  public static String required(String field, String value, int max) {
    return text(field, value, max)
        .orElseThrow(() -> ApiException.badRequest(field + " is required"));
  }

  /** An ISO date ({@code 2026-01-31}). */
  public static Optional<LocalDate> date(String field, String value) {
    if (value == null || value.isBlank()) {
      return Optional.empty();
    }
    try {
      return Optional.of(LocalDate.parse(value.strip()));
    } catch (DateTimeParseException e) {
      throw ApiException.badRequest(field + " must be a date like 2026-01-31");
    }
  }

  /** A page size within [1, max], {@code fallback} when absent. */
  public static int limit(Integer value, int fallback, int max) {
    if (value == null) {
      return fallback;
    }
    if (value < 1 || value > max) {
      throw ApiException.badRequest("limit must lie in [1," + max + "]");
    }
    return value;
  }
}

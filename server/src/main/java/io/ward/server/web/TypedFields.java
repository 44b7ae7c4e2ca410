package io.ward.server.web;

import java.util.HashMap;
import java.util.Map;

/**
 * The fields of a refused console form, kept to be flashed back with the refusal. Each value is cut
 * to the length its input lets a browser send (its {@code maxlength}): the flash lives in the
 * session until the next page, and a request that ignores the page's limits (a form post may carry
 * megabytes) must not make it hold more than the form could. A field not sent is kept as empty.
 */
final class TypedFields {
  /** Longest value kept of a date input: a browser sends yyyy-mm-dd (a year of up to 6 digits). */
  static final int DATE = 20;

  /** Longest value kept of a choice among short ids (a status, a role, an import kind). */
  static final int CHOICE = 50;

  private final Map<String, String> values = new HashMap<>();

  /** Keeps a field, cut to {@code max} characters. */
  TypedFields put(String name, String value, int max) {
    values.put(name, cap(value, max));
    return this;
  }

  /** The fields kept, by name. */
  Map<String, String> map() {
    return Map.copyOf(values);
  }

  /** {@code value} cut to {@code max} characters (not inside a surrogate pair); null as empty. */
  static String cap(String value, int max) {
    if (value == null) {
      return "";
    }
    if (value.length() <= max) {
      return value;
    }
    int end = Character.isHighSurrogate(value.charAt(max - 1)) ? max - 1 : max;
    return value.substring(0, end);
  }
}

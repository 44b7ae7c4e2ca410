package io.ward.capture.dissect.http;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The head of one HTTP/1.x message (RFC 9112 §2): start line and header fields; the body is never
 * kept.
 *
 * @param method the request method, empty for a response
 * @param status the response status code, 0 for a request
 * @param headers name/value pairs in order (names as sent)
 */
record HttpMessage(String method, int status, List<Header> headers) {

  /** One header field line (RFC 9110 §5). */
  record Header(String name, String value) {}

  HttpMessage {
    headers = List.copyOf(headers);
  }

  boolean isRequest() {
    return !method.isEmpty();
  }

  // Indexed loops, not an iterator or a stream with a lambda: several lookups per message, and
  // under the C1 compiler Ward analyses with each iterator is an allocation and each capturing
  // lambda an allocation through a method handle.

  /** The first value of a header, by case-insensitive name. */
  Optional<String> header(String name) {
    for (int i = 0; i < headers.size(); i++) {
      Header h = headers.get(i);
      if (h.name().equalsIgnoreCase(name)) {
        return Optional.of(h.value());
      }
    }
    return Optional.empty();
  }

  /** Every value of a header, by case-insensitive name. */
  List<String> headers(String name) {
    List<String> values = null;
    for (int i = 0; i < headers.size(); i++) {
      Header h = headers.get(i);
      if (h.name().equalsIgnoreCase(name)) {
        if (values == null) {
          values = new ArrayList<>(2);
        }
        values.add(h.value());
      }
    }
    return values == null ? List.of() : List.copyOf(values);
  }

  /**
   * The body length per RFC 9112 §6.3: 0 for requests without Content-Length, responses to HEAD,
   * 1xx, 204 and 304; Content-Length when given; -1 when unknown (chunked, or read until close).
   */
  long bodyLength(boolean requestWasHead) {
    if (!isRequest() && (requestWasHead || status / 100 == 1 || status == 204 || status == 304)) {
      return 0;
    }
    Optional<String> te = header("Transfer-Encoding");
    if (te.isPresent() && te.get().toLowerCase(Locale.ROOT).contains("chunked")) {
      return -1;
    }
    Optional<String> cl = header("Content-Length");
    if (cl.isPresent()) {
      try {
        long n = Long.parseLong(cl.get().trim());
        return n >= 0 ? n : -1;
      } catch (NumberFormatException e) {
        return -1;
      }
    }
    return isRequest() ? 0 : -1;
  }
}

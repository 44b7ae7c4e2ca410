package io.ward.server.web;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * A console link with query parameters, each name and value form-encoded. Spring's {@code
 * UriComponentsBuilder.encode()} leaves {@code +} as it is in a query value, which the server then
 * reads as a space: a search for "d+t" lost its plus on every next-page and sort link.
 */
final class QueryUrl {
  private final StringBuilder url;
  private boolean first = true;

  QueryUrl(String path) {
    this.url = new StringBuilder(path);
  }

  /** Adds {@code name=value}. */
  QueryUrl param(String name, Object value) {
    url.append(first ? '?' : '&')
        .append(URLEncoder.encode(name, StandardCharsets.UTF_8))
        .append('=')
        .append(URLEncoder.encode(String.valueOf(value), StandardCharsets.UTF_8));
    first = false;
    return this;
  }

  /**
   * A link of a sorted, paged list page: its filter parameters (empty ones left out), the sort and
   * its order, and the page's cursor when there is one.
   */
  static String listPage(
      String path, Map<String, String> filters, String sort, String order, String cursor) {
    QueryUrl b = new QueryUrl(path);
    filters.forEach(
        (k, v) -> {
          if (!v.isEmpty()) {
            b.param(k, v);
          }
        });
    b.param("sort", sort).param("order", order);
    if (cursor != null) {
      b.param("cursor", cursor);
    }
    return b.toString();
  }

  @Override
  public String toString() {
    return url.toString();
  }
}

package io.ward.server.web;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

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

  @Override
  public String toString() {
    return url.toString();
  }
}

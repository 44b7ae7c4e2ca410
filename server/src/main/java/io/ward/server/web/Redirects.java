package io.ward.server.web;

/** Where a console form may send the browser back to: a path on this site, nothing else. */
final class Redirects {
  private Redirects() {}

  /** {@code redirect:} to {@code returnTo} when it is a local path, else to {@code fallback}. */
  static String back(String returnTo, String fallback) {
    boolean local =
        returnTo != null
            && returnTo.startsWith("/")
            && !returnTo.startsWith("//")
            && returnTo.length() <= 500
            // No braces either: Spring reads {name} in a redirect as a variable to fill in (a 500).
            && returnTo.chars().noneMatch(c -> c < 0x21 || c == '\\' || c == '{' || c == '}');
    return "redirect:" + (local ? returnTo : fallback);
  }
}

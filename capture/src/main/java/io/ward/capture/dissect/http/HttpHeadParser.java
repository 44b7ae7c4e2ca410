package io.ward.capture.dissect.http;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Parses the head of an HTTP/1.x message (start line and header fields, RFC 9112 §2-§5). Total:
 * malformed input gives {@link Optional#empty()}.
 */
final class HttpHeadParser {

  /** Methods recognised in a request line (RFC 9110 §9, plus PATCH and WebDAV's common ones). */
  static final Set<String> METHODS =
      Set.of(
          "GET",
          "POST",
          "HEAD",
          "PUT",
          "DELETE",
          "OPTIONS",
          "PATCH",
          "CONNECT",
          "TRACE",
          "PROPFIND",
          "MKCOL",
          "COPY",
          "MOVE",
          "LOCK",
          "UNLOCK",
          "REPORT",
          "SUBSCRIBE",
          "UNSUBSCRIBE",
          "NOTIFY",
          "M-SEARCH");

  /** Header lines read; more are ignored (a real head has a few dozen). */
  static final int MAX_HEADERS = 128;

  /** Header values longer than this are cut. */
  static final int MAX_VALUE_CHARS = 1024;

  private HttpHeadParser() {}

  /** Parses {@code buf[offset, offset + length)}, the head without its final empty line. */
  static Optional<HttpMessage> parse(byte[] buf, int offset, int length) {
    String text = new String(buf, offset, length, StandardCharsets.ISO_8859_1);
    List<String> lines = lines(text);
    String start = lines.get(0);
    String method = "";
    int status = 0;
    if (start.startsWith("HTTP/1.")) {
      String[] parts = start.split(" ", 3);
      if (parts.length < 2 || parts[1].length() != 3 || !allDigits(parts[1])) {
        return Optional.empty();
      }
      status = Integer.parseInt(parts[1]);
    } else {
      String[] parts = start.split(" ");
      if (parts.length != 3 || !METHODS.contains(parts[0]) || !parts[2].startsWith("HTTP/1.")) {
        return Optional.empty();
      }
      method = parts[0];
    }
    List<HttpMessage.Header> headers = new ArrayList<>();
    for (int i = 1; i < lines.size() && headers.size() < MAX_HEADERS; i++) {
      String line = lines.get(i);
      if (line.isEmpty()) {
        continue;
      }
      if ((line.charAt(0) == ' ' || line.charAt(0) == '\t') && !headers.isEmpty()) {
        // RFC 9112 §5.2: obsolete line folding continues the previous value.
        HttpMessage.Header last = headers.remove(headers.size() - 1);
        headers.add(new HttpMessage.Header(last.name(), clean(last.value() + " " + line.trim())));
        continue;
      }
      int colon = line.indexOf(':');
      if (colon <= 0) {
        continue;
      }
      headers.add(
          new HttpMessage.Header(
              line.substring(0, colon).trim(), clean(line.substring(colon + 1))));
    }
    return Optional.of(new HttpMessage(method, status, headers));
  }

  /**
   * The lines of {@code text} as {@code text.split("\r?\n", -1)} gives them (LF ends a line, a CR
   * just before it is dropped), without compiling that pattern for every message: it was most of
   * the HTTP dissector's time.
   */
  static List<String> lines(String text) {
    List<String> lines = new ArrayList<>();
    int start = 0;
    while (true) {
      int lf = text.indexOf('\n', start);
      if (lf < 0) {
        lines.add(text.substring(start));
        return lines;
      }
      int end = lf > start && text.charAt(lf - 1) == '\r' ? lf - 1 : lf;
      lines.add(text.substring(start, end));
      start = lf + 1;
    }
  }

  /**
   * The authentication scheme of an Authorization or WWW-Authenticate value, as written, when its
   * first token names a known one; {@link #OTHER_SCHEME} when it names none. Only known names are
   * kept because devices also send a bare key as the whole value ({@code Authorization:
   * 5f4dcc3b…}), whose first token is then the credential itself.
   */
  static Optional<String> authScheme(String value) {
    String v = value.trim();
    int end = 0;
    while (end < v.length() && end < 32 && isTokenChar(v.charAt(end))) {
      end++;
    }
    if (end == 0) {
      return Optional.empty();
    }
    String token = v.substring(0, end);
    return Optional.of(
        KNOWN_SCHEMES.contains(token.toLowerCase(java.util.Locale.ROOT)) ? token : OTHER_SCHEME);
  }

  /** What {@link #authScheme} reports for a value whose first token is no known scheme. */
  static final String OTHER_SCHEME = "other";

  /**
   * IANA's HTTP Authentication Scheme Registry and schemes of common products (lower case), the
   * names {@link #authScheme} reports.
   */
  private static final Set<String> KNOWN_SCHEMES =
      Set.of(
          "basic",
          "bearer",
          "concealed",
          "digest",
          "dpop",
          "gnap",
          "hoba",
          "mutual",
          "negotiate",
          "oauth",
          "privatetoken",
          "scram-sha-1",
          "scram-sha-256",
          "vapid",
          "ntlm",
          "kerberos",
          "aws4-hmac-sha256",
          "token",
          "apikey",
          "sharedkey",
          "hawk",
          "ssws");

  private static boolean isTokenChar(char c) {
    return Character.isLetterOrDigit(c) || c == '-' || c == '_' || c == '.';
  }

  private static boolean allDigits(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
    }
    return true;
  }

  /**
   * The value with control characters shown as '.', cut to {@link #MAX_VALUE_CHARS}, trimmed. Most
   * values need neither: they are only trimmed, without copying them a character at a time.
   */
  static String clean(String s) {
    if (s.length() <= MAX_VALUE_CHARS && !hasControl(s)) {
      return s.trim();
    }
    StringBuilder sb = new StringBuilder(Math.min(s.length(), MAX_VALUE_CHARS));
    for (int i = 0; i < s.length() && sb.length() < MAX_VALUE_CHARS; i++) {
      char c = s.charAt(i);
      sb.append(c < 0x20 || c == 0x7F ? '.' : c);
    }
    return sb.toString().trim();
  }

  private static boolean hasControl(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < 0x20 || c == 0x7F) {
        return true;
      }
    }
    return false;
  }
}

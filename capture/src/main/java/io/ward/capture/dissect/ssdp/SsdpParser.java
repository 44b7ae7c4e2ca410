package io.ward.capture.dissect.ssdp;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Parses SSDP datagrams (HTTPU, UPnP Device Architecture §1.1-1.3). Total, never throws. */
final class SsdpParser {
  private static final int MAX_HEADERS = 64;
  private static final int MAX_VALUE_CHARS = 512;

  private SsdpParser() {}

  /** True when the datagram starts like an SSDP message. */
  static boolean looksLikeSsdp(byte[] b, int off, int len) {
    return startsWith(b, off, len, "NOTIFY * HTTP/1.")
        || startsWith(b, off, len, "M-SEARCH * HTTP/1.")
        || startsWith(b, off, len, "HTTP/1.");
  }

  static Optional<SsdpMessage> parse(byte[] b, int off, int len) {
    if (off < 0 || len < 0 || off + len > b.length || !looksLikeSsdp(b, off, len)) {
      return Optional.empty();
    }
    String[] lines = new String(b, off, len, StandardCharsets.UTF_8).split("\r?\n");
    SsdpMessage.Kind kind;
    if (lines[0].startsWith("NOTIFY")) {
      kind = SsdpMessage.Kind.NOTIFY;
    } else if (lines[0].startsWith("M-SEARCH")) {
      kind = SsdpMessage.Kind.SEARCH;
    } else if (lines[0].matches("HTTP/1\\.[01] 200( .*)?")) {
      kind = SsdpMessage.Kind.RESPONSE;
    } else {
      return Optional.empty();
    }
    Map<String, String> headers = new HashMap<>();
    for (int i = 1; i < lines.length && headers.size() < MAX_HEADERS; i++) {
      String line = lines[i];
      if (line.isEmpty()) {
        break;
      }
      int colon = line.indexOf(':');
      if (colon > 0) {
        headers.putIfAbsent(
            line.substring(0, colon).trim().toUpperCase(Locale.ROOT),
            clean(line.substring(colon + 1)));
      }
    }
    return Optional.of(new SsdpMessage(kind, headers));
  }

  private static String clean(String s) {
    StringBuilder sb = new StringBuilder(Math.min(s.length(), MAX_VALUE_CHARS));
    for (int i = 0; i < s.length() && sb.length() < MAX_VALUE_CHARS; i++) {
      char c = s.charAt(i);
      sb.append(Character.isISOControl(c) ? '.' : c);
    }
    return sb.toString().trim();
  }

  private static boolean startsWith(byte[] b, int off, int len, String prefix) {
    if (len < prefix.length() || off < 0 || off + prefix.length() > b.length) {
      return false;
    }
    for (int i = 0; i < prefix.length(); i++) {
      if (b[off + i] != prefix.charAt(i)) {
        return false;
      }
    }
    return true;
  }
}

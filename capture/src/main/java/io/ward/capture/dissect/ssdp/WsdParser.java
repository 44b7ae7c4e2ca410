package io.ward.capture.dissect.ssdp;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the few WS-Discovery elements Ward needs by their local names. Deliberately not an XML
 * parser: no DTDs or entities are ever resolved (no XXE), and every pattern is linear.
 */
final class WsdParser {
  private static final Pattern ACTION = element("Action");
  private static final Pattern TYPES = element("Types");
  private static final Pattern XADDRS = element("XAddrs");
  private static final Pattern ADDRESS = element("Address");
  private static final int MAX_VALUE_CHARS = 512;

  private WsdParser() {}

  /** True when the datagram is a SOAP envelope in a WS-Discovery namespace. */
  static boolean looksLikeWsd(byte[] b, int off, int len) {
    if (off < 0 || len < 40 || off + len > b.length) {
      return false;
    }
    String head = new String(b, off, Math.min(len, 1024), StandardCharsets.ISO_8859_1);
    return head.contains("Envelope")
        && (head.contains("schemas.xmlsoap.org/ws/2005/04/discovery")
            || head.contains("docs.oasis-open.org/ws-dd/ns/discovery"));
  }

  static Optional<WsdMessage> parse(byte[] b, int off, int len) {
    if (!looksLikeWsd(b, off, len)) {
      return Optional.empty();
    }
    String xml = new String(b, off, len, StandardCharsets.UTF_8);
    Optional<String> action = first(ACTION, xml);
    if (action.isEmpty()) {
      return Optional.empty();
    }
    String a = action.get();
    return Optional.of(
        new WsdMessage(
            a.substring(a.lastIndexOf('/') + 1),
            first(TYPES, xml),
            first(XADDRS, xml),
            first(ADDRESS, xml)));
  }

  /** {@code <prefix:Name attrs>text</prefix:Name>} with any (or no) prefix. */
  private static Pattern element(String localName) {
    return Pattern.compile(
        "<(?:[A-Za-z0-9_.-]{1,64}:)?" + localName + "(?:\\s[^>]{0,512})?>([^<]{0,4096})<");
  }

  private static Optional<String> first(Pattern p, String xml) {
    Matcher m = p.matcher(xml);
    if (!m.find()) {
      return Optional.empty();
    }
    String v = m.group(1).trim().replaceAll("\\s+", " ");
    if (v.length() > MAX_VALUE_CHARS) {
      v = v.substring(0, MAX_VALUE_CHARS);
    }
    return v.isEmpty() ? Optional.empty() : Optional.of(unescape(v));
  }

  private static String unescape(String v) {
    return v.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&apos;", "'")
        .replace("&amp;", "&");
  }
}

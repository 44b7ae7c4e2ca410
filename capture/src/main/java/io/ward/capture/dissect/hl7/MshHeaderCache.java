package io.ward.capture.dissect.hl7;

import ca.uhn.hl7v2.parser.EncodingDetector;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Remembers what HAPI's pre-parser read from each distinct MSH header, so that a feed sending the
 * same header shape thousands of times pays for HAPI once. The key is the first segment with MSH-7
 * (date/time of message) and MSH-10 (message control id) emptied: they change with every message
 * and are not among the fields Ward reads, and HAPI tokenises MSH on the field separator first, so
 * their content cannot move any other field. A bounded LRU; not thread-safe: each worker thread
 * keeps its own (see {@link Hl7MessageParser}). The values must be immutable, since every message
 * with the same header shape gets the same value: the header's strings are then the same objects
 * message after message, and what counts them downstream hashes each string once.
 *
 * <p>Why the result can be reused: {@code PreParser.getFields} first checks the whole message with
 * {@link EncodingDetector#isEr7Encoded} (run here on every message, so that check is never cached),
 * then {@code ER7.parseMessage} reads MSH paths from the first segment only (the text up to the
 * first CR, LF or FF); later segments cannot contribute to {@code MSH[0]} paths.
 */
final class MshHeaderCache<T> {

  /** Distinct header shapes kept per thread; a hospital has far fewer sending applications. */
  static final int MAX_ENTRIES = 1_024;

  /** Headers longer than this are parsed every time rather than pinned in memory. */
  static final int MAX_KEY_CHARS = 1_024;

  private final Map<String, Optional<T>> cache =
      new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Optional<T>> e) {
          return size() > MAX_ENTRIES;
        }
      };

  /**
   * {@code parse.apply(text)}, taken from the cache when a message with the same masked header was
   * parsed before. {@code text} starts with {@code MSH} and its delimiters.
   */
  Optional<T> lookup(String text, Function<String, Optional<T>> parse) {
    if (!er7(text) || text.contains("<MSH.")) {
      // Not ER7, so HAPI would try XML; or text Hl7MessageParser refuses to hand to HAPI at all,
      // wherever the marker is: either way the outcome depends on more than the header.
      return parse.apply(text);
    }
    String key = maskedHeader(text);
    if (key == null) {
      return parse.apply(text);
    }
    Optional<T> known = cache.get(key);
    if (known == null) {
      known = parse.apply(text);
      cache.put(key, known);
    }
    return known;
  }

  /**
   * Exactly {@link EncodingDetector#isEr7Encoded}, without its tokenizer and the copy it makes of
   * each segment: that check ran on every message and cost a fifth of HL7 parsing. It asks that the
   * text start with {@code MSH}, that every segment (split on CR, leading whitespace skipped) of
   * four or more characters have the field separator fourth, and that the separator occur at least
   * 11 times after the first character (MSH-12 present). Er7CheckProperties holds the two equal.
   */
  static boolean er7(String text) {
    int n = text.length();
    if (n < 4 || !text.startsWith("MSH")) {
      return false;
    }
    char sep = text.charAt(3);
    int start = 0;
    while (start < n) {
      int end = text.indexOf('\r', start);
      if (end < 0) {
        end = n;
      }
      int first = start;
      while (first < end && Character.isWhitespace(text.charAt(first))) {
        first++;
      }
      if (end - first >= 4 && text.charAt(first + 3) != sep) {
        return false;
      }
      start = end + 1;
    }
    int at = 0;
    for (int found = 0; found < 11; found++) {
      at = text.indexOf(sep, at + 1);
      if (at < 0) {
        return false;
      }
    }
    return true;
  }

  /**
   * The first segment (up to CR, LF or FF, as HAPI's ER7 tokenizer splits) with the values of MSH-7
   * and MSH-10 removed and every separator kept; null when too long to cache, or when the field
   * separator recurs among the encoding characters (indexes 4-7), where HAPI numbers fields
   * differently.
   */
  static String maskedHeader(String text) {
    int end = 0;
    int n = text.length();
    while (end < n) {
      char c = text.charAt(end);
      if (c == '\r' || c == '\n' || c == '\f') {
        break;
      }
      end++;
    }
    if (end > MAX_KEY_CHARS || end < 4) {
      return end < 4 ? text.substring(0, end) : null;
    }
    char sep = text.charAt(3);
    for (int i = 4; i < Math.min(8, end); i++) {
      if (text.charAt(i) == sep) {
        // HAPI reads indexes 4-7 as MSH-2 whatever they hold and MSH-3 from index 9, so a
        // separator among them shifts its field numbers from the ones counted here: not cached.
        return null;
      }
    }
    // One pass: since parses are memoised per kind of message (Hl7MessageParser.Memo), this runs
    // once per kind, not per message. MSH-1 is the separator at index 3, so the n-th separator
    // seen starts field MSH-(n+1).
    StringBuilder sb = new StringBuilder(end);
    int field = 1;
    for (int i = 0; i < end; i++) {
      char c = text.charAt(i);
      if (i >= 3 && c == sep) {
        field++;
        sb.append(c);
      } else if (field != 7 && field != 10) {
        sb.append(c);
      }
    }
    return sb.toString();
  }
}

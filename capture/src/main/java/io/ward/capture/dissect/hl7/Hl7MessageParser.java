package io.ward.capture.dissect.hl7;

import ca.uhn.hl7v2.HL7Exception;
import ca.uhn.hl7v2.preparser.PreParser;
import io.ward.capture.dissect.Ascii;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Turns the bytes of one HL7 v2 message (any version 2.1 to 2.8) into an {@link Hl7Message}. The
 * MSH header is read with HAPI's {@link PreParser}, which tokenises only the fields asked for and
 * needs no message structure class, so versions HAPI has no model for still parse. SFT, OBX, PRT
 * and PID are located with the small {@link Er7Segments} reader; nothing else of the message is
 * parsed, and no patient field is ever copied.
 */
final class Hl7MessageParser {

  /** MSH paths read through HAPI, in the order {@link #fromHapi} expects. */
  private static final String[] MSH_PATHS = {
    "MSH-3-1", "MSH-3-2", "MSH-3-3",
    "MSH-4-1", "MSH-4-2", "MSH-4-3",
    "MSH-5-1", "MSH-5-2", "MSH-5-3",
    "MSH-6-1", "MSH-6-2", "MSH-6-3",
    "MSH-9-1", "MSH-9-2", "MSH-12-1"
  };

  /** At most this many device identifiers are kept per message. */
  static final int MAX_IDS = 32;

  /** SFT values longer than this are cut: HL7 v2.5.1 limits SFT-2 and SFT-3 to 15 and 20. */
  static final int MAX_SOFTWARE_CHARS = 128;

  /**
   * MSH fields as Ward keeps them, per distinct header shape; one cache per worker thread (a thread
   * parses one flow's messages at a time, and workers never share a cache).
   */
  private static final ThreadLocal<MshHeaderCache<Header>> HEADERS =
      ThreadLocal.withInitial(MshHeaderCache::new);

  private Hl7MessageParser() {}

  /** The MSH fields Ward keeps, joined and cleaned (see {@link Hl7Message}). */
  private record Header(
      Optional<String> sendingApplication,
      Optional<String> sendingFacility,
      Optional<String> receivingApplication,
      Optional<String> receivingFacility,
      Optional<String> messageType,
      Optional<String> version) {

    /** From the values of {@link #MSH_PATHS}, in that order (null where not valued). */
    static Header of(String[] h) {
      return new Header(
          join(h[0], h[1], h[2]),
          join(h[3], h[4], h[5]),
          join(h[6], h[7], h[8]),
          join(h[9], h[10], h[11]),
          join(h[12], h[13]),
          join(h[14]));
    }
  }

  /** Outcome of parsing one message: the message, or the anomaly kind that explains why not. */
  record Result(Optional<Hl7Message> message, Optional<String> anomaly) {}

  /** Parses one message as delivered by the MLLP framer. Never throws. */
  static Result parse(byte[] bytes, int length) {
    return parse(bytes, 0, length);
  }

  /**
   * Parses the message in {@code bytes[offset, offset + length)}. Never throws. A message with the
   * same {@link MessageShape} key as one parsed before on this thread gets that one's result: the
   * parse reads nothing the key does not hold, and the results are immutable.
   */
  static Result parse(byte[] bytes, int offset, int length) {
    return MEMO.get().parse(bytes, offset, length);
  }

  private static final ThreadLocal<Memo> MEMO = ThreadLocal.withInitial(Memo::new);

  /**
   * Results by message shape, one per worker thread. A device sends the same few kinds of message
   * over and over, so this holds about one entry per device and message kind (and per receiver, for
   * acknowledgements): a few thousand at a 1,000-device site, some tens of thousands at 20,000
   * devices. It is bounded by entries and by bytes (each entry's key, at most {@link
   * MessageShape#MAX_KEY_BYTES}, and an estimate of its result), so hostile traffic that makes
   * every key unique and long makes it hold about {@link #MAX_BYTES_HELD} at most; it is emptied
   * when full rather than kept in use order, so at worst each kind is parsed again. (A bound of
   * 4,096 entries, tried first, emptied the memo every few seconds at 20,000 devices and made that
   * analysis slower.)
   */
  static final class Memo {
    static final int MAX_ENTRIES = 65_536;

    /**
     * Bytes held at most: each entry counted as its key, the map's per-entry cost and an estimate
     * of what its result holds (its strings and lists, counted even where they are shared).
     */
    static final long MAX_BYTES_HELD = 16L << 20;

    private static final int ENTRY_OVERHEAD_BYTES = 64;

    private final MessageShape shape = new MessageShape();
    private final java.util.HashMap<MessageShape.Key, Result> results = new java.util.HashMap<>();
    private long bytesHeld;

    Result parse(byte[] bytes, int offset, int length) {
      if (!shape.read(bytes, offset, length)) {
        return parseInFull(bytes, offset, length);
      }
      MessageShape.Key probe = shape.probe();
      Result known = results.get(probe);
      if (known == null) {
        MessageShape.Key key = probe.copy();
        known = parseInFull(bytes, offset, length);
        long cost = key.length() + ENTRY_OVERHEAD_BYTES + retainedBytes(known);
        if (results.size() >= MAX_ENTRIES || bytesHeld + cost > MAX_BYTES_HELD) {
          results.clear();
          bytesHeld = 0;
        }
        results.put(key, known);
        bytesHeld += cost;
      }
      return known;
    }
  }

  /** About what a result holds: its strings and lists (a string's header and array counted). */
  static long retainedBytes(Result r) {
    long n = 64 + r.anomaly().map(Hl7MessageParser::stringBytes).orElse(0L);
    if (r.message().isEmpty()) {
      return n;
    }
    Hl7Message m = r.message().get();
    for (Optional<String> s :
        List.of(
            m.sendingApplication(),
            m.sendingFacility(),
            m.receivingApplication(),
            m.receivingFacility(),
            m.messageType(),
            m.version())) {
      n += s.map(Hl7MessageParser::stringBytes).orElse(0L);
    }
    for (List<String> list : List.of(m.deviceIds(), m.udis(), m.deviceSerials())) {
      n += 16 + 4L * list.size();
      for (int i = 0; i < list.size(); i++) {
        n += stringBytes(list.get(i));
      }
    }
    if (m.software().isPresent()) {
      Hl7Message.Software sft = m.software().get();
      n += 32;
      for (Optional<String> s : List.of(sft.vendor(), sft.version(), sft.product())) {
        n += s.map(Hl7MessageParser::stringBytes).orElse(0L);
      }
    }
    // The sender's and the peer's Facts it makes once: two objects and two arrays each, holding
    // the strings counted above (at most 11 values plus the lists).
    int values = 11 + m.deviceIds().size() + m.udis().size() + m.deviceSerials().size();
    n += 2 * (2 * 32 + 2 * 4L * values);
    return n;
  }

  private static long stringBytes(String s) {
    return 48L + s.length();
  }

  /** Parses the message without the memo (for tests, which compare the two). */
  static Result parseInFull(byte[] bytes, int offset, int length) {
    return parseInFull(bytes, offset, length, true);
  }

  /**
   * Parses the message with neither the memo nor the header cache: what both must agree with (the
   * tests' reference).
   */
  static Result parseWithoutCaches(byte[] bytes, int offset, int length) {
    return parseInFull(bytes, offset, length, false);
  }

  private static Result parseInFull(byte[] bytes, int offset, int length, boolean cachedHeaders) {
    String text = stripLeading(decode(bytes, offset, length));
    Optional<Er7Segments> er7 = Er7Segments.read(text);
    if (er7.isEmpty()) {
      return new Result(Optional.empty(), Optional.of("hl7.bad_msh"));
    }
    Er7Segments segments = er7.get();
    Optional<Header> msh =
        cachedHeaders
            ? HEADERS.get().lookup(text, t -> fromHapi(t).map(Header::of))
            : fromHapi(text).map(Header::of);
    Optional<String> anomaly = Optional.empty();
    Header header;
    if (msh.isPresent()) {
      header = msh.get();
    } else {
      // HAPI's pre-parser wants exactly four encoding characters and MSH-12 present; v2.7+ adds a
      // fifth (truncation) character and some senders drop trailing fields. Read MSH ourselves.
      anomaly = Optional.of("hl7.msh_lenient");
      header = Header.of(fromEr7(segments));
    }
    List<String> deviceIds = new ArrayList<>();
    addRepetitions(segments, segments.fields("OBX", 18), deviceIds);
    addRepetitions(segments, segments.fields("PRT", 10), deviceIds);
    List<String> udis = new ArrayList<>();
    addRepetitions(segments, segments.fields("PRT", 16), udis);
    List<String> serials = new ArrayList<>();
    addRepetitions(segments, segments.fields("PRT", 20), serials);
    Hl7Message message =
        new Hl7Message(
            header.sendingApplication(),
            header.sendingFacility(),
            header.receivingApplication(),
            header.receivingFacility(),
            header.messageType(),
            header.version(),
            deviceIds,
            udis,
            serials,
            segments.has("PID"),
            software(segments));
    return new Result(Optional.of(message), anomaly);
  }

  /**
   * The last SFT segment. HL7 v2.5+ allows one SFT per software product that created or transformed
   * the message (section 2.15.12); an interface engine appends its own after the originator's, so
   * the last one is the software closest to the wire, i.e. the sender Ward attributes it to.
   */
  private static Optional<Hl7Message.Software> software(Er7Segments segments) {
    int n = segments.count("SFT");
    if (n == 0) {
      return Optional.empty();
    }
    Optional<String> vendor =
        segments
            .field("SFT", n - 1, 1)
            .flatMap(xon -> segments.component(xon, 1))
            .flatMap(Hl7MessageParser::softwareValue);
    Optional<String> version =
        segments.field("SFT", n - 1, 2).flatMap(Hl7MessageParser::softwareValue);
    Optional<String> product =
        segments.field("SFT", n - 1, 3).flatMap(Hl7MessageParser::softwareValue);
    if (vendor.isEmpty() && version.isEmpty() && product.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new Hl7Message.Software(vendor, version, product));
  }

  /** A cleaned, unescaped, bounded SFT value; empty when blank. */
  private static Optional<String> softwareValue(String raw) {
    String v = clean(unescape(raw));
    if (v.length() > MAX_SOFTWARE_CHARS) {
      v = v.substring(0, MAX_SOFTWARE_CHARS).strip();
    }
    return v.isEmpty() ? Optional.empty() : Optional.of(v);
  }

  private static Optional<String[]> fromHapi(String text) {
    if (text.contains("<MSH.")) {
      // Never let HAPI take the XML path: its SAX pre-parser is not hardened against entities.
      return Optional.empty();
    }
    try {
      String[] values = PreParser.getFields(text, MSH_PATHS);
      return values.length == MSH_PATHS.length ? Optional.of(values) : Optional.empty();
    } catch (HL7Exception | RuntimeException e) {
      // A third-party tokenizer on hostile bytes: any failure means "use the fallback reader".
      return Optional.empty();
    }
  }

  private static String[] fromEr7(Er7Segments segments) {
    String[] header = new String[MSH_PATHS.length];
    int[][] fieldAndComponent = {
      {3, 1}, {3, 2}, {3, 3}, {4, 1}, {4, 2}, {4, 3}, {5, 1}, {5, 2}, {5, 3}, {6, 1}, {6, 2},
      {6, 3}, {9, 1}, {9, 2}, {12, 1}
    };
    for (int i = 0; i < header.length; i++) {
      List<String> field = segments.fields("MSH", fieldAndComponent[i][0]);
      if (!field.isEmpty()) {
        header[i] = segments.component(field.get(0), fieldAndComponent[i][1]).orElse(null);
      }
    }
    return header;
  }

  private static void addRepetitions(Er7Segments segments, List<String> fields, List<String> out) {
    // Indexed loops: the C1-only JIT Ward runs with allocates an iterator for every for-each.
    for (int f = 0; f < fields.size(); f++) {
      List<String> reps = segments.repetitions(fields.get(f));
      for (int r = 0; r < reps.size(); r++) {
        String rep = reps.get(r);
        String value = clean(rep.replace(segments.componentSeparator(), '^'));
        if (!value.isEmpty() && !out.contains(value) && out.size() < MAX_IDS) {
          out.add(value);
        }
      }
    }
  }

  /** Joins components with {@code ^}, dropping trailing empty ones; empty when all are empty. */
  private static Optional<String> join(String... components) {
    // Each component is cleaned once, in place (the array is the caller's scratch copy).
    int last = -1;
    for (int i = 0; i < components.length; i++) {
      components[i] = components[i] == null ? "" : clean(components[i]);
      if (!components[i].isEmpty()) {
        last = i;
      }
    }
    if (last < 0) {
      return Optional.empty();
    }
    if (last == 0) {
      return Optional.of(components[0]); // one component: nothing to join
    }
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i <= last; i++) {
      if (i > 0) {
        sb.append('^');
      }
      sb.append(components[i]);
    }
    return Optional.of(sb.toString());
  }

  /**
   * Resolves the delimiter escapes of HL7 v2.5.1 section 2.7.4 ({@code \F\ \S\ \T\ \R\ \E\},
   * written with the standard escape character); other escapes (formatting, hex, charset) are left
   * as they are.
   */
  static String unescape(String value) {
    if (value.indexOf('\\') < 0) {
      return value;
    }
    StringBuilder sb = new StringBuilder(value.length());
    int i = 0;
    while (i < value.length()) {
      char c = value.charAt(i);
      if (c == '\\' && i + 2 < value.length() && value.charAt(i + 2) == '\\') {
        char r = delimiter(value.charAt(i + 1));
        if (r != 0) {
          sb.append(r);
          i += 3;
          continue;
        }
      }
      sb.append(c);
      i++;
    }
    return sb.toString();
  }

  private static char delimiter(char code) {
    switch (code) {
      case 'F':
        return '|';
      case 'S':
        return '^';
      case 'T':
        return '&';
      case 'R':
        return '~';
      case 'E':
        return '\\';
      default:
        return 0;
    }
  }

  /** Drops control characters and surrounding blanks. */
  static String clean(String value) {
    StringBuilder sb = new StringBuilder(value.length());
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (!Character.isISOControl(c)) {
        sb.append(c);
      }
    }
    return sb.toString().strip();
  }

  /** UTF-8 when the bytes are valid UTF-8 (MSH-18 UNICODE UTF-8), else ISO 8859-1. */
  private static String decode(byte[] bytes, int offset, int length) {
    if (Ascii.isAscii(bytes, offset, offset + length)) {
      // ASCII decodes the same in UTF-8 and ISO 8859-1; Latin-1 is the JDK's cheapest decode.
      return new String(bytes, offset, length, StandardCharsets.ISO_8859_1);
    }
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes, offset, length))
          .toString();
    } catch (CharacterCodingException e) {
      return new String(bytes, offset, length, StandardCharsets.ISO_8859_1);
    }
  }

  /** Skips a byte-order mark and blank lines some senders put before MSH. */
  private static String stripLeading(String text) {
    int i = 0;
    while (i < text.length()
        && (text.charAt(i) == '\uFEFF' || Character.isWhitespace(text.charAt(i)))) {
      i++;
    }
    return text.substring(i);
  }
}

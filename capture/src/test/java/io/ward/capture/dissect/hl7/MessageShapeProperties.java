package io.ward.capture.dissect.hl7;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/**
 * The memo of {@link Hl7MessageParser#parse} may only ever return what a full parse of the message
 * gives: the {@link MessageShape} key must hold everything the parse reads. Messages are drawn from
 * small pools, so that many share a key with an earlier one (the memo lives on across tries) and
 * differ from it only in what the key leaves out, or in one thing it must not leave out.
 */
class MessageShapeProperties {

  /** One memo for every try, as a worker thread keeps one for a whole analysis. */
  private static final Hl7MessageParser.Memo LASTING = new Hl7MessageParser.Memo();

  @Property(tries = 3_000)
  void memoGivesWhatAFullParseGives(@ForAll("messageLists") List<String> messages) {
    assertParsedAsInFull(LASTING, messages);
  }

  @Property(tries = 3_000)
  void aMessageChangedInOneSegmentIsParsedAsItselfAfterTheFirst(
      @ForAll("messages") String framed,
      @ForAll("segments") String replacement,
      @ForAll int which) {
    List<String> segments = segments(framed);
    segments.set(Math.floorMod(which, segments.size()), replacement);
    // A fresh memo that has seen only the first message: if the key missed what changed, the
    // second would get the first one's result.
    assertParsedAsInFull(new Hl7MessageParser.Memo(), List.of(framed, framed(segments)));
  }

  @Property(tries = 5_000)
  void aMessageChangedInOneFieldIsParsedAsItselfAfterTheFirst(
      @ForAll("messages") String framed,
      @ForAll int which,
      @ForAll("fieldNumbers") int field,
      @ForAll("fieldValues") String value) {
    List<String> segments = segments(framed);
    int s = Math.floorMod(which, segments.size());
    List<String> fields = new ArrayList<>(Arrays.asList(segments.get(s).split("\\|", -1)));
    while (fields.size() <= field) {
      fields.add("");
    }
    fields.set(field, value);
    segments.set(s, String.join("|", fields));
    assertParsedAsInFull(new Hl7MessageParser.Memo(), List.of(framed, framed(segments)));
  }

  /** Parses each framed message with {@code memo}, in order, and compares it with a full parse. */
  private static void assertParsedAsInFull(Hl7MessageParser.Memo memo, List<String> framed) {
    for (String m : framed) {
      byte[] bytes = m.getBytes(StandardCharsets.ISO_8859_1);
      assertThat(memo.parse(bytes, 1, bytes.length - 2))
          .as(m)
          .isEqualTo(Hl7MessageParser.parseWithoutCaches(bytes, 1, bytes.length - 2));
    }
  }

  /** The segments of a framed message (its text split at CR). */
  private static List<String> segments(String framed) {
    return new ArrayList<>(Arrays.asList(framed.substring(1, framed.length() - 1).split("\r", -1)));
  }

  private static String framed(List<String> segments) {
    return "\u000b" + String.join("\r", segments) + "\u001c";
  }

  @Provide
  Arbitrary<Integer> fieldNumbers() {
    return Arbitraries.integers().between(1, 22);
  }

  @Provide
  Arbitrary<String> fieldValues() {
    return Arbitraries.of("", "X", "Y^Z", "A~B", "\\F\\", "2.5", " Q ", "&");
  }

  @Property(tries = 2_000)
  void keysOnlyMessagesThatHapiReadsAsEr7(@ForAll("messages") String framed) {
    String text = framed.substring(1, framed.length() - 1);
    byte[] bytes = text.getBytes(StandardCharsets.ISO_8859_1);
    if (new MessageShape().read(bytes, 0, bytes.length)) {
      assertThat(MshHeaderCache.er7(text)).as(text).isTrue();
    }
  }

  @Test
  void makesNoKeyWhenALaterSegmentBreaksTheEr7Check() {
    String ok = MONITOR.formatted("20240101120000", "1", "DOE^JOHN", "72");
    assertThat(new MessageShape().read(bytes(ok), 0, ok.length())).isTrue();
    for (String bad : List.of(ok + "OBXX|1", ok + " \n OBXX", ok + "\r\r  ZZZZ")) {
      assertThat(MshHeaderCache.er7(bad)).as(bad).isFalse();
      assertThat(new MessageShape().read(bytes(bad), 0, bad.length())).as(bad).isFalse();
    }
    for (String fine : List.of(ok + "PID", ok + " \n PID", ok + "\r\r  ", ok + "\r\r")) {
      assertThat(MshHeaderCache.er7(fine)).as(fine).isTrue();
      assertThat(new MessageShape().read(bytes(fine), 0, fine.length())).as(fine).isTrue();
    }
  }

  @Test
  void keysOnlyWhatTheParseReadsSoTimesAndPatientsShareOneEntry() {
    MessageShape a = new MessageShape();
    MessageShape b = new MessageShape();
    String one = MONITOR.formatted("20240101120000", "1", "DOE^JOHN", "72");
    String two = MONITOR.formatted("20240101120005", "2", "ROE^JANE", "80");
    String otherDevice = one.replace("SN-1^", "SN-2^");
    assertThat(a.read(bytes(one), 0, one.length())).isTrue();
    assertThat(b.read(bytes(two), 0, two.length())).isTrue();
    assertThat(a.key()).isEqualTo(b.key());
    assertThat(
            Hl7MessageParser.parseWithoutCaches(bytes(one), 0, one.length())
                .message()
                .orElseThrow())
        .extracting(Hl7Message::deviceIds)
        .isEqualTo(List.of("SN-1^MON^EUI"));
    assertThat(b.read(bytes(otherDevice), 0, otherDevice.length())).isTrue();
    assertThat(a.key()).isNotEqualTo(b.key());
    String notAscii = one.replace("DOE", "DÖE");
    assertThat(a.read(bytes(notAscii), 0, notAscii.length())).isFalse();
    String leadingBlank = " " + one;
    assertThat(a.read(bytes(leadingBlank), 0, leadingBlank.length())).isFalse();
  }

  @Test
  void keepsAKeyWhenTheNextReadReusesTheBufferButNotAProbe() {
    MessageShape shape = new MessageShape();
    String one = MONITOR.formatted("20240101120000", "1", "DOE^JOHN", "72");
    String other = one.replace("SN-1^", "SN-2^");
    assertThat(shape.read(bytes(one), 0, one.length())).isTrue();
    MessageShape.Key kept = shape.key();
    MessageShape.Key probe = shape.probe();
    assertThat(probe).isEqualTo(kept).hasSameHashCodeAs(kept);
    assertThat(probe.compareTo(kept)).isZero();

    assertThat(shape.read(bytes(other), 0, other.length())).isTrue();
    assertThat(shape.probe()).isNotEqualTo(kept);
    assertThat(probe).as("a probe views the reused buffer").isNotEqualTo(kept);
    MessageShape fresh = new MessageShape();
    assertThat(fresh.read(bytes(one), 0, one.length())).isTrue();
    assertThat(kept).isEqualTo(fresh.key()).hasSameHashCodeAs(fresh.key());
    assertThat(kept.length()).isEqualTo(fresh.key().length());
  }

  /**
   * Hostile traffic can make keys whose hashes collide: they must still be told apart by content.
   * Keys of one length are made until two hashes collide (a 32-bit hash collides within about
   * 80,000 keys by the birthday bound), then compared.
   */
  @Test
  void tellsApartKeysWhoseHashesCollide() {
    MessageShape shape = new MessageShape();
    java.util.Map<Integer, MessageShape.Key> byHash = new java.util.HashMap<>();
    for (int i = 100_000; i < 1_000_000; i++) {
      String m =
          MONITOR
              .formatted("20240101120000", "1", "DOE^JOHN", "72")
              .replace("SN-1^", "SN-" + i + "^");
      assertThat(shape.read(bytes(m), 0, m.length())).isTrue();
      MessageShape.Key key = shape.key();
      MessageShape.Key earlier = byHash.putIfAbsent(key.hashCode(), key);
      if (earlier != null) {
        assertThat(key).isNotEqualTo(earlier);
        assertThat(shape.probe()).isNotEqualTo(earlier);
        assertThat(key.compareTo(earlier)).isNotZero();
        return;
      }
    }
    throw new AssertionError(
        "no two of 900,000 keys share a hash: is the hash wider than 32 bits?");
  }

  @Test
  void makesNoKeyWhenTheFieldSeparatorIsAmongTheEncodingCharacters() {
    // HAPI reads indexes 4-7 as MSH-2 whatever they hold: counted from index 3, as the key and the
    // header cache count, the masked fields 7 and 10 would be HAPI's MSH-6 and MSH-9 (found by a
    // review: these two messages differ only there).
    String a = "MSH|^~|&|APP|FAC|RAPP|RFAC1|20240101||ORU^R01|1|P|2.5\rPID|1";
    String b = "MSH|^~|&|APP|FAC|RAPP|RFAC2|20240101||ACK^A01|1|P|2.5\rPID|1";
    assertThat(new MessageShape().read(bytes(a), 0, a.length())).isFalse();
    assertThat(MshHeaderCache.maskedHeader(a)).isNull();
    Hl7MessageParser.Memo memo = new Hl7MessageParser.Memo();
    for (String m : List.of(a, b, a)) {
      assertThat(memo.parse(bytes(m), 0, m.length()))
          .isEqualTo(Hl7MessageParser.parseInFull(bytes(m), 0, m.length()))
          .isEqualTo(Hl7MessageParser.parseWithoutCaches(bytes(m), 0, m.length()));
    }
  }

  @Test
  void countsWhatAResultHoldsTowardsTheMemoBound() {
    // Short repetitions make a short key but many strings: the bound must count the strings.
    String ids = String.join("~", IntStream.range(0, 40).mapToObj(i -> "d" + i).toList());
    String m = MONITOR.formatted("1", "1", "X", "1") + "PRT|1|||||||||" + ids + "\r";
    Hl7MessageParser.Result r = Hl7MessageParser.parseWithoutCaches(bytes(m), 0, m.length());
    assertThat(r.message().orElseThrow().deviceIds()).hasSize(Hl7MessageParser.MAX_IDS);
    assertThat(Hl7MessageParser.retainedBytes(r)).isGreaterThan(Hl7MessageParser.MAX_IDS * 48L);
  }

  @Test
  void keysALaterMshSegmentWhichTheLenientHeaderReadingConsults() {
    // Five encoding characters: HAPI refuses the header, and the lenient reading takes MSH-12,
    // absent from the first MSH, from the next MSH segment (found by the generated properties).
    String head = "MSH|^~\\&#|MON|ICU|EHR|H|||ORU^R01||P\r" + OBX + "SN-1\r";
    Hl7MessageParser.Memo memo = new Hl7MessageParser.Memo();
    for (String version : List.of("2.6", "2.3")) {
      String m = head + "MSH|^~\\&|MON|ICU|EHR|H|||ORU^R01||P|" + version;
      Hl7MessageParser.Result r = memo.parse(bytes(m), 0, m.length());
      assertThat(r.message().orElseThrow().version()).contains(version);
      assertThat(r).isEqualTo(Hl7MessageParser.parseWithoutCaches(bytes(m), 0, m.length()));
    }
  }

  @Test
  void makesNoKeyLongerThanItsBoundAndParsesSuchMessagesInFull() {
    String longSft = MONITOR.formatted("1", "1", "X", "1") + "SFT|" + "A".repeat(3_000) + "|1.0\r";
    MessageShape shape = new MessageShape();
    assertThat(shape.read(bytes(longSft), 0, longSft.length())).isFalse();
    Hl7MessageParser.Result r = Hl7MessageParser.parse(bytes(longSft), 0, longSft.length());
    assertThat(r)
        .isEqualTo(Hl7MessageParser.parseWithoutCaches(bytes(longSft), 0, longSft.length()));
    assertThat(r.message().orElseThrow().software().orElseThrow().version()).contains("1.0");
    String ok = MONITOR.formatted("1", "1", "X", "1");
    assertThat(shape.read(bytes(ok), 0, ok.length())).isTrue(); // the scratch is reusable
  }

  private static final String MONITOR =
      "MSH|^~\\&|MON|ICU|EHR|H|%s||ORU^R01|%s|P|2.6\r"
          + "SFT|Acme^L|1.2|Monitor|X\r"
          + "PID|1||123||%s\r"
          + "OBX|1|NM|HR||%s||||||R|||||||SN-1^MON^EUI\r"; // OBX-18: the device

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.ISO_8859_1);
  }

  /** An OBX segment up to its field 18 (equipment instance identifier). */
  private static final String OBX = "OBX|1|NM|HR||72||||||R|||||||";

  @Provide
  Arbitrary<List<String>> messageLists() {
    return messages().list().ofMaxSize(6);
  }

  /** A segment, or a first segment, to put in place of one of a message's. */
  @Provide
  Arbitrary<String> segments() {
    return Arbitraries.oneOf(segment(), header(), Arbitraries.of(""));
  }

  /** Messages with a byte before and after, so the parse is asked for a slice of its array. */
  @Provide
  Arbitrary<String> messages() {
    Arbitrary<String> msh = header();
    Arbitrary<String> segment = segment();
    Arbitrary<String> separator = Arbitraries.of("\r", "\r", "\n", "\r\n", "\r\r", "\r ");
    Arbitrary<List<String>> body =
        Combinators.combine(segment, separator).as(String::concat).list().ofMaxSize(6);
    Arbitrary<String> odd = Arbitraries.of("", "", "", "\u00e9", "\r");
    return Combinators.combine(msh, separator, body, odd)
        .as((h, sep, b, o) -> "\u000b" + h + sep + String.join("", b) + o + "\u001c");
  }

  /** First segments: kinds of MSH, a few malformed, with any time and control id. */
  private Arbitrary<String> header() {
    return Combinators.combine(
            Arbitraries.of(
                "MSH|^~\\&|",
                "MSH|^~\\&#|",
                "MSH!^~\\&!",
                "MSH|^~|",
                " MSH|^~\\&|",
                "MSH|^~|&|",
                "MSH|^~\\||"),
            Arbitraries.of("MON", "MON^X", "PUMP", "", "M\\F\\N"),
            Arbitraries.of("|ICU|EHR|H|", "|ICU|EHR|", "|ICU\f|EHR|H|", "|"),
            Arbitraries.strings().numeric().ofMaxLength(3),
            Arbitraries.of("||ORU^R01|", "||ADT^A01|", "|x|ORU^R01|"),
            Arbitraries.strings().numeric().ofMaxLength(2),
            Arbitraries.of("|P|2.6", "|P|2.5.1|||||||", "|P", "|P|2.6|<MSH.x"))
        .as((a, app, mid, time, type, id, tail) -> a + app + mid + time + type + id + tail);
  }

  private Arbitrary<String> segment() {
    return Arbitraries.of(
        OBX + "SN-1^MON^EUI",
        OBX.replace("72", "80") + "SN-1^MON^EUI~SN-9",
        OBX + "SN-1^MON^EUI|x",
        OBX,
        OBX + " SN-1 ",
        OBX + "SN-2&A^MON",
        "OBX|1|NM|HR||80",
        "OBX",
        "PRT|1|||||||||DEV-1|||||||(01)0123||||SER-1",
        "PRT|1|||||||||DEV-1|||||||(01)9999||||SER-1",
        "PRT|1|||||||||DEV-1|||||||(01)0123||||SER-2",
        "PRT|1|||||||||DEV-2",
        "PID|1||123||DOE^JOHN",
        "PID",
        "SFT|Acme^L|1.2|Monitor|X",
        "SFT|Ac\\S\\me^L|1.3|Monitor",
        "SFT|||",
        "PV1|1|I|BED",
        "OBXX|1",
        "ZZZ|<MSH.",
        "obx|1",
        "OBR|1|||x|||20240101",
        "MSH|^~\\&|MON|ICU|EHR|H|||ORU^R01||P|2.6");
  }
}

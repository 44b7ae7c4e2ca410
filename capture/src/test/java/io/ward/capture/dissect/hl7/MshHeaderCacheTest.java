package io.ward.capture.dissect.hl7;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.hl7v2.preparser.PreParser;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.AlphaChars;
import net.jqwik.api.constraints.NumericChars;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

class MshHeaderCacheTest {

  private static final String[] PATHS = {"MSH-3-1", "MSH-4-1", "MSH-9-1", "MSH-9-2", "MSH-12-1"};

  private final AtomicInteger hapiCalls = new AtomicInteger();

  private final MshHeaderCache<String[]> cache = new MshHeaderCache<>();

  private final Function<String, Optional<String[]>> hapi =
      text -> {
        hapiCalls.incrementAndGet();
        return uncached(text);
      };

  private static Optional<String[]> uncached(String text) {
    try {
      return Optional.of(PreParser.getFields(text, PATHS));
    } catch (Exception e) {
      return Optional.empty();
    }
  }

  private static String message(String app, String time, String controlId, String body) {
    return "MSH|^~\\&|"
        + app
        + "|ICU|EMR|H|"
        + time
        + "||ORU^R01|"
        + controlId
        + "|P|2.5.1\r"
        + body;
  }

  @Test
  void shouldParseEachHeaderShapeOnceWhateverItsTimeAndControlId() {
    String first = message("MONITOR-CACHE-1", "20240101120000", "1", "OBX|1|NM|x||1\r");
    String second = message("MONITOR-CACHE-1", "20240102", "99999", "OBX|1|NM|y||2\r");

    Optional<String[]> a = cache.lookup(first, hapi);
    Optional<String[]> b = cache.lookup(second, hapi);

    assertThat(hapiCalls).hasValue(1);
    assertThat(a.orElseThrow()).containsExactly(uncached(first).orElseThrow());
    assertThat(b.orElseThrow()).containsExactly(uncached(second).orElseThrow());
  }

  @Test
  void shouldStillAskHapiWhenTheBodyIsNotEr7AlthoughTheHeaderWasSeen() {
    String good = message("MONITOR-CACHE-2", "1", "1", "PID|1\r");
    String badBody = message("MONITOR-CACHE-2", "2", "2", "PID#1\r");
    cache.lookup(good, hapi);

    assertThat(cache.lookup(badBody, hapi)).isEqualTo(uncached(badBody)).isEmpty();
  }

  @Test
  void shouldNotCacheTheRefusalOfAMessageThatMentionsXmlMshInItsBody() {
    // The parser refuses to hand HAPI any text with "<MSH." in it; that depends on the body, so a
    // refused message must not decide for later ones with the same header, nor the reverse.
    String xmlish = message("MONITOR-CACHE-3", "1", "1", "OBX|1|ST|x||<MSH.3>\r");
    String clean = message("MONITOR-CACHE-3", "2", "2", "OBX|1|ST|x||fine\r");
    Function<String, Optional<String[]>> refusing =
        text -> text.contains("<MSH.") ? Optional.empty() : hapi.apply(text);

    assertThat(cache.lookup(xmlish, refusing)).isEmpty();
    assertThat(cache.lookup(clean, refusing)).isPresent();
    assertThat(cache.lookup(xmlish, refusing)).isEmpty();
    assertThat(Hl7MessageParser.parse(bytes(xmlish), xmlish.length()).anomaly())
        .contains("hl7.msh_lenient");
    assertThat(Hl7MessageParser.parse(bytes(clean), clean.length()).anomaly()).isEmpty();
  }

  private static byte[] bytes(String text) {
    return text.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
  }

  @Test
  void shouldMaskOnlyTheTimeAndControlIdFields() {
    assertThat(MshHeaderCache.maskedHeader(message("A", "2024", "77", "PID|1\r")))
        .isEqualTo("MSH|^~\\&|A|ICU|EMR|H|||ORU^R01||P|2.5.1");
  }

  @Property
  void shouldAnswerAsHapiDoesForAnyTimeControlIdAndBody(
      @ForAll @AlphaChars @StringLength(min = 1, max = 6) String app,
      @ForAll @NumericChars @StringLength(max = 14) String time,
      @ForAll @StringLength(max = 12) String controlId,
      @ForAll @StringLength(max = 30) String body) {
    String text = message(app, time, controlId, body);
    Optional<String[]> expected = uncached(text);

    Optional<String[]> actual = cache.lookup(text, hapi);

    assertThat(actual.isPresent()).isEqualTo(expected.isPresent());
    actual.ifPresent(v -> assertThat(v).containsExactly(expected.get()));
  }
}

package io.ward.capture.dissect.hl7;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.hl7v2.parser.EncodingDetector;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/**
 * Ward's own ER7 check must say exactly what HAPI's {@link EncodingDetector#isEr7Encoded} says: the
 * header cache trusts it to decide when HAPI's answer can be reused.
 */
class Er7CheckProperties {

  @Property(tries = 3_000)
  void agreesWithHapiOnMessageLikeText(@ForAll("messageLike") String text) {
    assertThat(MshHeaderCache.er7(text)).as(text).isEqualTo(EncodingDetector.isEr7Encoded(text));
  }

  @Property(tries = 1_000)
  void agreesWithHapiOnAnyText(@ForAll String text) {
    assertThat(MshHeaderCache.er7(text)).isEqualTo(EncodingDetector.isEr7Encoded(text));
  }

  @Test
  void decidesTheCasesThatMatter() {
    String ok = "MSH|^~\\&|MON|ICU|EHR|HOSP|20240101||ORU^R01|1|P|2.5\rPID|1\r\n OBX|1";
    assertThat(MshHeaderCache.er7(ok)).isTrue();
    assertThat(MshHeaderCache.er7(ok.replace("OBX|1", "OBX!1"))).isFalse(); // 4th char not '|'
    assertThat(MshHeaderCache.er7("MSH|^~\\&|A|B|C|D|E||F|G|H")).isFalse(); // no MSH-12
    assertThat(MshHeaderCache.er7("MSA|x|x|x|x|x|x|x|x|x|x|x|x")).isFalse();
    assertThat(MshHeaderCache.er7("MSH")).isFalse();
    for (String text : List.of(ok, "MSH|^~\\&|A|B|C|D|E||F|G|H", "\r\r\r")) {
      assertThat(MshHeaderCache.er7(text)).isEqualTo(EncodingDetector.isEr7Encoded(text));
    }
  }

  /** Segments made of the characters the check looks at, mostly starting with MSH. */
  @Provide
  Arbitrary<String> messageLike() {
    Arbitrary<String> segment =
        Arbitraries.strings().withChars("MSHPIDOBX|^!\r\n \t").ofMinLength(0).ofMaxLength(20);
    Arbitrary<String> body = segment.list().ofMaxSize(8).map(s -> String.join("\r", s));
    Arbitrary<String> separators =
        Arbitraries.strings().withChars("|").ofMinLength(0).ofMaxLength(14);
    return Combinators.combine(Arbitraries.of("MSH|", "MSH!", "MS", "", " MSH|"), separators, body)
        .as((head, seps, rest) -> head + seps + rest);
  }
}

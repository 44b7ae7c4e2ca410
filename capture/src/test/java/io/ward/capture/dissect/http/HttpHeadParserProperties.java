package io.ward.capture.dissect.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.ward.capture.dissect.testing.DissectorDriver;
import io.ward.capture.dissect.testing.RecordingFlowContext;
import java.nio.charset.StandardCharsets;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;

class HttpHeadParserProperties {

  @Property(tries = 2_000)
  void shouldCleanValuesAsTheCharacterByCharacterCopyDoes(@ForAll("rawValues") String value) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < value.length() && sb.length() < HttpHeadParser.MAX_VALUE_CHARS; i++) {
      char c = value.charAt(i);
      sb.append(c < 0x20 || c == 0x7F ? '.' : c);
    }
    assertThat(HttpHeadParser.clean(value)).isEqualTo(sb.toString().trim());
  }

  @Provide
  Arbitrary<String> rawValues() {
    Arbitrary<String> text =
        Arbitraries.strings().withChars(" \t\u007f\u0001\u00e9abc").ofMaxLength(40);
    Arbitrary<String> longText =
        Arbitraries.strings()
            .withChars(" a")
            .ofMinLength(HttpHeadParser.MAX_VALUE_CHARS - 5)
            .ofMaxLength(HttpHeadParser.MAX_VALUE_CHARS + 5);
    return Arbitraries.oneOf(text, longText);
  }

  @Property
  void shouldNeverThrowOnRandomBytes(@ForAll @Size(max = 3000) byte[] bytes, @ForAll boolean c) {
    HttpHeadParser.parse(bytes, 0, bytes.length);
    DissectorDriver d =
        new DissectorDriver(new HttpDissector(), RecordingFlowContext.between(1, 80));
    d.feedUnprobed(c, 1L, bytes);
    d.close();
  }

  @Property(tries = 2_000)
  void shouldSplitLinesAsTheRegexDoes(@ForAll("lineText") String text) {
    assertThat(HttpHeadParser.lines(text)).containsExactly(text.split("\r?\n", -1));
  }

  @Provide
  Arbitrary<String> lineText() {
    return Arbitraries.strings().withChars("ab \r\n:").ofMaxLength(24);
  }

  @Property
  void shouldRoundTripHostAndUserAgent(@ForAll("values") String host, @ForAll("values") String ua) {
    byte[] head =
        ("GET / HTTP/1.1\r\nHost: " + host + "\r\nUser-Agent: " + ua + "\r\n")
            .getBytes(StandardCharsets.ISO_8859_1);

    HttpMessage m = HttpHeadParser.parse(head, 0, head.length).orElseThrow();

    assertThat(m.header("host")).contains(host);
    assertThat(m.header("USER-AGENT")).contains(ua);
  }

  @Provide
  Arbitrary<String> values() {
    return Arbitraries.strings().withCharRange('!', '~').ofMinLength(1).ofMaxLength(200);
  }
}

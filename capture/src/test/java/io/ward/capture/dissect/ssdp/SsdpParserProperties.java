package io.ward.capture.dissect.ssdp;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;

class SsdpParserProperties {

  @Property
  void shouldNeverThrowOnRandomBytes(@ForAll @Size(max = 2000) byte[] bytes) {
    SsdpParser.parse(bytes, 0, bytes.length);
    WsdParser.parse(bytes, 0, bytes.length);
  }

  @Property
  void shouldNeverThrowOnRandomTextAfterValidStartLine(@ForAll("text") String rest) {
    byte[] b = ("NOTIFY * HTTP/1.1\r\n" + rest).getBytes(StandardCharsets.UTF_8);

    assertThat(SsdpParser.parse(b, 0, b.length)).isPresent();
  }

  @Property
  void shouldRoundTripServerHeader(@ForAll("values") String server) {
    byte[] b =
        ("NOTIFY * HTTP/1.1\r\nSERVER: " + server + "\r\n\r\n").getBytes(StandardCharsets.UTF_8);

    assertThat(SsdpParser.parse(b, 0, b.length).orElseThrow().header("SERVER")).contains(server);
  }

  @Provide
  Arbitrary<String> text() {
    return Arbitraries.strings().ofMaxLength(500);
  }

  @Provide
  Arbitrary<String> values() {
    return Arbitraries.strings().withCharRange('!', '~').ofMinLength(1).ofMaxLength(100);
  }
}

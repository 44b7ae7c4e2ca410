package io.ward.capture.dissect.dns;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;

class DnsParserProperties {

  @Property
  void shouldNeverThrowOnRandomBytes(@ForAll @Size(max = 600) byte[] bytes, @ForAll boolean nb) {
    DnsParser.parse(bytes, 0, bytes.length, nb);
    DnsParser.looksLikeDns(bytes, 0, bytes.length, nb);
  }

  @Property
  void shouldNeverThrowOnRandomBodyAfterPlausibleHeader(
      @ForAll @Size(max = 400) byte[] body, @ForAll boolean nb) {
    byte[] b = new byte[12 + body.length];
    b[5] = 1;
    b[7] = 3;
    b[11] = 2;
    System.arraycopy(body, 0, b, 12, body.length);

    assertThat(DnsParser.parse(b, 0, b.length, nb)).isPresent();
  }

  @Property
  void shouldRoundTripQuestionNames(@ForAll("names") List<String> labels) {
    String name = String.join(".", labels);
    byte[] b = DnsBytes.query(1).question(name, 1).build();

    DnsMessage m = DnsParser.parse(b, 0, b.length, false).orElseThrow();

    assertThat(m.questions()).extracting(DnsQuestion::name).containsExactly(name);
  }

  @Property
  void shouldRoundTripAddressRecordsBehindCompressionPointers(
      @ForAll("names") List<String> labels, @ForAll byte a, @ForAll byte d) {
    String name = String.join(".", labels);
    byte[] b =
        DnsBytes.response(1, 1, 0, 0)
            .question(name, 1)
            .pointer(12)
            .rr(1, 4)
            .bytes(a & 0xFF, 0, 0, d & 0xFF)
            .build();

    DnsMessage m = DnsParser.parse(b, 0, b.length, false).orElseThrow();

    assertThat(m.answers()).extracting(DnsRecord::name).containsExactly(name);
  }

  @Provide
  Arbitrary<List<String>> names() {
    return Arbitraries.strings()
        .withChars("abcdefghijklmnopqrstuvwxyz0123456789-_")
        .ofMinLength(1)
        .ofMaxLength(20)
        .list()
        .ofMinSize(1)
        .ofMaxSize(6);
  }
}

package io.ward.capture.dissect.poct;

import static org.assertj.core.api.Assertions.assertThat;

import io.ward.capture.dissect.testing.FuzzSeeds;
import java.util.Arrays;
import java.util.List;
import javax.xml.stream.XMLInputFactory;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The parser reuses one StAX reader per thread. Whatever a message did to the reader before
 * (malformed XML, a DTD, too deep, cut short), the next message parses exactly as it does with a
 * reader of its own.
 */
class PoctParserReuseProperties {

  // The seeds start with the one framing byte the dissector strips.
  private static final List<byte[]> SEEDS =
      FuzzSeeds.load(PoctDissectorFuzzTest.class, "fuzzDissector").stream()
          .map(s -> Arrays.copyOfRange(s, 1, s.length))
          .toList();

  @Provide
  Arbitrary<byte[]> messages() {
    Arbitrary<byte[]> mutated =
        Combinators.combine(
                Arbitraries.of(SEEDS),
                Arbitraries.integers().between(0, 1 << 20),
                Arbitraries.bytes(),
                Arbitraries.integers().between(1, 100))
            .as(
                (seed, position, value, keepPercent) -> {
                  byte[] b = seed.clone();
                  b[position % b.length] = value;
                  return Arrays.copyOf(b, Math.max(1, b.length * keepPercent / 100));
                });
    Arbitrary<byte[]> hostile =
        Arbitraries.of(
                "<!DOCTYPE x [<!ENTITY e SYSTEM 'file:///etc/passwd'>]><x>&e;</x>",
                "<a><b><c>",
                "<a x='1' x='2'/>",
                "</a>",
                "")
            .map(s -> s.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    return Arbitraries.oneOf(Arbitraries.of(SEEDS), mutated, hostile);
  }

  @Property(tries = 300)
  void parsesEachMessageAsAFreshReaderWould(@ForAll("sequences") List<byte[]> messages) {
    XMLInputFactory reusing = PoctParser.hardenedFactory(true);
    for (byte[] m : messages) {
      assertThat(PoctParser.parse(m, 0, m.length, reusing))
          .isEqualTo(PoctParser.parse(m, 0, m.length, PoctParser.hardenedFactory(false)));
    }
  }

  /** Else the property above would not exercise any reuse. */
  @org.junit.jupiter.api.Test
  void theJdkFactoryHandsBackItsClosedReader() throws Exception {
    XMLInputFactory reusing = PoctParser.hardenedFactory(true);
    byte[] m = SEEDS.get(0);
    javax.xml.stream.XMLStreamReader first =
        reusing.createXMLStreamReader(new java.io.ByteArrayInputStream(m));
    first.close();
    assertThat(reusing.createXMLStreamReader(new java.io.ByteArrayInputStream(m))).isSameAs(first);
  }

  @Provide
  Arbitrary<List<byte[]>> sequences() {
    return messages().list().ofMinSize(2).ofMaxSize(6);
  }
}

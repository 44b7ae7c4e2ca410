package io.ward.capture.dissect.poct;

import static org.assertj.core.api.Assertions.assertThat;

import io.ward.capture.dissect.testing.FuzzSeeds;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import javax.xml.stream.XMLInputFactory;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/**
 * The parser reads with Woodstox, chosen for speed; the JDK's own StAX parser, hardened alike, is
 * the reference: for the fuzz seeds, mutations of them and hostile documents (a DTD, an external
 * entity, unclosed or repeated parts), both give the same message or the same anomaly. One factory
 * serves a sequence of messages, as one serves a worker thread, so nothing a message did to the
 * parser before (malformed XML, a DTD, too deep, cut short) changes how the next one parses.
 */
class PoctParserOracleProperties {

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
            .map(s -> s.getBytes(StandardCharsets.UTF_8));
    return Arbitraries.oneOf(Arbitraries.of(SEEDS), mutated, hostile);
  }

  @Property(tries = 1_000)
  void parsesEachMessageAsTheJdkParserDoes(@ForAll("sequences") List<byte[]> messages) {
    XMLInputFactory woodstox = PoctParser.hardenedFactory();
    for (byte[] m : messages) {
      assertThat(PoctParser.parse(m, 0, m.length, woodstox))
          .as("%s", new String(m, StandardCharsets.ISO_8859_1))
          .isEqualTo(PoctParser.parse(m, 0, m.length, jdkFactory()));
    }
  }

  /** Else the property above would compare the parser with itself. */
  @Test
  void theParserIsWoodstoxAndTheReferenceTheJdks() {
    assertThat(PoctParser.hardenedFactory().getClass().getName()).startsWith("com.ctc.wstx.");
    assertThat(jdkFactory().getClass().getName()).startsWith("com.sun.xml.internal.stream.");
  }

  @Test
  void aDocumentTypeDeclarationEndsTheParseWithBoth() {
    byte[] m =
        ("<?xml version=\"1.0\"?><!DOCTYPE HEL.R01 [<!ENTITY a \"aaaa\">]><HEL.R01><DEV>"
                + "<DEV.vendor_id V=\"&a;\"/></DEV></HEL.R01>")
            .getBytes(StandardCharsets.UTF_8);
    PoctParser.Result expected =
        new PoctParser.Result(java.util.Optional.empty(), java.util.Optional.of("poct.dtd"));
    assertThat(PoctParser.parse(m, 0, m.length, PoctParser.hardenedFactory())).isEqualTo(expected);
    assertThat(PoctParser.parse(m, 0, m.length, jdkFactory())).isEqualTo(expected);
  }

  private static XMLInputFactory jdkFactory() {
    return PoctParser.harden(XMLInputFactory.newDefaultFactory());
  }

  @Provide
  Arbitrary<List<byte[]>> sequences() {
    return messages().list().ofMinSize(2).ofMaxSize(6);
  }
}

package io.ward.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * One value's lower-case forms, made once and shared by every fingerprint of its field, give each
 * fingerprint the same result as testing the value alone.
 */
class ObservedValueProperties {

  private static List<Fingerprint> fingerprints;

  @BeforeContainer
  static void load() throws Exception {
    fingerprints =
        KnowledgeBase.load(Optional.empty(), Path.of("/nonexistent-ieee-data")).fingerprints();
  }

  @Property(tries = 2_000)
  void lowerCaseFormsAreTheirDefinitions(@ForAll("values") String value) {
    ObservedValue v = new ObservedValue(value);
    assertThat(v.rootLowerCase()).isEqualTo(value.toLowerCase(Locale.ROOT));
    StringBuilder ascii = new StringBuilder();
    value.chars().forEach(c -> ascii.append((char) (c >= 'A' && c <= 'Z' ? c + 32 : c)));
    assertThat(v.asciiLowerCase()).isEqualTo(ascii.toString());
    assertThat(v.value()).isSameAs(value);
  }

  @Property(tries = 300)
  void everyBundledFingerprintAnswersASharedValueAsTheValueAlone(@ForAll("values") String value) {
    ObservedValue shared = new ObservedValue(value);
    for (Fingerprint fp : fingerprints) {
      assertThat(fp.apply(shared)).as(fp.id() + " on " + value).isEqualTo(fp.apply(value));
    }
  }

  /**
   * Values close to what the fingerprints look for: their own literals and expression text in mixed
   * case, with non-ASCII letters whose lower case differs between the two forms (the Kelvin sign,
   * dotted capital I), and random text.
   */
  @Provide
  Arbitrary<String> values() {
    Arbitrary<String> seeds =
        Arbitraries.of(fingerprints)
            .map(fp -> fp.matcher().text().replaceAll("[\\\\^$()?:<!\\[\\]*+.|{}]", ""));
    Arbitrary<String> mixedCase =
        seeds.flatMap(
            s ->
                Arbitraries.integers()
                    .between(0, Math.max(0, s.length()))
                    .map(n -> s.substring(0, n).toUpperCase(Locale.ROOT) + s.substring(n)));
    Arbitrary<String> odd =
        Arbitraries.strings().withChars("aZ \u212A\u0130\u00C9-_/.0x").ofMaxLength(16);
    return Arbitraries.oneOf(mixedCase, seeds, odd, Arbitraries.strings().ofMaxLength(24));
  }
}

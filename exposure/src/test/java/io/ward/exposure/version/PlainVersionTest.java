package io.ward.exposure.version;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/** The plain-version shortcut of {@link LegacyRanges#parse} reads what the patterns read. */
class PlainVersionTest {

  @Provide
  Arbitrary<String> texts() {
    return Arbitraries.oneOf(
        Arbitraries.strings().withChars("0123456789._abkpzTO").ofMinLength(1).ofMaxLength(12),
        Arbitraries.strings().withChars("0123456789.").ofMinLength(1).ofMaxLength(10),
        Arbitraries.of("1.0.2k", "4.14.3", "1.7.0_45", "2to3", "1.a.b", "10.0.19041.1", "1.0..2"));
  }

  @Property(tries = 3000)
  void shouldReadPlainVersionsAsThePatternsDo(@ForAll("texts") String text) {
    assertThat(LegacyRanges.parse(text)).isEqualTo(LegacyRanges.parsePatterns(text));
  }

  @Test
  void shouldLeaveWordsDashesAndSpacesToThePatterns() {
    assertThat(LegacyRanges.plainVersion("1.0.2k")).isTrue();
    assertThat(LegacyRanges.plainVersion("2to3")).isFalse();
    assertThat(LegacyRanges.plainVersion("4.2.1-b17")).isFalse();
    assertThat(LegacyRanges.plainVersion("V2.1.3 SP2")).isFalse();
    assertThat(LegacyRanges.plainVersion("1.2.")).isFalse();
  }
}

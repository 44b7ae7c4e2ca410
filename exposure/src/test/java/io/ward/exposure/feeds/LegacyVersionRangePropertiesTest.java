package io.ward.exposure.feeds;

import static org.assertj.core.api.Assertions.assertThat;

import io.ward.exposure.version.LegacyRanges;
import io.ward.exposure.version.Vers;
import io.ward.model.exposure.VersionConstraint;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class LegacyVersionRangePropertiesTest {

  @Property(tries = 500)
  void shouldNeverThrowAndOnlyGiveRangesTheMatcherCanRead(@ForAll("advisoryText") String text) {
    VersionConstraint c = LegacyVersionRange.constraint(text);

    if (c instanceof VersionConstraint.Legacy legacy) {
      assertThat(legacy.text()).isEqualTo(text.strip());
      legacy.interpreted().ifPresent(v -> assertThat(Vers.tryParse(v.vers())).isPresent());
    } else {
      assertThat(c).isInstanceOf(VersionConstraint.Vers.class);
    }
  }

  @Property(tries = 300)
  void shouldReadAnUpperBoundWrittenWithOrWithoutSpaces(
      @ForAll("versions") String version, @ForAll boolean space) {
    VersionConstraint c = LegacyVersionRange.constraint("<=" + (space ? " " : "") + version);

    assertThat(c).isInstanceOf(VersionConstraint.Legacy.class);
    assertThat(((VersionConstraint.Legacy) c).interpreted())
        .hasValueSatisfying(v -> assertThat(v.vers()).isEqualTo("vers:generic/<=" + version));
  }

  @Example
  void shouldKeepTheTextAndLeaveDatesAndWildcardsUnread() {
    assertThat(LegacyVersionRange.constraint("vers:all/*"))
        .isEqualTo(new VersionConstraint.Vers("vers:all/*"));
    assertThat(
            ((VersionConstraint.Legacy) LegacyVersionRange.constraint("<8/30/2024")).interpreted())
        .isEmpty();
    assertThat(
            ((VersionConstraint.Legacy)
                    LegacyVersionRange.constraint("distributed  < april 1, 2018"))
                .interpreted())
        .isEmpty();
  }

  @Example
  void shouldLeaveUnreadARangeThatVersCannotSpellButStillMatchIt() {
    // Found by the property above: "0-0" is 0 and its 0.x family, whose vers spelling would name
    // the version twice ("vers:generic/>=0|<=0"), which no vers reader accepts.
    for (String text : new String[] {"0-0", "0.-0", "0--0"}) {
      VersionConstraint c = LegacyVersionRange.constraint(text);
      assertThat(c).isInstanceOf(VersionConstraint.Legacy.class);
      assertThat(((VersionConstraint.Legacy) c).interpreted()).as(text).isEmpty();
      assertThat(LegacyRanges.parse(text)).as("the matcher still reads " + text).isPresent();
    }
    assertThat(((VersionConstraint.Legacy) LegacyVersionRange.constraint("1.2-1.4")).interpreted())
        .hasValueSatisfying(v -> assertThat(Vers.tryParse(v.vers())).isPresent());
  }

  @Provide
  Arbitrary<String> versions() {
    Arbitrary<String> part = Arbitraries.integers().between(0, 40).map(String::valueOf);
    return part.list().ofMinSize(1).ofMaxSize(4).map(parts -> String.join(".", parts));
  }

  @Provide
  Arbitrary<String> advisoryText() {
    Arbitrary<String> real =
        Arbitraries.of(
            "<= 4.2",
            "versions prior to 3.1",
            "all versions",
            "<V8.1",
            ">=1.00A|<1.05F",
            "<= 12.2.x.x",
            "<= U61 |<= L81",
            "A10 < A11",
            "<=N",
            "vers:all/*",
            "vers:bad",
            "<=11.2 on Windows 8.1 with IIS 7.5",
            ">= 1.3.4 | < 1.5.3",
            "2.3.6 and below",
            "from 2.0 through 2.5");
    Arbitrary<String> noise =
        Arbitraries.strings().withChars("<>=|.,-: vV0129aAxX*/").ofMaxLength(24);
    return Arbitraries.oneOf(real, noise);
  }
}

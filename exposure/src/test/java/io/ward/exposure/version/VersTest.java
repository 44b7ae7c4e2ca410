package io.ward.exposure.version;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class VersTest {

  private static boolean in(String vers, String version) {
    return Vers.parse(vers).contains(Version.parse(version));
  }

  @Test
  void shouldEvaluateTheSpecExampleWithOneVersionAndOneInterval() {
    String vers = "vers:npm/1.2.3|>=2.0.0|<5.0.0";
    assertThat(in(vers, "1.2.3")).isTrue();
    assertThat(in(vers, "1.2.4")).isFalse();
    assertThat(in(vers, "2.0.0")).isTrue();
    assertThat(in(vers, "4.9")).isTrue();
    assertThat(in(vers, "5.0.0")).isFalse();
  }

  @Test
  void shouldEvaluateSeveralBranchesOfTheTomeeExample() {
    String vers =
        "vers:maven/>=1.0.0-beta1|<=1.7.5|>=7.0.0-M1|<=7.0.7|>=7.1.0|<=7.1.2|>=8.0.0-M1|<=8.0.1";
    assertThat(in(vers, "1.7.5")).isTrue();
    assertThat(in(vers, "1.7.6")).isFalse();
    assertThat(in(vers, "7.0.3")).isTrue();
    assertThat(in(vers, "7.0.9")).isFalse();
    assertThat(in(vers, "8.0.1")).isTrue();
    assertThat(in(vers, "9")).isFalse();
  }

  @Test
  void shouldHonourExclusionsAndStars() {
    assertThat(in("vers:gem/>=2.2.0|!=2.2.1|<2.3.0", "2.2.1")).isFalse();
    assertThat(in("vers:gem/>=2.2.0|!=2.2.1|<2.3.0", "2.2.2")).isTrue();
    assertThat(in("vers:all/*", "whatever 1")).isTrue();
    assertThat(Vers.parse("vers:none/*").isEmpty()).isTrue();
    assertThat(in("vers:generic/!=1.0", "2.0")).isTrue();
  }

  @Test
  void shouldIgnoreSpacesAndDecodePercentEncodedVersions() {
    assertThat(in(" vers : generic / < 1.2. 3 | > = 2 . 0", "1.2.2")).isTrue();
    assertThat(in("vers:generic/>=2.0", "2.0")).isTrue();
    assertThat(in("vers:generic/1.0%7C2", "1.0|2")).isTrue();
  }

  @Test
  void shouldRejectInvalidRangesWithTheDeclaredException() {
    assertThatThrownBy(() -> Vers.parse("npm/1.0")).isInstanceOf(VersException.class);
    assertThatThrownBy(() -> Vers.parse("vers:npm/")).isInstanceOf(VersException.class);
    assertThatThrownBy(() -> Vers.parse("vers:npm/1.0|1.0")).isInstanceOf(VersException.class);
    assertThatThrownBy(() -> Vers.parse("vers:npm/>=1.0|>=2.0")).isInstanceOf(VersException.class);
    assertThatThrownBy(() -> Vers.parse("vers:npm/*|1.0")).isInstanceOf(VersException.class);
    assertThatThrownBy(() -> Vers.parse("vers:NPM/1.0")).isInstanceOf(VersException.class);
    assertThat(Vers.tryParse("vers:npm/<1|<2")).isEmpty();
  }

  @Test
  void shouldCoverBuildsOfAnInclusiveUpperBoundButNotTheNextRelease() {
    assertThat(in("vers:generic/<=4.2.1", "4.2.1-b17")).isTrue();
    assertThat(in("vers:generic/<=4.2.1", "4.2.1.1")).isFalse();
    assertThat(in("vers:generic/<4.2.1", "4.2.1-b17")).isFalse();
  }

  @Test
  void shouldFormatRangesThatParseBackToTheSameRange() {
    VersionRange r = Vers.parse("vers:generic/<1.0|>=2.0|<=2.5|3.1 SP2");
    String text = Vers.format("generic", r);
    assertThat(text).isEqualTo("vers:generic/<1.0|>=2.0|<=2.5|3.1SP2");
    assertThat(Vers.parse(text)).isEqualTo(r);
  }
}

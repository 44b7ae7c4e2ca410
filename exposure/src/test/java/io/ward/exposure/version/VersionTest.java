package io.ward.exposure.version;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class VersionTest {

  private static Version v(String s) {
    return Version.parse(s);
  }

  @Test
  void shouldOrderDottedNumbersNumerically() {
    assertThat(v("1.10")).isGreaterThan(v("1.9"));
    assertThat(v("12.1.3")).isLessThan(v("12.3"));
    assertThat(v("1.0")).isEqualTo(v("1")).isEqualTo(v("1.0.0"));
    assertThat(v("012U000040")).isEqualTo(v("12U40"));
  }

  @Test
  void shouldOrderPreReleasesBeforeAndServicePacksAndBuildsAfterTheRelease() {
    List<Version> expected =
        List.of(v("1.0rc1"), v("1.0"), v("1.0 SP1"), v("1.0 SP2"), v("1.0a"), v("1.0.1"));
    List<Version> shuffled = new ArrayList<>(expected);
    java.util.Collections.reverse(shuffled);
    shuffled.sort(null);
    assertThat(shuffled).containsExactlyElementsOf(expected);
    assertThat(v("4.2.1-b17")).isGreaterThan(v("4.2.1")).isLessThan(v("4.2.2"));
    assertThat(v("4.2.1-b17")).isLessThan(v("4.2.1-b18"));
  }

  @Test
  void shouldReadVendorPrefixesAndServicePackSuffixes() {
    assertThat(v("V2.1.3 SP2")).isEqualTo(v("2.1.3sp2"));
    assertThat(v("v9.7.1")).isEqualTo(v("9.7.1"));
    assertThat(v("vD25")).isEqualTo(v("D25"));
    assertThat(v("R12")).isLessThan(v("R13"));
  }

  @Test
  void shouldOrderRevisionLettersAlphabeticallyAndCaseInsensitively() {
    assertThat(v("B.02")).isLessThan(v("C.02"));
    assertThat(v("M.04")).isLessThan(v("N.00"));
    assertThat(v("n.01")).isEqualTo(v("N.01"));
    assertThat(v("B.06.18")).isGreaterThan(v("B.06.2"));
  }

  @Test
  void shouldOrderDatesWrittenAsUsDatesOrMonthNames() {
    assertThat(v("8/30/2024")).isEqualTo(v("2024.8.30"));
    assertThat(v("May 2018")).isLessThan(v("April 1, 2019"));
    assertThat(v("8/30/2024")).isGreaterThan(v("2024.2"));
    assertThat(v("Decoder 2018").canonical()).isEqualTo("decoder.2018");
  }

  @Test
  void shouldPlaceTheCeilingAboveBuildsButBelowTheNextNumber() {
    Version ceiling = v("4.2.1").prefixCeiling();
    assertThat(v("4.2.1-b17")).isLessThan(ceiling);
    assertThat(v("4.2.1 SP2")).isLessThan(ceiling);
    assertThat(v("4.2.1.1")).isGreaterThan(ceiling);
    assertThat(v("N").prefixCeiling()).isGreaterThan(v("N.01")).isLessThan(v("O"));
    assertThat(v("12.2.x.x").prefixCeiling()).isGreaterThan(v("12.2.8.410")).isLessThan(v("12.3"));
  }

  @Test
  void shouldKeepTheOriginalTextAndAgreeEqualityWithHashCode() {
    assertThat(v(" V2.1 ").text()).isEqualTo("V2.1");
    assertThat(v("1.0").hashCode()).isEqualTo(v("1").hashCode());
    assertThat(Version.tryParse("--")).isEmpty();
    assertThat(Version.tryParse("3.1")).contains(v("3.1"));
  }
}

package io.ward.exposure.version;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LegacyRangesTest {

  /** Range texts as published in CISA ICSMA CSAF files, with a version inside and one outside. */
  @ParameterizedTest
  @CsvSource(
      delimiter = ';',
      value = {
        "<=12.1.3; 12.1.3; 12.3",
        "<= 4.2; 4.2; 4.3",
        "< 3.6.7; 3.6.6; 3.6.7",
        "prior to 3.1; 3.0.9; 3.1",
        "All versions prior to 2.2; 2.1; 2.2",
        "versions prior to Version 012U000040; 012U000039; 012U000040",
        "Versions 2.3.6 and prior; 2.3.6; 2.3.7",
        "Version 2.3.6 and below; 2.0; 2.4",
        "Firmware Versions 9.0.3 and older; 9.0.3; 9.1",
        "Version 1.1.0.2 and previous; 1.1.0.2; 1.1.0.3",
        "versions 2.0 through 2.5; 2.5; 2.6",
        "Versions 4.4 through 4.12; 4.10; 4.13",
        "1.3.4 through to 1.5.3; 1.4; 1.5.4",
        "between 2.0 and 2.5; 2.0; 1.9",
        ">= 1.1 | <= 1.3.2; 1.2; 1.0",
        ">=1.00A|<1.05F; 1.00B; 1.05F",
        "<=N; N.01; O.00",
        "< B.06.18; B.06.17; B.06.18",
        "<= 12.2.x.x; 12.2.8.410; 12.3",
        "<= 11.x; 11.9; 12.0",
        "<8/30/2024; 2024.8.29; 2024.8.30",
        "3.1 and later; 3.1; 3.0",
        "B.02 C.02 C.03; C.02; C.01",
        "3.36 and 3.40; 3.40; 3.38",
        "1.X; 1.7; 2.0",
        "5.x.x; 5.3.1; 6.0",
        "V2.1.3 SP2; 2.1.3sp2; 2.1.3",
        "1.1.3 MR Build 11; 1.1.3 MR Build 11; 1.1.3",
        "<= U61 |<= L81; L80; L82",
        "<= U61 |<= L81; U61; U62",
        "<= U61 |<= L81; U12; L82",
        "< U61 |< L81; U60; U61",
        "v3.0 D15 and prior; 3.0 D15; 3.1",
      })
  void shouldReadPublishedRangeTexts(String text, String inside, String outside) {
    VersionRange r = LegacyRanges.parse(text).orElseThrow();
    assertThat(r.contains(Version.parse(inside))).as("%s in %s", inside, text).isTrue();
    assertThat(r.contains(Version.parse(outside))).as("%s not in %s", outside, text).isFalse();
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = ';',
      value = {
        "All versions",
        "all Service Pack versions",
        "*",
        "vers:all/*",
        "All Versions",
      })
  void shouldReadAllVersions(String text) {
    assertThat(LegacyRanges.parse(text)).contains(VersionRange.all());
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = ';',
      value = {
        "distributed  < april 1, 2018",
        "<=11.2 on Windows 8.1 with IIS 7.5",
        "Accu-Chek Inform II",
        "Windows 10 Professional Operating System U.S. release",
        "A10 < A11",
        "''",
      })
  void shouldRefuseTextItCannotReadUnambiguously(String text) {
    assertThat(LegacyRanges.parse(text)).isEmpty();
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = ';',
      value = {
        "<8/30/2024; true",
        "<May 2018; true",
        "distributed  < april 1, 2018; true",
        "before Sept. 3, 2019; true",
        "<12/31/19; true",
        "Marquette 12SL v21; false",
        "Decision 2; false",
        "<= Octave 3.2; false",
        "Juno 2 and prior; false",
        "IntelliVue MP monitors MX800/700/600 ((865240/41/42) WLAN; false",
        "<= 12.2.x.x; false",
      })
  void shouldTellADateFromAProductWordThatBeginsLikeAMonth(String text, boolean date) {
    // A month is a whole word: "Marquette", "Decision", "Octave" only begin like one.
    assertThat(LegacyRanges.statesDate(text)).as(text).isEqualTo(date);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = ';',
      value = {
        "<8.30.2024; true", // CISA's ADP spelling of CVE-2024-6795's bound, as range text
        "versions prior to 8.30.2024; true",
        "prior to 30.8.2024.; true", // day.month.year, at the end of a sentence
        ">=8.1.2023|<8.30.2024; true",
        "(<= 12.31.2019); true",
        "<2024-08-30; true", // ISO 8601
        "<2.10.2024; false", // a day and month in either order: as well a version
        "<=2024.08.30; false", // calendar versioning
        "<2.30.2024; false", // no such day
        "<1.8.30.2024; false",
        "8.30.2024.1 and prior; false",
      })
  void shouldTellADottedDateFromAVersionAsTheCve5ReaderDoes(String text, boolean date) {
    // The rule is CalendarBound's, applied to each word of the text.
    assertThat(LegacyRanges.statesDate(text)).as(text).isEqualTo(date);
  }

  @Test
  void shouldWriteReadableTextAsCanonicalVers() {
    assertThat(LegacyRanges.toVers("prior to 3.1")).contains("vers:generic/<3.1");
    assertThat(LegacyRanges.toVers("2.3.6 and prior")).contains("vers:generic/<=2.3.6");
    assertThat(LegacyRanges.toVers("all versions")).contains("vers:generic/*");
    assertThat(LegacyRanges.toVers("nonsense words")).isEmpty();
  }
}

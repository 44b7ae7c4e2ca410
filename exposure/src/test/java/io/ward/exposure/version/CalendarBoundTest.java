package io.ward.exposure.version;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CalendarBoundTest {

  @ParameterizedTest
  @CsvSource(
      delimiter = ';',
      value = {
        // dates
        "8.30.2024; true", // CISA's ADP for CVE-2024-6795: month.day.year
        "30.8.2024; true", // day.month.year
        "12.31.1999; true",
        "2024-08-30; true", // ISO 8601
        "2024-8-3; true",
        "8/30/2024; true",
        "2/10/2024; true", // slashes: a date in either order
        "10-2-2024; true",
        "2.29.2024; true", // a leap day
        // versions
        "2.10.2024; false", // month.day or day.month: a major.minor.year version just as well
        "8.8.2024; false",
        "2024.08.30; false", // calendar versioning orders as the date does
        "2.30.2024; false", // no February 30
        "2.29.2023; false", // no leap day that year
        "13.30.2024; false", // no month either way
        "8.30.24; false", // a two-digit year
        "8.30.1969; false",
        "8.30.2100; false",
        "1.8.30.2024; false",
        "8.30-2024; false", // mixed separators
        "2024-13-01; false",
        "3.1; false",
        "0; false",
      })
  void shouldTellACalendarDateFromAVersion(String bound, boolean date) {
    assertThat(CalendarBound.isDate(bound)).as(bound).isEqualTo(date);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = ';',
      value = {"''; true", "custom; true", "Custom; true", "semver; false", "date; false"})
  void shouldLeaveOnlyUntypedBoundsToTheirShape(String type, boolean untyped) {
    assertThat(CalendarBound.untyped(type)).as(type).isEqualTo(untyped);
  }
}

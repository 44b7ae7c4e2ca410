package io.ward.server.inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class RowInserterTest {

  @Test
  void shouldWriteCopyTextWithNullsBooleansNumbersAndTimes() {
    StringBuilder out = new StringBuilder();
    RowInserter.line(
        out,
        new Object[] {
          7L, null, true, 0.25, OffsetDateTime.of(2024, 3, 4, 8, 0, 0, 123_000, ZoneOffset.UTC)
        });
    assertThat(out).hasToString("7\t\\N\tt\t0.25\t2024-03-04T08:00:00.000123Z\n");
  }

  @Test
  void shouldEscapeBackslashesTabsAndLineBreaksInText() {
    StringBuilder out = new StringBuilder();
    RowInserter.line(out, new Object[] {"C:\\pacs\tAE\r\nNEXT"});
    assertThat(out).hasToString("C:\\\\pacs\\tAE\\r\\nNEXT\n");
  }

  @Test
  void shouldRefuseAValueItCannotWrite() {
    assertThatThrownBy(() -> RowInserter.line(new StringBuilder(), new Object[] {new Object()}))
        .isInstanceOf(IllegalArgumentException.class);
  }
}

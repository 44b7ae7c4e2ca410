package io.ward.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class ServerCopyRowTest {

  @Test
  void shouldSeparateColumnsByTabsAndEndRowsWithNewlines() {
    StringBuilder out = new StringBuilder();
    ServerCopyRow row = new ServerCopyRow(out);
    row.number(7).text("pump").bool(true).nul().end();
    row.decimal(0.5).bool(false).end();
    assertThat(out).hasToString("7\tpump\tt\t\\N\n0.5\tf\n");
  }

  @Test
  void shouldEscapeWhatCopyTextFormatReserves() {
    StringBuilder out = new StringBuilder();
    new ServerCopyRow(out).text("a\\b\tc\nd\re").end();
    assertThat(out).hasToString("a\\\\b\\tc\\nd\\re\n");
  }

  @Test
  void shouldWriteTimesInUtcToTheMicrosecond() {
    StringBuilder out = new StringBuilder();
    new ServerCopyRow(out).time(Instant.parse("2026-11-01T08:15:30.123456789Z")).end();
    assertThat(out).hasToString("2026-11-01 08:15:30.123456+00:00\n");
  }
}

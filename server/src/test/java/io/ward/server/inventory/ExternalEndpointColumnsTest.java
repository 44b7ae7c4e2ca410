package io.ward.server.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * How a capture's external endpoint merges into the stored one where adding up does not say it:
 * which host names a full column keeps. (Counts, times and devices are checked through real ingests
 * in {@code ExternalEndpointIngestTest}.)
 */
class ExternalEndpointColumnsTest {
  static final Instant MONDAY = Instant.parse("2024-03-04T08:00:00Z");
  static final Instant TUESDAY = Instant.parse("2024-03-05T08:00:00Z");

  static ExternalEndpointWriter.Columns seen(List<String> names, Instant last) {
    return new ExternalEndpointWriter.Columns(
        "203.0.113.10",
        names,
        List.of("tls"),
        1,
        10,
        1_000,
        last.minusSeconds(60),
        last,
        List.of("behind-router"));
  }

  /** Enough names of a CDN address to fill the stored column (2,000 characters). */
  static List<String> manyNames() {
    List<String> names = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      names.add(String.format("edge-%03d.cdn.example.net", i));
    }
    return names;
  }

  @Test
  void shouldKeepTheNamesOfTheLaterSightingWhenTheColumnIsFull() {
    ExternalEndpointWriter.Columns stored = seen(manyNames(), MONDAY);

    ExternalEndpointWriter.Columns merged =
        stored.mergedWith(seen(List.of("login.microsoftonline.com"), TUESDAY));

    assertThat(merged.hostnames()).startsWith("login.microsoftonline.com");
    assertThat(merged.hostnames()).hasSize(101);
    String column = InventoryWriter.Columns.joinClipped(merged.hostnames(), 2000);
    assertThat(column).startsWith("login.microsoftonline.com,").hasSizeLessThanOrEqualTo(2000);
  }

  @Test
  void shouldPutTheNamesOfAnOlderCaptureIngestedLateAfterTheStoredOnes() {
    ExternalEndpointWriter.Columns stored = seen(manyNames(), TUESDAY);

    ExternalEndpointWriter.Columns merged =
        stored.mergedWith(seen(List.of("old-name.example.net"), MONDAY));

    assertThat(merged.hostnames()).startsWith("edge-000.cdn.example.net");
    assertThat(merged.hostnames()).endsWith("old-name.example.net");
    assertThat(merged.lastSeen()).isEqualTo(TUESDAY);
    assertThat(merged.firstSeen()).isEqualTo(MONDAY.minusSeconds(60));
  }

  @Test
  void shouldAddCountsAndUniteProtocolsSorted() {
    ExternalEndpointWriter.Columns stored = seen(List.of("a.example.net"), MONDAY);
    ExternalEndpointWriter.Columns later =
        new ExternalEndpointWriter.Columns(
            "203.0.113.10",
            List.of("a.example.net"),
            List.of("http", "tls"),
            2,
            20,
            2_000,
            TUESDAY,
            TUESDAY,
            List.of("behind-router"));

    ExternalEndpointWriter.Columns merged = stored.mergedWith(later);

    assertThat(merged.protocols()).containsExactly("http", "tls");
    assertThat(List.of(merged.flows(), merged.packets(), merged.bytes()))
        .containsExactly(3L, 30L, 3_000L);
    assertThat(merged.hostnames()).containsExactly("a.example.net");
  }
}

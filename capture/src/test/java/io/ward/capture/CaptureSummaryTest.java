package io.ward.capture;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class CaptureSummaryTest {

  @Test
  void shouldListItsCountsInNameOrderWhateverOrderTheyCameIn() {
    Map<String, Long> counts = new HashMap<>();
    for (char c = 'z'; c >= 'a'; c--) {
      counts.put(c + "-protocol", (long) c);
    }

    CaptureSummary s =
        new CaptureSummary(
            "c.pcap",
            "pcap",
            false,
            List.of(1),
            1,
            60,
            1,
            0,
            0,
            OptionalLong.empty(),
            List.of(),
            counts,
            counts,
            0,
            0);

    // The JSON and text reports write these maps in iteration order: it must not change between
    // runs (Map.copyOf's order is seeded afresh in every JVM).
    List<String> sorted = counts.keySet().stream().sorted().toList();
    assertThat(List.copyOf(s.flowsByProtocol().keySet())).isEqualTo(sorted);
    assertThat(List.copyOf(s.anomalies().keySet())).isEqualTo(sorted);
    assertThat(s.flowsByProtocol()).containsEntry("q-protocol", (long) 'q');
  }
}

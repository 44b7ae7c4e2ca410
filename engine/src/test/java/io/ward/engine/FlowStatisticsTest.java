package io.ward.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.ward.model.Endpoint;
import io.ward.model.Flow;
import io.ward.model.IpAddress;
import io.ward.model.Transport;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class FlowStatisticsTest {

  private static final Endpoint PUMP = Endpoint.ofIp(IpAddress.parse("10.20.1.5"), 0);
  private static final Endpoint ENGINE = Endpoint.ofIp(IpAddress.parse("10.10.1.48"), 0);

  private static Flow flow(long firstSeen, int clientPort, String protocol) {
    return new Flow(
        PUMP,
        clientPort,
        ENGINE,
        2575,
        Transport.TCP,
        0,
        Optional.of(protocol),
        false,
        4,
        800,
        3,
        200,
        firstSeen,
        firstSeen + 1_000);
  }

  @Test
  void listsTheEarliestConversationsInOrderAndCountsTheRest() {
    FlowStatistics stats = new FlowStatistics(2);
    for (long t : new long[] {30, 10, 40, 20}) {
      stats.add(flow(t, 40_000, "hl7"));
    }
    stats.add(flow(5, 40_000, "tls")); // not cleartext
    FlowSummary s = stats.summary();
    assertThat(s.cleartextConversations())
        .extracting(Flow::firstSeenEpochNanos)
        .containsExactly(10L, 20L);
    assertThat(s.cleartextNotListed()).isEqualTo(2);
    assertThat(s.flows()).isEqualTo(5);
    assertThat(s.byProtocol()).isEqualTo(Map.of("hl7", 4L, "tls", 1L));
    assertThat(s.byProtocol().keySet()).containsExactly("hl7", "tls");
    assertThat(s.cleartextByProtocol()).isEqualTo(Map.of("hl7", 4L));
  }

  @Test
  void breaksTiesOnTheFirstTimeByTheOtherFieldsWhateverTheArrivalOrder() {
    Flow lower = flow(10, 40_000, "hl7");
    Flow higher = flow(10, 40_001, "hl7");
    for (List<Flow> arrival : List.of(List.of(lower, higher), List.of(higher, lower))) {
      FlowStatistics stats = new FlowStatistics(1);
      arrival.forEach(stats::add);
      assertThat(stats.summary().cleartextConversations()).containsExactly(lower);
    }
    assertThat(FlowStatistics.ORDER.compare(lower, higher)).isNegative();
    assertThat(FlowStatistics.ORDER.compare(higher, lower)).isPositive();
    assertThat(FlowStatistics.ORDER.compare(lower, flow(10, 40_000, "hl7"))).isZero();
  }
}

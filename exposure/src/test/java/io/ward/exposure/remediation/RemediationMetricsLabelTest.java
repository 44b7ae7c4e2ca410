package io.ward.exposure.remediation;

import static org.assertj.core.api.Assertions.assertThat;

import io.ward.model.exposure.Decision;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * The labels the open-findings figures are reported under ({@code ward vulns} and the server both
 * use {@link RemediationMetrics#label}): one per decision, each Ward's own decision id, so TRACK
 * (SSVC Track and Track*) and DEFER (no SSVC outcome) are never mislabelled as SSVC levels.
 */
class RemediationMetricsLabelTest {

  @Test
  void shouldLabelEachDecisionByWardsIdMostUrgentFirst() {
    assertThat(Arrays.stream(Decision.values()).map(RemediationMetrics::label))
        .containsExactly("act-now", "act-soon", "track", "defer");
  }

  @Test
  void shouldNeverUseAnSsvcLevelAsALabel() {
    for (Decision d : Decision.values()) {
      assertThat(RemediationMetrics.label(d))
          .as(d.name())
          .isEqualTo(d.id())
          .isNotIn("act", "attend", "track*");
    }
  }
}

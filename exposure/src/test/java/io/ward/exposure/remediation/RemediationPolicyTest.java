package io.ward.exposure.remediation;

import static org.assertj.core.api.Assertions.assertThat;

import io.ward.model.exposure.Decision;
import java.time.LocalDate;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The due date of a record: the policy's, and no later than CISA's KEV due date. */
class RemediationPolicyTest {

  private final RemediationPolicy policy = RemediationPolicy.defaults();
  private final LocalDate opened = LocalDate.of(2025, 3, 1);

  @Test
  void shouldTakeCisasDueDateWhenItComesBeforeThePolicys() {
    LocalDate cisa = LocalDate.of(2025, 3, 8);
    assertThat(policy.due(opened, Decision.ACT_NOW, true)).isEqualTo(opened.plusDays(15));
    assertThat(policy.due(opened, Decision.ACT_NOW, true, Optional.of(cisa))).isEqualTo(cisa);
  }

  @Test
  void shouldKeepThePolicysDateWhenCisasComesLater() {
    LocalDate cisa = LocalDate.of(2025, 6, 1);
    assertThat(policy.due(opened, Decision.ACT_SOON, true, Optional.of(cisa)))
        .isEqualTo(opened.plusDays(15));
  }

  @Test
  void shouldKeepAPassedCisaDateForARecordOpenedLate() {
    LocalDate cisa = LocalDate.of(2022, 5, 3);
    assertThat(policy.due(opened, Decision.TRACK, true, Optional.of(cisa))).isEqualTo(cisa);
  }

  @Test
  void shouldIgnoreADueDateOnAFindingNotInKevAndUseThePolicyWithoutOne() {
    LocalDate cisa = LocalDate.of(2025, 3, 2);
    assertThat(policy.due(opened, Decision.TRACK, false, Optional.of(cisa)))
        .isEqualTo(opened.plusDays(180));
    assertThat(policy.due(opened, Decision.ACT_NOW, true, Optional.empty()))
        .isEqualTo(policy.due(opened, Decision.ACT_NOW, true));
  }
}

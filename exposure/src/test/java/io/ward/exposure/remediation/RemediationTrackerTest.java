package io.ward.exposure.remediation;

import static io.ward.exposure.match.Devices.device;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ward.model.Category;
import io.ward.model.exposure.Decision;
import io.ward.model.exposure.RemediationRecord;
import io.ward.model.exposure.RemediationRecord.RiskAcceptance;
import io.ward.model.exposure.RemediationStatus;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RemediationTrackerTest {

  private static final LocalDate DAY = LocalDate.of(2025, 3, 1);

  private static RemediationRecord record() {
    return RemediationTracker.open(
        "r1",
        List.of("f1"),
        List.of("mac:a", "mac:b"),
        DAY,
        RemediationPolicy.defaults().due(DAY, Decision.ACT_SOON, false),
        Optional.of("biomed"),
        Optional.of("Sun 02:00-06:00"),
        Optional.of("3.6.7"));
  }

  @ParameterizedTest
  @CsvSource({
    "ACT_NOW, false, 30",
    "ACT_NOW, true, 15",
    "ACT_SOON, false, 60",
    "ACT_SOON, true, 15",
    "TRACK, false, 180",
    "DEFER, false, 365",
    "DEFER, true, 15"
  })
  void shouldSetTheDueDateFromThePolicy(Decision decision, boolean kev, int days) {
    assertThat(RemediationPolicy.defaults().due(DAY, decision, kev)).isEqualTo(DAY.plusDays(days));
  }

  @Test
  void shouldAllowOnlyListedMovesAndKeepHistory() {
    RemediationRecord r =
        RemediationTracker.move(record(), RemediationStatus.PLANNED, DAY, "ann", "window booked");
    r =
        RemediationTracker.move(
            r, RemediationStatus.IN_PROGRESS, DAY.plusDays(3), "ann", "started");
    r =
        RemediationTracker.move(
            r, RemediationStatus.PATCHED, DAY.plusDays(4), "ann", "vendor visit");
    assertThat(r.closed()).contains(DAY.plusDays(4));
    assertThat(r.history())
        .extracting(h -> h.to())
        .containsExactly(
            RemediationStatus.PLANNED, RemediationStatus.IN_PROGRESS, RemediationStatus.PATCHED);
    RemediationRecord patched = r;
    assertThatThrownBy(
            () -> RemediationTracker.move(patched, RemediationStatus.MITIGATED, DAY, "ann", "x"))
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(
            () ->
                RemediationTracker.move(record(), RemediationStatus.RISK_ACCEPTED, DAY, "ann", "x"))
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void shouldAcceptRiskWithReasonAndReopenWhenTheAcceptanceExpires() {
    RiskAcceptance acceptance =
        new RiskAcceptance("CISO", "pump replaced next quarter", DAY.plusDays(90));
    RemediationRecord r = RemediationTracker.accept(record(), acceptance, DAY);
    assertThat(r.status()).isEqualTo(RemediationStatus.RISK_ACCEPTED);
    assertThat(r.acceptance()).contains(acceptance);
    assertThat(RemediationTracker.expire(r, DAY.plusDays(30)).status())
        .isEqualTo(RemediationStatus.RISK_ACCEPTED);
    assertThat(RemediationTracker.expire(r, DAY.plusDays(90)).status())
        .isEqualTo(RemediationStatus.OPEN);
    assertThatThrownBy(
            () -> RemediationTracker.accept(record(), new RiskAcceptance("x", "y", DAY), DAY))
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void shouldVerifyPatchedOnlyWhenTheInventoryShowsTheFixedVersion() {
    RemediationRecord patched =
        RemediationTracker.move(record(), RemediationStatus.PATCHED, DAY, "ann", "done");
    var fixedA = device("mac:a", "OFFIS", "DCMTK", "3.6.7");
    var fixedB = device("mac:b", "OFFIS", "DCMTK", "3.6.8");
    var oldB = device("mac:b", "OFFIS", "DCMTK", "3.6.6");
    assertThat(
            RemediationTracker.verify(patched, Map.of("mac:a", fixedA, "mac:b", fixedB), DAY)
                .verified())
        .isTrue();
    RemediationRecord reopened =
        RemediationTracker.verify(patched, Map.of("mac:a", fixedA, "mac:b", oldB), DAY);
    assertThat(reopened.status()).isEqualTo(RemediationStatus.OPEN);
    assertThat(reopened.history().get(reopened.history().size() - 1).note())
        .contains("mac:b", "3.6.6");
    assertThat(RemediationTracker.verify(patched, Map.of("mac:a", fixedA), DAY).verified())
        .isFalse();
  }

  @Test
  void shouldCountOverdueAndMeanTimeToRemediate() {
    RemediationRecord open = record();
    RemediationRecord closed =
        RemediationTracker.move(
            record(), RemediationStatus.MITIGATED, DAY.plusDays(10), "a", "acl");
    assertThat(RemediationTracker.overdue(open, DAY.plusDays(61))).isTrue();
    assertThat(RemediationTracker.overdue(closed, DAY.plusDays(61))).isFalse();
    RemediationMetrics m =
        RemediationMetrics.of(List.of(), List.of(open, closed), 4, DAY.plusDays(61));
    assertThat(m.overdue()).isEqualTo(1);
    assertThat(m.meanDaysToRemediate()).contains(10.0);
    assertThat(m.supportedShare()).isEqualTo(1.0);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = ';',
      value = {
        "OFFIS recommends all users update to Version 3.6.7 or later. For more information see Bug #1021; 3.6.7",
        "Patient Information Center iX (PICiX) Version C.03; C.03",
        "BD Alaris Systems Manager Software version 12.5.1 - Remediates CVE-2018-1285; 12.5.1",
      })
  void shouldReadTheFixedVersionFromVendorFixText(String text, String version) {
    assertThat(RemediationOptions.fixedVersion(text)).contains(version);
  }

  @Test
  void shouldHaveAdviceForEveryCategory() {
    for (Category c : Category.values()) {
      assertThat(RemediationOptions.adviceFor(c)).isNotEmpty();
    }
  }
}

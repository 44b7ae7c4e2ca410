package io.ward.model.exposure;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A CVE id is one id however an advisory spells it: KEV and EPSS key it in upper case. */
class CveIdTest {

  private static Vulnerability vulnerability(Optional<String> cve) {
    return new Vulnerability(
        cve,
        List.of("ICSMA-20-049-01"),
        List.of(),
        Optional.empty(),
        Optional.empty(),
        List.of(),
        Map.of(),
        List.of(),
        List.of(),
        List.of(),
        List.of(),
        List.of());
  }

  private static Finding finding(String vulnerability) {
    MatchReason reason =
        new MatchReason(
            "ICSMA-20-049-01",
            Optional.empty(),
            "Xhibit Telemetry Receiver",
            MatchRule.LEGACY,
            Optional.empty(),
            "model",
            "XTR",
            List.of(),
            0.9,
            "matched");
    return new Finding(
        "d|a|" + vulnerability,
        FindingKind.VULNERABILITY,
        "d",
        vulnerability,
        "ICSMA-20-049-01",
        "BlueKeep",
        FindingStatus.AFFECTED,
        Optional.empty(),
        reason);
  }

  @Test
  void shouldTrimAndUpperCaseTheCveIdOfAVulnerability() {
    assertThat(vulnerability(Optional.of("cve-2019-0708")).cve()).contains("CVE-2019-0708");
    assertThat(vulnerability(Optional.of(" Cve-2019-0708\n")).cve()).contains("CVE-2019-0708");
    assertThat(vulnerability(Optional.of("cve-2019-0708")).label()).isEqualTo("CVE-2019-0708");
    assertThat(vulnerability(Optional.of("  ")).cve()).isEmpty();
    assertThat(vulnerability(Optional.empty()).cve()).isEmpty();
  }

  @Test
  void shouldTellACveFindingWhateverTheCaseItWasStoredIn() {
    // Before: only the exact prefix "CVE-" counted, so "cve-2019-0708" was no CVE for KEV/EPSS.
    assertThat(finding("cve-2019-0708").cve()).contains("CVE-2019-0708");
    assertThat(finding("CVE-2019-0708").cve()).contains("CVE-2019-0708");
    assertThat(finding("ICSMA-20-049-01").cve()).isEmpty();
    assertThat(finding("Z-1234-2024").cve()).isEmpty();
  }
}

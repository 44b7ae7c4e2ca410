package io.ward.server.exposure;

import io.ward.model.exposure.FindingKind;
import io.ward.model.exposure.FindingStatus;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * One stored finding with its device and its risk.
 *
 * @param id storage id
 * @param key the exposure module's finding id
 * @param deviceId the device's storage id
 * @param deviceName the device's display name
 * @param advisoryKey {@code <source>|<advisory id>}
 * @param matchedBy what matched and why, in words
 * @param score 0 to 100
 * @param decision the SSVC-style decision's id ({@code act-soon}), when assessed
 * @param epss EPSS probability, when known
 * @param rationale one line per input of the score
 * @param cvssVector the CVSS vector scored, when the advisory published one
 * @param baseScore the CVSS base score computed from the vector
 * @param clinicalScore the environmental score with Ward's medical-device rubric
 * @param ransomware KEV marks known use in ransomware campaigns
 * @param ssvc the inputs of the decision, when assessed
 * @param remediations patch, mitigation, workaround, no-fix notice or Ward's compensating control
 * @param kevDueDate CISA's KEV due date for the CVE, when it is in KEV and CISA set one
 */
public record FindingRow(
    long id,
    String key,
    long deviceId,
    String deviceName,
    FindingKind kind,
    String vulnerability,
    String advisoryKey,
    String title,
    FindingStatus status,
    Optional<String> statusReason,
    String matchedBy,
    int score,
    Optional<String> decision,
    boolean kev,
    Optional<Double> epss,
    List<String> rationale,
    Instant firstSeen,
    Instant lastSeen,
    Optional<String> cvssVector,
    Optional<Double> baseScore,
    Optional<Double> clinicalScore,
    boolean ransomware,
    Optional<Ssvc> ssvc,
    List<Option> remediations,
    Optional<LocalDate> kevDueDate) {

  public FindingRow {
    rationale = List.copyOf(rationale);
    remediations = List.copyOf(remediations);
  }

  /** The SSVC decision inputs, as {@code ward vulns --json} names them. */
  public record Ssvc(
      String exploitation, boolean automatable, String technicalImpact, String missionWellbeing) {}

  /**
   * One remediation option as the exposure module gave it.
   *
   * @param kind {@code patch}, {@code mitigation}, {@code workaround}, {@code no-fix} or {@code
   *     compensating-control}
   * @param source the advisory id, or {@code ward} for Ward's own advice
   */
  public record Option(
      String kind,
      String text,
      Optional<String> fixedVersion,
      Optional<String> url,
      String source) {}
}

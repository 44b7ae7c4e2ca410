package io.ward.model.exposure;

import java.util.List;
import java.util.Objects;

/**
 * The risk of one device summed up from its findings.
 *
 * @param deviceId the inventory device id
 * @param decision the most urgent decision among its findings ({@link Decision#DEFER} when none)
 * @param score the highest finding score, 0 to 100
 * @param affected how many findings are affected
 * @param possiblyAffected how many are possibly affected
 * @param notAffected how many were checked and found not affected
 * @param worstFindings the ids of the highest-scored findings, worst first (at most five)
 * @param rationale plain-language lines: the worst finding's reasons and the counts
 */
public record DeviceRisk(
    String deviceId,
    Decision decision,
    int score,
    int affected,
    int possiblyAffected,
    int notAffected,
    List<String> worstFindings,
    List<String> rationale) {

  public DeviceRisk {
    Checks.text(deviceId, "deviceId");
    Objects.requireNonNull(decision, "decision");
    worstFindings = List.copyOf(worstFindings);
    rationale = List.copyOf(rationale);
  }
}

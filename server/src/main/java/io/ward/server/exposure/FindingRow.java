package io.ward.server.exposure;

import io.ward.model.exposure.FindingKind;
import io.ward.model.exposure.FindingStatus;
import java.time.Instant;
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
 * @param decision the SSVC-style decision, when assessed
 * @param epss EPSS probability, when known
 * @param rationale one line per input of the score
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
    Instant lastSeen) {

  public FindingRow {
    rationale = List.copyOf(rationale);
  }
}

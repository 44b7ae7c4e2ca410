package io.ward.server.api;

import io.ward.server.exposure.FindingRow;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A finding: which advisory matched which device, why, and how urgent it is.
 *
 * @param matchedBy what matched and why, in words
 * @param score risk score 0 to 100
 * @param decision the SSVC-style decision, when assessed
 * @param rationale one line per input of the score
 */
public record FindingJson(
    long id,
    long deviceId,
    String deviceName,
    String kind,
    String vulnerability,
    String advisory,
    String title,
    String status,
    Optional<String> statusReason,
    String matchedBy,
    int score,
    Optional<String> decision,
    boolean kev,
    Optional<Double> epss,
    List<String> rationale,
    Instant firstSeen,
    Instant lastSeen) {

  public FindingJson {
    rationale = List.copyOf(rationale);
  }

  /** The view of a stored finding. */
  public static FindingJson of(FindingRow f) {
    return new FindingJson(
        f.id(),
        f.deviceId(),
        f.deviceName(),
        f.kind().id(),
        f.vulnerability(),
        f.advisoryKey(),
        f.title(),
        f.status().id(),
        f.statusReason(),
        f.matchedBy(),
        f.score(),
        f.decision(),
        f.kev(),
        f.epss(),
        f.rationale(),
        f.firstSeen(),
        f.lastSeen());
  }
}

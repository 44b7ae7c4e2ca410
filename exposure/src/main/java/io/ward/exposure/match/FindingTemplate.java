package io.ward.exposure.match;

import io.ward.model.Evidence;
import io.ward.model.exposure.Finding;
import io.ward.model.exposure.FindingKind;
import io.ward.model.exposure.FindingStatus;
import io.ward.model.exposure.MatchReason;
import java.util.List;
import java.util.Optional;

/**
 * A vulnerability finding without its device: everything but the device id and the device's
 * identity evidence. Its texts depend only on the subject (attribute, model or component name,
 * version as written) and the advisory statement, so the index makes it once per distinct subject
 * and every device with that subject shares it; a device's {@link Finding} is then one string join
 * and one record.
 *
 * @param idSuffix the finding id after the device id: {@code |advisoryId|vulnerability|attribute}
 * @param vulnerability the CVE (or other) id
 * @param advisoryId the advisory
 * @param title the vulnerability's title, else the advisory's
 * @param status affected, possibly affected or not affected
 * @param statusReason why this status
 * @param matchedBy what matched, without device evidence
 */
record FindingTemplate(
    String idSuffix,
    String vulnerability,
    String advisoryId,
    String title,
    FindingStatus status,
    Optional<String> statusReason,
    MatchReason matchedBy) {

  /** The finding of one device, with that device's identity evidence (empty for components). */
  Finding forDevice(String deviceId, List<Evidence> evidence) {
    MatchReason why = evidence.isEmpty() ? matchedBy : withEvidence(matchedBy, evidence);
    return new Finding(
        deviceId + idSuffix,
        FindingKind.VULNERABILITY,
        deviceId,
        vulnerability,
        advisoryId,
        title,
        status,
        statusReason,
        why);
  }

  private static MatchReason withEvidence(MatchReason m, List<Evidence> evidence) {
    return new MatchReason(
        m.advisoryId(),
        m.productId(),
        m.productName(),
        m.rule(),
        m.constraint(),
        m.deviceAttribute(),
        m.deviceValue(),
        evidence,
        m.confidence(),
        m.explanation());
  }
}

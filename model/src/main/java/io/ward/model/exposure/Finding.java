package io.ward.model.exposure;

import java.util.Objects;
import java.util.Optional;

/**
 * One thing wrong (or checked and found not wrong) with one device: a vulnerability, a recall, an
 * end-of-life platform or outdated firmware, with the reason it was matched.
 *
 * @param id stable id: {@code deviceId|advisoryId|vulnerability|productId}
 * @param kind what the finding is about
 * @param deviceId the inventory device id
 * @param vulnerability the CVE id (or other vulnerability id, recall number, lifecycle entry id)
 * @param advisoryId the advisory, recall or lifecycle table that states it
 * @param title a short title for lists
 * @param status affected, possibly affected or not affected
 * @param statusReason why this status: the uncertainty for possibly-affected, the VEX justification
 *     or fixed version for not-affected
 * @param matchedBy what matched and why
 */
public record Finding(
    String id,
    FindingKind kind,
    String deviceId,
    String vulnerability,
    String advisoryId,
    String title,
    FindingStatus status,
    Optional<String> statusReason,
    MatchReason matchedBy) {

  public Finding {
    Checks.text(id, "id");
    Objects.requireNonNull(kind, "kind");
    Checks.text(deviceId, "deviceId");
    Checks.text(vulnerability, "vulnerability");
    Checks.text(advisoryId, "advisoryId");
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(statusReason, "statusReason");
    Objects.requireNonNull(matchedBy, "matchedBy");
  }

  /**
   * The CVE id when the vulnerability is one, upper case as KEV and EPSS key it: a finding stored
   * before advisories' ids were upper-cased may still say "cve-2019-0708".
   */
  public Optional<String> cve() {
    String id = Vulnerability.canonicalCve(vulnerability);
    return id.startsWith("CVE-") ? Optional.of(id) : Optional.empty();
  }
}

package io.ward.server.api;

import io.ward.server.exposure.FindingRow;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * A finding: which advisory matched which device, why, and how urgent it is.
 *
 * @param matchedBy what matched and why, in words
 * @param score risk score 0 to 100
 * @param decision the SSVC-style decision, when assessed: {@code act-now}, {@code act-soon}, {@code
 *     track} or {@code defer}, the ids of {@code ward vulns --json} and the metrics
 * @param kevDueDate CISA's KEV due date for the CVE ({@code YYYY-MM-DD}), null when it is not in
 *     KEV or CISA set none; a remediation record opened without a date is due no later than this
 * @param rationale one line per input of the score
 * @param cve the CVE, when the vulnerability is one
 * @param statusReason why possibly affected (e.g. firmware unknown) or not affected (the VEX
 *     justification or fixed version)
 * @param cvss the vector scored with its base and clinical scores (fields absent when unknown)
 * @param ransomware KEV marks known use in ransomware campaigns
 * @param ssvc the inputs of the decision, when assessed
 * @param remediations what can be done: vendor patch (with fixed version and URL), mitigation,
 *     workaround, no-fix notice, or Ward's compensating-control advice
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
    Optional<LocalDate> kevDueDate,
    Optional<Double> epss,
    List<String> rationale,
    Instant firstSeen,
    Instant lastSeen,
    Optional<String> cve,
    Cvss cvss,
    boolean ransomware,
    Optional<FindingRow.Ssvc> ssvc,
    List<RemediationJson> remediations) {

  public FindingJson {
    rationale = List.copyOf(rationale);
    remediations = List.copyOf(remediations);
  }

  /** The CVSS vector and scores, as {@code ward vulns --json} writes them. */
  public record Cvss(Optional<String> vector, Optional<Double> base, Optional<Double> clinical) {}

  /**
   * One remediation option.
   *
   * @param kind {@code patch}, {@code mitigation}, {@code workaround}, {@code no-fix} or {@code
   *     compensating-control}
   * @param source the advisory id, or {@code ward} for Ward's own advice
   */
  public record RemediationJson(
      String kind,
      String text,
      Optional<String> fixedVersion,
      Optional<String> url,
      String source) {

    /**
     * The URL when it may be a link: advisories are third-party text, so a {@code javascript:} or
     * other scheme is shown as text, never made clickable.
     */
    public Optional<String> webLink() {
      return url.filter(
          u -> {
            String l = u.toLowerCase(java.util.Locale.ROOT);
            return l.startsWith("https://") || l.startsWith("http://");
          });
    }
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
        f.kevDueDate(),
        f.epss(),
        f.rationale(),
        f.firstSeen(),
        f.lastSeen(),
        f.vulnerability().startsWith("CVE-") ? Optional.of(f.vulnerability()) : Optional.empty(),
        new Cvss(f.cvssVector(), f.baseScore(), f.clinicalScore()),
        f.ransomware(),
        f.ssvc(),
        f.remediations().stream()
            .map(
                o -> new RemediationJson(o.kind(), o.text(), o.fixedVersion(), o.url(), o.source()))
            .toList());
  }
}

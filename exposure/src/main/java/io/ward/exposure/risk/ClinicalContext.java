package io.ward.exposure.risk;

import java.util.List;
import java.util.Objects;

/**
 * What a device does clinically and what that means for scoring: the MITRE medical-device rubric's
 * answers as CVSS security requirements and the SSVC mission and well-being impact.
 *
 * @param function {@code therapy}, {@code monitoring}, {@code diagnosis}, {@code phi}, {@code
 *     workflow} or {@code none}
 * @param confidentiality CVSS CR: {@code H}, {@code M} or {@code L}
 * @param integrity CVSS IR
 * @param availability CVSS AR
 * @param missionWellbeing {@code low}, {@code medium} or {@code high}
 * @param reasons plain sentences on how each was decided
 */
public record ClinicalContext(
    String function,
    String confidentiality,
    String integrity,
    String availability,
    String missionWellbeing,
    List<String> reasons) {

  public ClinicalContext {
    Objects.requireNonNull(function, "function");
    Objects.requireNonNull(confidentiality, "confidentiality");
    Objects.requireNonNull(integrity, "integrity");
    Objects.requireNonNull(availability, "availability");
    Objects.requireNonNull(missionWellbeing, "missionWellbeing");
    reasons = List.copyOf(reasons);
  }
}

package io.ward.model.exposure;

import io.ward.model.Evidence;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Why a finding was made: which advisory product matched which device attribute, by which rule,
 * with which evidence and how sure Ward is.
 *
 * @param advisoryId the advisory (or recall, or lifecycle table) id
 * @param productId the advisory-local product id, e.g. {@code CSAFPID-0001}
 * @param productName the advisory product's full name
 * @param rule the version rule that decided
 * @param constraint the version statement as published, e.g. {@code <=12.1.3}
 * @param deviceAttribute the device attribute compared, e.g. {@code model}, {@code firmware},
 *     {@code sbom:wolfssl}
 * @param deviceValue the value of that attribute
 * @param evidence the inventory evidence behind the attribute (empty for CMDB or SBOM data)
 * @param confidence 0 (a guess) to 1 (certain)
 * @param explanation one plain sentence, e.g. "model 8015 matches product 'BD Alaris PCU Model
 *     8015'; firmware 12.1.2 is within <=12.1.3"
 */
public record MatchReason(
    String advisoryId,
    Optional<String> productId,
    String productName,
    MatchRule rule,
    Optional<String> constraint,
    String deviceAttribute,
    String deviceValue,
    List<Evidence> evidence,
    double confidence,
    String explanation) {

  public MatchReason {
    Checks.text(advisoryId, "advisoryId");
    Objects.requireNonNull(productId, "productId");
    Objects.requireNonNull(productName, "productName");
    Objects.requireNonNull(rule, "rule");
    Objects.requireNonNull(constraint, "constraint");
    Objects.requireNonNull(deviceAttribute, "deviceAttribute");
    Objects.requireNonNull(deviceValue, "deviceValue");
    evidence = List.copyOf(evidence);
    Checks.unit(confidence, "confidence");
    Objects.requireNonNull(explanation, "explanation");
  }
}

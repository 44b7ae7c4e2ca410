package io.ward.model.exposure;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * Why a product is not affected: the CSAF 2.0 flag labels (§3.2.3.5) and the CycloneDX 1.4+ VEX
 * {@code analysis.justification} values, each with its published label.
 */
public enum VexJustification {
  /** CSAF: the vulnerable component is not in the product. */
  COMPONENT_NOT_PRESENT("component_not_present"),
  /** CSAF: the vulnerable code is not in the product. */
  VULNERABLE_CODE_NOT_PRESENT("vulnerable_code_not_present"),
  /** CSAF: the vulnerable code is present but cannot be reached. */
  VULNERABLE_CODE_NOT_IN_EXECUTE_PATH("vulnerable_code_not_in_execute_path"),
  /** CSAF: an adversary cannot control the vulnerable code. */
  VULNERABLE_CODE_CANNOT_BE_CONTROLLED_BY_ADVERSARY(
      "vulnerable_code_cannot_be_controlled_by_adversary"),
  /** CSAF: built-in mitigations prevent exploitation. */
  INLINE_MITIGATIONS_ALREADY_EXIST("inline_mitigations_already_exist"),
  /** CycloneDX: the code is not present. */
  CODE_NOT_PRESENT("code_not_present"),
  /** CycloneDX: the code is not reachable. */
  CODE_NOT_REACHABLE("code_not_reachable"),
  /** CycloneDX: exploitable only with a configuration not used. */
  REQUIRES_CONFIGURATION("requires_configuration"),
  /** CycloneDX: exploitable only with a dependency not present. */
  REQUIRES_DEPENDENCY("requires_dependency"),
  /** CycloneDX: exploitable only in an environment not present. */
  REQUIRES_ENVIRONMENT("requires_environment"),
  /** CycloneDX: compiler protections prevent exploitation. */
  PROTECTED_BY_COMPILER("protected_by_compiler"),
  /** CycloneDX: runtime protections prevent exploitation. */
  PROTECTED_AT_RUNTIME("protected_at_runtime"),
  /** CycloneDX: perimeter protections prevent exploitation. */
  PROTECTED_AT_PERIMETER("protected_at_perimeter"),
  /** CycloneDX: a mitigating control prevents exploitation. */
  PROTECTED_BY_MITIGATING_CONTROL("protected_by_mitigating_control");

  private final String label;

  VexJustification(String label) {
    this.label = label;
  }

  /** The label as written in CSAF or CycloneDX. */
  public String label() {
    return label;
  }

  /** The justification with this label (case-insensitive, '-' read as '_'), if any. */
  public static Optional<VexJustification> fromLabel(String label) {
    String key = label.trim().toLowerCase(Locale.ROOT).replace('-', '_');
    return Arrays.stream(values()).filter(j -> j.label.equals(key)).findFirst();
  }
}

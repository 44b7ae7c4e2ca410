package io.ward.model.exposure;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A Manufacturer Disclosure Statement for Medical Device Security (ANSI/NEMA HN 1-2019): the
 * answers per question and the security capabilities they declare for one model and version.
 *
 * @param manufacturer DOC-1
 * @param model DOC-3 (device model)
 * @param version the software version the form covers, when stated or given by the caller
 * @param documentId DOC-4
 * @param releaseDate DOC-7 as written
 * @param answers every answered row by question id
 * @param capabilities the declared capabilities read from the answers
 * @param source the file it was read from
 */
public record Mds2Form(
    String manufacturer,
    String model,
    Optional<String> version,
    Optional<String> documentId,
    Optional<String> releaseDate,
    Map<String, Mds2Answer> answers,
    Map<SecurityCapability, CapabilityDeclaration> capabilities,
    String source) {

  public Mds2Form {
    Objects.requireNonNull(manufacturer, "manufacturer");
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(documentId, "documentId");
    Objects.requireNonNull(releaseDate, "releaseDate");
    answers = Map.copyOf(answers);
    capabilities = Map.copyOf(capabilities);
    Objects.requireNonNull(source, "source");
  }

  /** The answer to this question id, if the form has it. */
  public Optional<Mds2Answer> answer(String questionId) {
    return Optional.ofNullable(answers.get(questionId));
  }

  /** The declaration for this capability, if the form answers it. */
  public Optional<CapabilityDeclaration> capability(SecurityCapability capability) {
    return Optional.ofNullable(capabilities.get(capability));
  }
}

package io.ward.model.exposure;

import java.util.List;
import java.util.Objects;

/**
 * What an MDS2 form declares about one capability, and the questions that say so.
 *
 * @param capability the capability
 * @param value the answer that decides it
 * @param questionIds the question ids the value was read from
 */
public record CapabilityDeclaration(
    SecurityCapability capability, Mds2AnswerValue value, List<String> questionIds) {

  public CapabilityDeclaration {
    Objects.requireNonNull(capability, "capability");
    Objects.requireNonNull(value, "value");
    questionIds = List.copyOf(questionIds);
  }

  /** True when the form answers Yes. */
  public boolean declared() {
    return value == Mds2AnswerValue.YES;
  }
}

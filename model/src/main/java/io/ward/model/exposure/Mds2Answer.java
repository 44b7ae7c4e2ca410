package io.ward.model.exposure;

import java.util.Objects;
import java.util.Optional;

/**
 * One answered row of an MDS2 form.
 *
 * @param questionId the HN 1-2019 question id, e.g. {@code TXCF-2}, {@code MPII-2.1}
 * @param question the question text as printed in the form
 * @param value the answer read as a value
 * @param answer the answer cell as written (e.g. {@code Yes}, or the manufacturer's name for DOC-1)
 * @param note the note or comment given with the answer
 */
public record Mds2Answer(
    String questionId,
    String question,
    Mds2AnswerValue value,
    String answer,
    Optional<String> note) {

  public Mds2Answer {
    Checks.text(questionId, "questionId");
    Objects.requireNonNull(question, "question");
    Objects.requireNonNull(value, "value");
    Objects.requireNonNull(answer, "answer");
    Objects.requireNonNull(note, "note");
  }
}

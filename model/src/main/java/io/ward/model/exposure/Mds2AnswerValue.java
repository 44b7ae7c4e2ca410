package io.ward.model.exposure;

/** How an MDS2 question was answered (ANSI/NEMA HN 1-2019 response column). */
public enum Mds2AnswerValue {
  /** Yes. */
  YES,
  /** No. */
  NO,
  /** N/A. */
  NOT_APPLICABLE,
  /** "See note": the answer is in the note. */
  SEE_NOTE,
  /** Free text (the DOC section: manufacturer, model, dates). */
  TEXT,
  /** Left empty. */
  UNANSWERED
}

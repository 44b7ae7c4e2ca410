package io.ward.server.ingest;

import java.util.Locale;

/** Where an ingest job stands. */
public enum JobState {
  /** Waiting for a worker. */
  QUEUED,
  /** Being analysed or merged. */
  RUNNING,
  /** Done; its results are stored. */
  SUCCEEDED,
  /** Stopped by a problem; nothing of it was stored. */
  FAILED,
  /** Stopped on request; nothing of it was stored. */
  CANCELLED;

  /** The kebab-case id, e.g. {@code running}. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** True once the job will not change any more. */
  public boolean finished() {
    return this == SUCCEEDED || this == FAILED || this == CANCELLED;
  }
}

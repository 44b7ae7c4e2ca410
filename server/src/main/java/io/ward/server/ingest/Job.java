package io.ward.server.ingest;

import java.time.Instant;
import java.util.Optional;

/**
 * One ingest job: a file analysed in the background and merged into the store.
 *
 * @param id the job id
 * @param kind what it reads
 * @param state where it stands
 * @param filename the name the file was given under
 * @param sizeBytes the stored size of the file
 * @param progressBytes bytes read so far
 * @param message the outcome for a person: what was stored, or why nothing was
 * @param devicesAdded devices stored for the first time
 * @param devicesUpdated devices already stored that changed
 * @param captureId the stored capture, once a capture job succeeded
 * @param createdBy who submitted it
 */
public record Job(
    long id,
    JobKind kind,
    JobState state,
    String filename,
    long sizeBytes,
    long progressBytes,
    String message,
    int devicesAdded,
    int devicesUpdated,
    Optional<Long> captureId,
    String createdBy,
    Instant createdAt,
    Optional<Instant> startedAt,
    Optional<Instant> finishedAt) {

  /** Progress from 0 to 1 (1 once finished). */
  public double progress() {
    if (state.finished()) {
      return 1.0;
    }
    return sizeBytes <= 0 ? 0.0 : Math.min(1.0, (double) progressBytes / sizeBytes);
  }

  /** This job ended in {@code state} at {@code at}, with {@code message}. */
  Job endedAs(JobState state, String message, Instant at) {
    return new Job(
        id,
        kind,
        state,
        filename,
        sizeBytes,
        progressBytes,
        message,
        devicesAdded,
        devicesUpdated,
        captureId,
        createdBy,
        createdAt,
        startedAt,
        Optional.of(at));
  }
}

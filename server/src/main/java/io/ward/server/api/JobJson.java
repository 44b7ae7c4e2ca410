package io.ward.server.api;

import io.ward.server.ingest.Job;
import java.time.Instant;
import java.util.Optional;

/**
 * An ingest job as the API shows it.
 *
 * @param state queued, running, succeeded, failed or cancelled
 * @param progress 0 to 1
 * @param message the outcome for a person: what was stored, or why nothing was
 */
public record JobJson(
    long id,
    String kind,
    String state,
    boolean finished,
    String filename,
    long sizeBytes,
    long progressBytes,
    double progress,
    String message,
    int devicesAdded,
    int devicesUpdated,
    Optional<Long> captureId,
    String createdBy,
    Instant createdAt,
    Optional<Instant> startedAt,
    Optional<Instant> finishedAt) {

  /** The view of a job. */
  public static JobJson of(Job j) {
    return new JobJson(
        j.id(),
        j.kind().id(),
        j.state().id(),
        j.state().finished(),
        j.filename(),
        j.sizeBytes(),
        j.progressBytes(),
        j.progress(),
        j.message(),
        j.devicesAdded(),
        j.devicesUpdated(),
        j.captureId(),
        j.createdBy(),
        j.createdAt(),
        j.startedAt(),
        j.finishedAt());
  }
}

package io.ward.server.ingest;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * Endings of jobs the runner could not store because the database's disk is full, held while it
 * tries again: a job whose ending waits here is shown ended so, not running, so that its user sees
 * it is over, and why, while the disk is still full. The stored job, and its audit entry, follow
 * once there is space (or, if the server stops first, the next start fails it as interrupted).
 */
@Component
class UnstoredEndings {
  private record Ending(JobState state, String message, Instant at) {}

  private final Map<Long, Ending> held = new ConcurrentHashMap<>();

  /** Holds the ending of job {@code id}, ended {@code at}, until {@link #release}. */
  void hold(long id, JobState state, String message, Instant at) {
    held.put(id, new Ending(state, message, at));
  }

  /** Forgets the ending of job {@code id}: it was stored, or will not be by this process. */
  void release(long id) {
    held.remove(id);
  }

  /** The job as its user should see it: ended as held while its stored state is unfinished. */
  Job shown(Job job) {
    Ending e = held.get(job.id());
    return e == null || job.state().finished() ? job : job.endedAs(e.state(), e.message(), e.at());
  }
}

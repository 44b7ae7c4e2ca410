package io.ward.exposure.feeds;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@link FeedStore#sync} did per feed.
 *
 * @param outcomes one per configured feed, in configuration order
 */
public record SyncReport(List<Outcome> outcomes) {

  public SyncReport {
    outcomes = List.copyOf(outcomes);
  }

  /** The fate of one feed. */
  public enum Status {
    /** A new copy was fetched, validated and stored. */
    UPDATED,
    /** The server said the stored copy is current (304). */
    NOT_MODIFIED,
    /** The fetch failed or was invalid; the last good copy (if any) is kept. */
    FAILED
  }

  /**
   * One feed's outcome.
   *
   * @param name the feed name
   * @param status what happened
   * @param file the stored copy, when there is one (old or new)
   * @param problem why it failed
   */
  public record Outcome(
      String name, Status status, Optional<Path> file, Optional<FeedProblem> problem) {
    public Outcome {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(status, "status");
      Objects.requireNonNull(file, "file");
      Objects.requireNonNull(problem, "problem");
    }
  }

  /** The outcome of the feed with this name. */
  public Optional<Outcome> outcome(String name) {
    return outcomes.stream().filter(o -> o.name().equals(name)).findFirst();
  }
}

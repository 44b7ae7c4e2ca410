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
   * @param file the stored copy, when there is one (old or new): a file, or the directory of a CSAF
   *     provider's documents or of NVD API pages
   * @param problem why it failed, or (for a provider or API source) a summary of what failed
   * @param details every problem met, one per document or page (the URL is the problem's file)
   * @param summary one line for a person, e.g. {@code 3 documents: 1 updated, 2 not modified}
   */
  public record Outcome(
      String name,
      Status status,
      Optional<Path> file,
      Optional<FeedProblem> problem,
      List<FeedProblem> details,
      Optional<String> summary) {
    public Outcome {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(status, "status");
      Objects.requireNonNull(file, "file");
      Objects.requireNonNull(problem, "problem");
      details = List.copyOf(details);
      Objects.requireNonNull(summary, "summary");
    }

    /** The outcome of a single-file feed: its one problem is its only detail. */
    public Outcome(String name, Status status, Optional<Path> file, Optional<FeedProblem> problem) {
      this(name, status, file, problem, problem.stream().toList(), Optional.empty());
    }

    /** True when some problem is an error (something was not fetched or not stored). */
    public boolean hasErrors() {
      return problem.filter(FeedProblem::isError).isPresent()
          || details.stream().anyMatch(FeedProblem::isError);
    }
  }

  /** The outcome of the feed with this name. */
  public Optional<Outcome> outcome(String name) {
    return outcomes.stream().filter(o -> o.name().equals(name)).findFirst();
  }
}

package io.ward.exposure.feeds;

import java.util.ArrayList;
import java.util.List;

/**
 * What a reader got from a file: every valid item, and the problems met on the way.
 *
 * @param items the items read, in file order
 * @param problems problems met, in file order
 * @param <T> the item type
 */
public record FeedResult<T>(List<T> items, List<FeedProblem> problems) {

  public FeedResult {
    items = List.copyOf(items);
    problems = List.copyOf(problems);
  }

  /** A result with no item and one problem. */
  public static <T> FeedResult<T> failed(FeedProblem problem) {
    return new FeedResult<>(List.of(), List.of(problem));
  }

  /** True when some problem is an error (something was not imported). */
  public boolean hasErrors() {
    return problems.stream().anyMatch(FeedProblem::isError);
  }

  /** This result followed by {@code other}. */
  public FeedResult<T> plus(FeedResult<T> other) {
    List<T> all = new ArrayList<>(items);
    all.addAll(other.items);
    List<FeedProblem> allProblems = new ArrayList<>(problems);
    allProblems.addAll(other.problems);
    return new FeedResult<>(all, allProblems);
  }
}

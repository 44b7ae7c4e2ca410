package io.ward.exposure.feeds;

import java.nio.file.Path;
import java.util.List;

/**
 * What {@link FeedStore#importDirectory} did.
 *
 * @param imported the stored copies written
 * @param problems files skipped or imported with doubts
 */
public record ImportReport(List<Path> imported, List<FeedProblem> problems) {

  public ImportReport {
    imported = List.copyOf(imported);
    problems = List.copyOf(problems);
  }
}

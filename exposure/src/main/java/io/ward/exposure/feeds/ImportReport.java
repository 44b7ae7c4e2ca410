package io.ward.exposure.feeds;

import java.nio.file.Path;
import java.util.List;

/**
 * What {@link FeedStore#importDirectory} did.
 *
 * @param imported the stored copies written
 * @param problems files skipped or imported with doubts
 * @param vexWaiting how many CycloneDX VEX statements (one per {@code affects} entry) name a
 *     component by BOM-link in an SBOM the store does not hold: imported, they apply once that SBOM
 *     is read with them
 */
public record ImportReport(List<Path> imported, List<FeedProblem> problems, int vexWaiting) {

  public ImportReport {
    imported = List.copyOf(imported);
    problems = List.copyOf(problems);
  }

  /** A report with no VEX statement waiting for its SBOM. */
  public ImportReport(List<Path> imported, List<FeedProblem> problems) {
    this(imported, problems, 0);
  }
}

package io.ward.engine;

import io.ward.exposure.cmdb.CmdbMergeResult;
import java.util.Objects;

/**
 * A CMDB export merged with the observed devices, for the reports.
 *
 * @param file the export, as given
 * @param assets the assets read from it
 * @param merge what the merge found: matched devices, conflicts, assets not observed
 */
public record CmdbReconciliation(String file, int assets, CmdbMergeResult merge) {

  public CmdbReconciliation {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(merge, "merge");
  }
}

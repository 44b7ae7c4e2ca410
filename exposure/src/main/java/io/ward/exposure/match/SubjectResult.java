package io.ward.exposure.match;

import io.ward.exposure.version.Version;
import io.ward.model.exposure.FindingStatus;
import java.util.ArrayList;
import java.util.List;

/**
 * The findings of one distinct (subject identity, version), in compact form: per finding key
 * (advisory id and vulnerability) the winning statement and vulnerability, its status and outcome.
 * When statements tie on everything the finding order compares except the explanation text, all
 * tied ones are kept and the device's materialisation picks, as the nested-loop matcher would.
 */
final class SubjectResult {

  static final FindingStatus[] FINDING_STATUSES = FindingStatus.values();

  final SubjectNode node;

  /** The version, null when unknown. */
  final Version version;

  /** Shapes that use this result (for the devices an advisory touches). */
  final List<Fleet.Shape> shapes = new ArrayList<>(1);

  boolean computed;

  /**
   * The version's code on the index's line, valid while the line's changes are {@link #codeEpoch}.
   */
  long versionCode;

  int codeEpoch = -1;
  int size;
  int[] fkey = EMPTY;
  int[] entry = EMPTY;
  int[] vuln = EMPTY;

  /** Outcome ordinal (bits 0-2), finding status (3-4), product status (5-7). */
  int[] code = EMPTY;

  double[] confidence = new double[0];

  /** Distinct finding keys, and of them affected, possibly affected, not affected. */
  int distinct;

  /**
   * The finding templates made from this result, one entry per distinct subject text; null until
   * asked for, cleared when the result changes.
   */
  volatile FindingTemplates.Made templates;

  final int[] byStatus = new int[3];

  private static final int[] EMPTY = new int[0];

  SubjectResult(SubjectNode node, Version version) {
    this.node = node;
    this.version = version;
  }

  static int code(PairEvaluator.Outcome o, FindingStatus fs, int productStatus) {
    return o.ordinal() | (fs.ordinal() << 3) | (productStatus << 5);
  }

  static PairEvaluator.Outcome outcome(int code) {
    return PairEvaluator.Outcome.ALL[code & 7];
  }

  static FindingStatus status(int code) {
    return FINDING_STATUSES[(code >> 3) & 3];
  }

  static int productStatus(int code) {
    return (code >> 5) & 7;
  }
}

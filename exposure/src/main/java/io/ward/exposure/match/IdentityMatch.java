package io.ward.exposure.match;

import io.ward.model.exposure.MatchRule;

/**
 * How a subject's identity met an advisory product's.
 *
 * @param confidence 0 to 1, how sure the product is the subject's
 * @param kind {@link #PURL}, {@link #CPE}, or a model-name kind (0 exact, 1 all words and number, 2
 *     contained, 3 model range, 4 family, 5 partial)
 * @param vendorNote empty, or why the vendor could not be compared
 */
record IdentityMatch(double confidence, int kind, String vendorNote) {

  /** Matched by package URL. */
  static final int PURL = 6;

  /** Matched by CPE vendor:product. */
  static final int CPE = 7;

  /** The rule that decides the version question: the identifier's, else the statement's. */
  MatchRule rule(MatchRule statementRule) {
    return kind == PURL ? MatchRule.PURL : kind == CPE ? MatchRule.CPE : statementRule;
  }

  /** This match with its confidence at most {@code cap}. */
  IdentityMatch atMost(double cap) {
    return confidence <= cap ? this : new IdentityMatch(cap, kind, vendorNote);
  }

  /** True when a finding from this match may be "affected" rather than "possibly". */
  boolean certain() {
    return confidence >= PairEvaluator.CERTAIN;
  }
}

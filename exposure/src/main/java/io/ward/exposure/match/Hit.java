package io.ward.exposure.match;

import io.ward.model.exposure.MatchRule;

/**
 * A subject matched to a product: how sure the identity is and what the version says.
 *
 * @param identityConfidence 0 to 1, how sure the product is the subject's
 * @param identity plain sentence on the identity match
 * @param rule the rule that decided the version question
 * @param version the version outcome
 * @param versionText plain sentence on the version outcome
 */
record Hit(
    double identityConfidence,
    String identity,
    MatchRule rule,
    VersionOutcome version,
    String versionText) {

  /** What the version statement says about the subject's version. */
  enum VersionOutcome {
    /** Inside the stated versions (or the statement covers all versions). */
    IN,
    /** Outside the stated versions. */
    OUT,
    /** The subject's version is unknown. */
    UNKNOWN_VERSION,
    /** The advisory's statement could not be read. */
    UNREADABLE,
    /** The advisory states no version. */
    NO_STATEMENT
  }
}

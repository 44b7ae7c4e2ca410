package io.ward.server.api;

/** The remediation programme's metrics on the embedded H2 database. */
class H2RemediationMetricsTest extends RemediationMetricsContract {
  @Override
  boolean postgres() {
    return false;
  }
}

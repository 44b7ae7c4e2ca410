package io.ward.server.api;

/** Group remediation, findings filters and advisories on the embedded H2 database. */
class H2GroupRemediationTest extends GroupRemediationContract {
  @Override
  boolean postgres() {
    return false;
  }
}

package io.ward.server.api;

/** The REST API on the embedded H2 database. */
class H2ApiTest extends ApiContract {
  @Override
  boolean postgres() {
    return false;
  }
}

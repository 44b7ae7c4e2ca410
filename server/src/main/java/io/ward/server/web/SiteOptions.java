package io.ward.server.web;

import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The sites a console listing can be narrowed to (the API's {@code ?site=ID}), for its select. */
@Component
class SiteOptions {
  /** A site by id and name. */
  record Site(long id, String name) {}

  private final JdbcClient jdbc;

  SiteOptions(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * Every site by name: sites come from CMDB locations, so a hospital has tens of them, not
   * thousands, and one small query per page is cheap.
   */
  List<Site> all() {
    return jdbc.sql("SELECT id, name FROM site ORDER BY name, id").query(Site.class).list();
  }
}

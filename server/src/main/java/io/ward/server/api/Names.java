package io.ward.server.api;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;

/** Reading helpers for the few queries the API and console run themselves. */
final class Names {
  private Names() {}

  /** A device's display name from its row: first hostname, else vendor and model, else its key. */
  static String device(ResultSet rs, String prefix) throws SQLException {
    String hostnames = rs.getString(prefix + "hostnames");
    if (hostnames != null && !hostnames.isEmpty()) {
      return hostnames.split(",", 2)[0];
    }
    String vm =
        (nz(rs.getString(prefix + "vendor")) + " " + nz(rs.getString(prefix + "model"))).strip();
    return vm.isEmpty() ? rs.getString(prefix + "device_key") : vm;
  }

  static Instant instant(ResultSet rs, String column) throws SQLException {
    OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
    return t == null ? Instant.EPOCH : t.toInstant();
  }

  private static String nz(String s) {
    return s == null ? "" : s;
  }
}

package io.ward.server.inventory;

import io.ward.model.Category;
import io.ward.model.Criticality;
import io.ward.server.exposure.StoredDecision;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/** Mapping between device rows and records; list columns are comma-separated. */
final class DeviceRows {
  /**
   * The columns {@link #row} reads, not {@code d.*}: the search texts are as long as the rest of
   * the row together, and every search sent and decoded them for nothing.
   */
  static final String SELECT =
      "SELECT d.id, d.device_key, d.mac, d.ips, d.hostnames, d.vlans, d.vendor, d.model, d.os,"
          + " d.firmware, d.serial, d.category, d.modality, d.medical, d.criticality,"
          + " d.risk_score, d.risk_decision, d.kev, d.end_of_life, d.open_findings,"
          + " d.protocols_client, d.protocols_server, d.software, d.first_seen, d.last_seen,"
          + " s.name AS site_name FROM device d LEFT JOIN site s ON s.id = d.site_id";

  private DeviceRows() {}

  static DeviceRow row(ResultSet rs, int n) throws SQLException {
    String key = rs.getString("device_key");
    List<String> hostnames = list(rs.getString("hostnames"));
    Optional<String> vendor = text(rs.getString("vendor"));
    Optional<String> model = text(rs.getString("model"));
    return new DeviceRow(
        rs.getLong("id"),
        key,
        displayName(key, hostnames, vendor, model),
        text(rs.getString("mac")),
        list(rs.getString("ips")),
        hostnames,
        list(rs.getString("vlans")).stream().map(Integer::valueOf).toList(),
        vendor,
        model,
        text(rs.getString("os")),
        text(rs.getString("firmware")),
        text(rs.getString("serial")),
        Category.fromId(rs.getString("category")).orElse(Category.UNKNOWN),
        text(rs.getString("modality")),
        rs.getBoolean("medical"),
        Criticality.fromId(rs.getString("criticality")).orElse(Criticality.LOW),
        rs.getInt("risk_score"),
        StoredDecision.shown(rs.getString("risk_decision")),
        rs.getBoolean("kev"),
        rs.getBoolean("end_of_life"),
        rs.getInt("open_findings"),
        Optional.ofNullable(rs.getString("site_name")),
        list(rs.getString("protocols_client")),
        list(rs.getString("protocols_server")),
        SoftwareColumn.read(rs.getString("software")),
        instant(rs, "first_seen"),
        instant(rs, "last_seen"));
  }

  static String displayName(
      String key, List<String> hostnames, Optional<String> vendor, Optional<String> model) {
    if (!hostnames.isEmpty()) {
      return hostnames.get(0);
    }
    if (vendor.isPresent() || model.isPresent()) {
      return (vendor.orElse("") + " " + model.orElse("")).strip();
    }
    return key;
  }

  static Optional<String> text(String s) {
    return s == null || s.isEmpty() ? Optional.empty() : Optional.of(s);
  }

  static List<String> list(String s) {
    return s == null || s.isEmpty() ? List.of() : Arrays.asList(s.split(","));
  }

  static String join(Collection<?> values) {
    return String.join(",", values.stream().map(Object::toString).toList());
  }

  static Instant instant(ResultSet rs, String column) throws SQLException {
    OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
    return t == null ? Instant.EPOCH : t.toInstant();
  }

  static Optional<Instant> optionalInstant(ResultSet rs, String column) throws SQLException {
    OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
    return t == null ? Optional.empty() : Optional.of(t.toInstant());
  }

  static OffsetDateTime utc(Instant i) {
    return OffsetDateTime.ofInstant(i, ZoneOffset.UTC);
  }
}

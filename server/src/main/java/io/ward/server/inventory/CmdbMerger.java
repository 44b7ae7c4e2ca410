package io.ward.server.inventory;

import io.ward.model.exposure.CmdbAsset;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Merges CMDB/CMMS assets into stored devices: an asset is matched by MAC, else IP, else host name;
 * its location becomes the device's site, and serial, vendor, model and firmware fill what traffic
 * did not show. Every change goes to the history with the CMDB row as evidence.
 */
@Service
public class CmdbMerger {
  private final JdbcClient jdbc;
  private final Clock clock = Clock.systemUTC();

  CmdbMerger(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * What a merge did.
   *
   * @param matched assets matched to a stored device
   * @param unmatched assets no stored device matched (not seen on the network yet)
   * @param changes attribute changes recorded
   * @param deviceIds the devices matched
   */
  public record Result(int matched, int unmatched, int changes, List<Long> deviceIds) {
    public Result {
      deviceIds = List.copyOf(deviceIds);
    }
  }

  /** Merges the assets; joins the caller's transaction. */
  @Transactional
  public Result merge(List<CmdbAsset> assets, long jobId) {
    Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
    Map<String, Long> sites = new HashMap<>();
    int matched = 0;
    int changes = 0;
    List<Long> ids = new ArrayList<>();
    for (CmdbAsset a : assets) {
      Optional<Row> device = find(a);
      if (device.isEmpty()) {
        continue;
      }
      matched++;
      Row d = device.get();
      ids.add(d.id);
      changes += fill(d, "serial", d.serial, a.serial(), now, jobId, a);
      changes += fill(d, "vendor", d.vendor, a.manufacturer(), now, jobId, a);
      changes += fill(d, "model", d.model, a.model(), now, jobId, a);
      changes += fill(d, "firmware", d.firmware, a.softwareVersion(), now, jobId, a);
      Optional<String> location = a.location().map(String::strip).filter(s -> !s.isEmpty());
      if (location.isPresent()) {
        long site = sites.computeIfAbsent(clip(location.get(), 200), n -> site(n, now));
        if (d.siteId == null || d.siteId != site) {
          jdbc.sql("UPDATE device SET site_id = ?, updated_at = ? WHERE id = ?")
              .params(site, DeviceRows.utc(now), d.id)
              .update();
          change(d.id, "site", d.siteName == null ? "" : d.siteName, location.get(), now, jobId);
          changes++;
        }
      }
    }
    return new Result(matched, assets.size() - matched, changes, ids);
  }

  private record Row(
      long id,
      String serial,
      String vendor,
      String model,
      String firmware,
      Long siteId,
      String siteName) {}

  private Optional<Row> find(CmdbAsset a) {
    String select =
        "SELECT d.id, d.serial, d.vendor, d.model, d.firmware, d.site_id, s.name AS site_name"
            + " FROM device d LEFT JOIN site s ON s.id = d.site_id WHERE ";
    if (a.mac().isPresent()) {
      Optional<Row> r = one(select + "d.mac = ?", a.mac().get().toString());
      if (r.isPresent()) {
        return r;
      }
    }
    if (a.ip().isPresent()) {
      String ip = a.ip().get().toString();
      Optional<Row> r =
          one(
              select + "(d.ips = ? OR d.ips LIKE ? OR d.ips LIKE ? OR d.ips LIKE ?)",
              ip,
              ip + ",%",
              "%," + ip,
              "%," + ip + ",%");
      if (r.isPresent()) {
        return r;
      }
    }
    if (a.hostname().isPresent()) {
      String h = a.hostname().get().toLowerCase(Locale.ROOT);
      return one(select + "(LOWER(d.hostnames) = ? OR LOWER(d.hostnames) LIKE ?)", h, h + ",%");
    }
    return Optional.empty();
  }

  private Optional<Row> one(String sql, Object... params) {
    List<Row> rows =
        jdbc.sql(sql + " ORDER BY d.id")
            .params(params)
            .query(
                (rs, n) -> {
                  long site = rs.getLong("site_id");
                  Long siteId = rs.wasNull() ? null : site;
                  return new Row(
                      rs.getLong("id"),
                      rs.getString("serial"),
                      rs.getString("vendor"),
                      rs.getString("model"),
                      rs.getString("firmware"),
                      siteId,
                      rs.getString("site_name"));
                })
            .list();
    return rows.stream().findFirst();
  }

  /** Fills an attribute traffic left empty; a value already known is kept. */
  private int fill(
      Row d,
      String column,
      String current,
      Optional<String> value,
      Instant now,
      long jobId,
      CmdbAsset a) {
    Optional<String> v = value.map(String::strip).filter(s -> !s.isEmpty());
    if (v.isEmpty() || !current.isEmpty()) {
      return 0;
    }
    String clipped = clip(v.get(), 200);
    jdbc.sql("UPDATE device SET " + column + " = ?, updated_at = ? WHERE id = ?")
        .params(clipped, DeviceRows.utc(now), d.id)
        .update();
    change(d.id, column, "", clipped, now, jobId);
    String observed =
        a.source() + " line " + a.line() + a.assetTag().map(t -> " asset " + t).orElse("");
    jdbc.sql(
            "INSERT INTO device_evidence (device_id, evidence_key, attribute, attr_value, source,"
                + " observed, fingerprint, confidence, first_seen) VALUES (?, ?, ?, ?, ?, ?, '', ?, ?)")
        .params(
            d.id,
            InventoryWriter.evidenceKey(
                new io.ward.model.Evidence(
                    column, clipped, "cmdb", clip(observed, 1000), Optional.empty(), 0.95, 0)),
            column,
            clipped,
            "cmdb",
            clip(observed, 1000),
            0.95,
            DeviceRows.utc(now))
        .update();
    return 1;
  }

  private long site(String name, Instant now) {
    Optional<Long> id =
        jdbc.sql("SELECT id FROM site WHERE name = ?").param(name).query(Long.class).optional();
    if (id.isPresent()) {
      return id.get();
    }
    KeyHolder key = new GeneratedKeyHolder();
    jdbc.sql("INSERT INTO site (name, created_at) VALUES (?, ?)")
        .params(name, DeviceRows.utc(now))
        .update(key, "id");
    return key.getKeyAs(Number.class).longValue();
  }

  private void change(long device, String attr, String from, String to, Instant at, long jobId) {
    jdbc.sql(
            "INSERT INTO device_change (device_id, attribute, old_value, new_value, changed_at,"
                + " job_id) VALUES (?, ?, ?, ?, ?, ?)")
        .params(
            device,
            attr,
            clip(from, 2000),
            clip(to, 2000),
            OffsetDateTime.ofInstant(at, java.time.ZoneOffset.UTC),
            jobId > 0 ? jobId : null)
        .update();
  }

  private static String clip(String s, int max) {
    return s.length() <= max ? s : s.substring(0, max);
  }
}

package io.ward.server.inventory;

import io.ward.exposure.cmdb.CmdbConflict;
import io.ward.exposure.cmdb.CmdbMergeResult;
import io.ward.exposure.cmdb.MergedDevice;
import io.ward.exposure.cmdb.UnobservedAsset;
import io.ward.model.Category;
import io.ward.model.Criticality;
import io.ward.model.Device;
import io.ward.model.IpAddress;
import io.ward.model.MacAddress;
import io.ward.model.exposure.CmdbAsset;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Merges CMDB/CMMS assets into stored devices with the exposure module's {@link
 * io.ward.exposure.cmdb.CmdbMerger}, the one {@code ward vulns --cmdb} uses, so that the server and
 * the command line decide alike: an asset is matched by MAC, then IP, then serial, then host name,
 * never against a stronger identifier; a second row naming a claimed device, or an identifier
 * naming several, is reported rather than merged. A matched asset's location becomes the device's
 * site, and its serial, vendor, model and firmware fill what traffic did not show (every change
 * goes to the history with the CMDB row as evidence); what the CMDB and the network disagree on,
 * the rows not merged and the assets nobody saw are stored by {@link CmdbConflicts}, replacing the
 * previous import's.
 */
@Service
public class CmdbMerger {
  /** The device's descriptive search text made again from its columns, as the migration does. */
  private static final String SEARCH_TEXT_REFRESH =
      "UPDATE device SET search_text = LEFT(LOWER(CONCAT_WS(' ', vendor, model, os, firmware,"
          + " serial, category, modality, REPLACE(ae_titles, ',', ' '),"
          + " REPLACE(hl7_applications, ',', ' '), REPLACE(software_names, ',', ' '),"
          + " REPLACE(protocols_client, ',', ' '),"
          + " REPLACE(protocols_server, ',', ' '))), 8000) WHERE id = ?";

  /** Attributes whose conflicts name the evidence the network's value came from. */
  private static final Map<CmdbConflict.Kind, String> EVIDENCE_ATTRIBUTES =
      Map.of(
          CmdbConflict.Kind.VENDOR, "vendor",
          CmdbConflict.Kind.MODEL, "model",
          CmdbConflict.Kind.FIRMWARE, "firmware",
          CmdbConflict.Kind.SERIAL, "serial",
          CmdbConflict.Kind.HOSTNAME, "hostname");

  private static final int IN_CHUNK = 500;

  private final JdbcClient jdbc;
  private final CmdbConflicts conflicts;
  private final io.ward.exposure.cmdb.CmdbMerger merger = new io.ward.exposure.cmdb.CmdbMerger();
  private final Clock clock = Clock.systemUTC();

  CmdbMerger(JdbcClient jdbc, CmdbConflicts conflicts) {
    this.jdbc = jdbc;
    this.conflicts = conflicts;
  }

  /**
   * What a merge did.
   *
   * @param matched assets merged into a stored device
   * @param unmatched assets not merged: not observed, or not merged for a conflict (a duplicate
   *     row, an ambiguous identifier)
   * @param changes attribute changes recorded
   * @param deviceIds the devices matched
   * @param conflicts conflicts stored: disagreements with the network and rows not merged
   * @param notObserved assets no stored device matched by any identifier (not seen on the network)
   */
  public record Result(
      int matched,
      int unmatched,
      int changes,
      List<Long> deviceIds,
      int conflicts,
      int notObserved) {
    public Result {
      deviceIds = List.copyOf(deviceIds);
    }
  }

  /** Merges the assets of CMDB import job {@code jobId}; joins the caller's transaction. */
  @Transactional
  public Result merge(List<CmdbAsset> assets, long jobId) {
    Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
    List<CmdbAsset> named = named(assets, jobId);
    List<Row> rows = new ArrayList<>();
    List<Device> devices = new ArrayList<>();
    jdbc.sql(
            "SELECT d.id, d.mac, d.ips, d.hostnames, d.serial, d.vendor, d.model, d.firmware,"
                + " d.site_id, s.name AS site_name"
                + " FROM device d LEFT JOIN site s ON s.id = d.site_id ORDER BY d.id")
        .query(
            rs -> {
              long site = rs.getLong("site_id");
              Long siteId = rs.wasNull() ? null : site;
              Row r =
                  new Row(
                      rs.getLong("id"),
                      rs.getString("mac"),
                      rs.getString("ips"),
                      rs.getString("hostnames"),
                      rs.getString("serial"),
                      rs.getString("vendor"),
                      rs.getString("model"),
                      rs.getString("firmware"),
                      siteId,
                      rs.getString("site_name"));
              rows.add(r);
              devices.add(r.device());
            });
    CmdbMergeResult result = merger.merge(devices, named);

    Map<String, Long> sites = new HashMap<>();
    int changes = 0;
    List<Long> ids = new ArrayList<>();
    for (int i = 0; i < rows.size(); i++) {
      MergedDevice m = result.devices().get(i);
      if (m.asset().isEmpty()) {
        continue;
      }
      Row d = rows.get(i);
      CmdbAsset a = m.asset().get();
      ids.add(d.id);
      int changesBefore = changes;
      changes += fill(d, "serial", d.serial, a.serial(), now, jobId, a);
      changes += fill(d, "vendor", d.vendor, a.manufacturer(), now, jobId, a);
      changes += fill(d, "model", d.model, a.model(), now, jobId, a);
      changes += fill(d, "firmware", d.firmware, a.softwareVersion(), now, jobId, a);
      if (changes > changesBefore) {
        // What the CMDB filled in is searchable like what traffic showed (V202611290200).
        jdbc.sql(SEARCH_TEXT_REFRESH).param(d.id).update();
      }
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

    List<CmdbConflicts.Entry> entries = new ArrayList<>();
    Map<Long, Map<String, String>> sources = observedSources(result.conflicts(), rows);
    for (CmdbConflict c : result.conflicts()) {
      Long device = c.deviceId().map(Long::valueOf).orElse(null);
      String observedSource =
          c.observedSource()
              .orElseGet(
                  () -> {
                    String attr = EVIDENCE_ATTRIBUTES.get(c.kind());
                    Map<String, String> of = device == null ? null : sources.get(device);
                    return attr == null || of == null ? "" : of.getOrDefault(attr, "");
                  });
      entries.add(
          new CmdbConflicts.Entry(
              device,
              CmdbConflictKind.of(c.kind()),
              c.asset(),
              c.source(),
              c.observed().orElse(""),
              observedSource,
              c.recorded().orElse(""),
              c.message()));
    }
    for (UnobservedAsset u : result.unobserved()) {
      CmdbAsset a = u.asset();
      String product = product(a);
      entries.add(
          new CmdbConflicts.Entry(
              null,
              CmdbConflictKind.NOT_OBSERVED,
              label(a),
              a.source() + ":" + a.line(),
              "",
              "",
              describe(a),
              label(a)
                  + (product.isEmpty() ? "" : " (" + product + ")")
                  + " was not seen on the network"));
    }
    conflicts.replace(jobId, entries, now);
    int matched = ids.size();
    return new Result(
        matched,
        assets.size() - matched,
        changes,
        ids,
        result.conflicts().size(),
        result.unobserved().size());
  }

  /**
   * The assets with the export named by its uploaded file name (the job's), not by the path it is
   * stored under: the name appears in conflicts' sources and messages, as {@code ward vulns} names
   * the file it was given.
   */
  private List<CmdbAsset> named(List<CmdbAsset> assets, long jobId) {
    Optional<String> filename =
        jobId > 0
            ? jdbc.sql("SELECT filename FROM ingest_job WHERE id = ?")
                .param(jobId)
                .query(String.class)
                .optional()
            : Optional.empty();
    List<CmdbAsset> out = new ArrayList<>(assets.size());
    for (CmdbAsset a : assets) {
      String source = filename.orElseGet(() -> fileName(a.source()));
      out.add(
          source.equals(a.source())
              ? a
              : new CmdbAsset(
                  a.assetTag(),
                  a.manufacturer(),
                  a.model(),
                  a.serial(),
                  a.softwareVersion(),
                  a.department(),
                  a.location(),
                  a.mac(),
                  a.ip(),
                  a.hostname(),
                  a.extra(),
                  source,
                  a.line()));
    }
    return out;
  }

  private static String fileName(String path) {
    try {
      Path name = Path.of(path).getFileName();
      return name == null ? path : name.toString();
    } catch (InvalidPathException e) {
      return path;
    }
  }

  /**
   * For each device with a conflict on a text attribute, the source of the strongest stored
   * evidence for the value it shows, by attribute, as the exposure module names it from a device's
   * evidence (the devices given to the merger carry none: they are read in one query).
   */
  private Map<Long, Map<String, String>> observedSources(List<CmdbConflict> found, List<Row> rows) {
    Map<Long, Row> byId = new HashMap<>();
    for (Row r : rows) {
      byId.put(r.id, r);
    }
    // device → attribute → the value the device shows
    Map<Long, Map<String, String>> wanted = new HashMap<>();
    for (CmdbConflict c : found) {
      String attr = EVIDENCE_ATTRIBUTES.get(c.kind());
      if (attr == null || c.observedSource().isPresent() || c.deviceId().isEmpty()) {
        continue;
      }
      Row r = byId.get(Long.valueOf(c.deviceId().get()));
      if (r != null) {
        r.value(attr)
            .ifPresent(v -> wanted.computeIfAbsent(r.id, k -> new HashMap<>()).put(attr, v));
      }
    }
    Map<Long, Map<String, String>> out = new HashMap<>();
    Map<Long, Map<String, Double>> best = new HashMap<>();
    List<Long> devices = new ArrayList<>(wanted.keySet());
    for (int i = 0; i < devices.size(); i += IN_CHUNK) {
      List<Long> chunk = devices.subList(i, Math.min(devices.size(), i + IN_CHUNK));
      String marks = String.join(", ", java.util.Collections.nCopies(chunk.size(), "?"));
      jdbc.sql(
              "SELECT device_id, attribute, attr_value, source, confidence FROM device_evidence"
                  + " WHERE device_id IN ("
                  + marks
                  + ") AND attribute IN ('vendor', 'model', 'firmware', 'serial', 'hostname')"
                  + " ORDER BY device_id, id")
          .params(new ArrayList<Object>(chunk))
          .query(
              rs -> {
                long device = rs.getLong("device_id");
                String attr = rs.getString("attribute");
                String shown = wanted.get(device).get(attr);
                if (shown == null || !shown.equals(rs.getString("attr_value"))) {
                  return;
                }
                double confidence = rs.getDouble("confidence");
                Double before = best.computeIfAbsent(device, k -> new HashMap<>()).get(attr);
                // The first of equally confident pieces wins, as in the exposure module.
                if (before == null || confidence > before) {
                  best.get(device).put(attr, confidence);
                  out.computeIfAbsent(device, k -> new HashMap<>())
                      .put(attr, rs.getString("source"));
                }
              });
    }
    return out;
  }

  /** The asset as conflicts name it: its tag, else its serial, else its line. */
  static String label(CmdbAsset a) {
    return a.assetTag()
        .map(t -> "asset " + t)
        .or(() -> a.serial().map(s -> "serial " + s))
        .orElse("line " + a.line());
  }

  /** Manufacturer and model, as far as the CMDB names them. */
  private static String product(CmdbAsset a) {
    return (a.manufacturer().orElse("") + " " + a.model().orElse(""))
        .strip()
        .replaceAll("\\s+", " ");
  }

  /**
   * What the CMDB records of an asset nobody saw (no unmapped columns: they could hold anything).
   */
  static String describe(CmdbAsset a) {
    List<String> parts = new ArrayList<>();
    String product = product(a);
    if (!product.isEmpty()) {
      parts.add(product);
    }
    a.softwareVersion().ifPresent(v -> parts.add("software " + v));
    if (a.assetTag().isPresent()) {
      a.serial().ifPresent(v -> parts.add("serial " + v));
    }
    a.mac().ifPresent(v -> parts.add("MAC " + v));
    a.ip().ifPresent(v -> parts.add("IP " + v));
    a.hostname().ifPresent(v -> parts.add("host name " + v));
    a.department().ifPresent(v -> parts.add(v));
    a.location().ifPresent(v -> parts.add(v));
    return String.join(", ", parts);
  }

  /** A stored device's identifiers and the attributes a CMDB row may fill. */
  private record Row(
      long id,
      String mac,
      String ips,
      String hostnames,
      String serial,
      String vendor,
      String model,
      String firmware,
      Long siteId,
      String siteName) {

    /**
     * The device as the exposure module sees it: id the stored id, identifiers and identity only
     * (addresses that do not parse are left out).
     */
    Device device() {
      Optional<MacAddress> m = Optional.empty();
      if (!mac.isEmpty()) {
        try {
          m = Optional.of(MacAddress.parse(mac));
        } catch (RuntimeException e) {
          // not a MAC address: matched by its other identifiers
        }
      }
      List<IpAddress> addresses = new ArrayList<>();
      for (String ip : DeviceRows.list(ips)) {
        try {
          addresses.add(IpAddress.parse(ip));
        } catch (RuntimeException e) {
          // not an IP address: left out
        }
      }
      return new Device(
          Long.toString(id),
          m,
          addresses,
          DeviceRows.list(hostnames),
          Set.of(),
          DeviceRows.text(vendor),
          DeviceRows.text(model),
          Optional.empty(),
          DeviceRows.text(firmware),
          DeviceRows.text(serial),
          Category.UNKNOWN,
          Optional.empty(),
          false,
          Criticality.MEDIUM,
          Set.of(),
          Set.of(),
          Set.of(),
          Set.of(),
          0L,
          0L,
          List.of());
    }

    /** The value of an attribute the device shows (its first host name for {@code hostname}). */
    Optional<String> value(String attribute) {
      switch (attribute) {
        case "vendor":
          return DeviceRows.text(vendor);
        case "model":
          return DeviceRows.text(model);
        case "firmware":
          return DeviceRows.text(firmware);
        case "serial":
          return DeviceRows.text(serial);
        default:
          return DeviceRows.list(hostnames).stream().findFirst();
      }
    }
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

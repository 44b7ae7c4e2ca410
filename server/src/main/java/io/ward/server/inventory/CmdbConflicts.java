package io.ward.server.inventory;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The stored reconciliation of the last CMDB import with the observed devices ({@code
 * cmdb_conflict}): written by {@link CmdbMerger}, each import replacing the rows of the one before
 * (an export is a snapshot of the CMDB), and read by the API and the console. Every read is one
 * statement, so it joins a transaction only when the caller has one.
 */
@Service
@Transactional(propagation = Propagation.SUPPORTS, readOnly = true)
public class CmdbConflicts {
  /** Most rows one page of the listing returns. */
  public static final int MAX_LIMIT = 500;

  /** Most rows shown for one device. */
  static final int MAX_PER_DEVICE = 200;

  private static final String SELECT =
      "SELECT c.*, d.device_key, d.hostnames, d.vendor, d.model FROM cmdb_conflict c"
          + " LEFT JOIN device d ON d.id = c.device_id";

  private static final List<String> COLUMNS =
      List.of(
          "job_id",
          "device_id",
          "kind",
          "asset",
          "source",
          "observed",
          "observed_source",
          "recorded",
          "message",
          "created_at");

  private final JdbcClient jdbc;
  private final RowInserter inserter;

  CmdbConflicts(JdbcClient jdbc, JdbcTemplate template) {
    this.jdbc = jdbc;
    this.inserter = new RowInserter(template);
  }

  /**
   * One row to store.
   *
   * @param deviceId the stored device, or null
   * @param observed what the network shows, or empty
   * @param observedSource where that came from, or empty
   * @param recorded what the CMDB says, or empty
   */
  record Entry(
      Long deviceId,
      CmdbConflictKind kind,
      String asset,
      String source,
      String observed,
      String observedSource,
      String recorded,
      String message) {}

  /** The last CMDB import that succeeded: its job, file name and when it finished. */
  public record LastImport(long jobId, String filename, Optional<Instant> finishedAt) {}

  /** How many rows of a kind the last import left. */
  public record KindCount(CmdbConflictKind kind, long rows) {}

  /** Replaces every stored row with {@code entries} of job {@code jobId}; joins the caller's. */
  @Transactional
  void replace(long jobId, List<Entry> entries, Instant now) {
    jdbc.sql("DELETE FROM cmdb_conflict").update();
    List<Object[]> rows = new ArrayList<>(entries.size());
    for (Entry e : entries) {
      rows.add(
          new Object[] {
            jobId > 0 ? jobId : null,
            e.deviceId(),
            e.kind().name(),
            clip(e.asset(), 300),
            clip(e.source(), 600),
            clip(e.observed(), 2000),
            clip(e.observedSource(), 100),
            clip(e.recorded(), 2000),
            clip(e.message(), 4000),
            DeviceRows.utc(now)
          });
    }
    inserter.insert("cmdb_conflict", COLUMNS, rows);
  }

  /** A device's rows, in the order the import found them. */
  public List<CmdbConflictRow> forDevice(long deviceId) {
    return jdbc.sql(
            SELECT
                + " WHERE c.device_id = ? ORDER BY c.id FETCH FIRST "
                + MAX_PER_DEVICE
                + " ROWS ONLY")
        .param(deviceId)
        .query(CmdbConflicts::row)
        .list();
  }

  /**
   * The rows, in the order the import found them (devices' disagreements, rows not merged, assets
   * not observed), a page at a time.
   *
   * @param deviceId only this device's, when given
   * @param kind only this kind, when given
   * @param cursor the previous page's {@link Page#nextCursor()}
   * @param limit page size, 1 to {@link #MAX_LIMIT}
   * @throws IllegalArgumentException the cursor is malformed or the limit out of range
   */
  public Page<CmdbConflictRow> search(
      Optional<Long> deviceId,
      Optional<CmdbConflictKind> kind,
      Optional<String> cursor,
      int limit) {
    if (limit < 1 || limit > MAX_LIMIT) {
      throw new IllegalArgumentException("limit must lie in [1," + MAX_LIMIT + "]: " + limit);
    }
    List<String> terms = new ArrayList<>();
    List<Object> params = new ArrayList<>();
    filter(deviceId, kind, terms, params);
    if (cursor.isPresent()) {
      terms.add("c.id > ?");
      params.add(decode(cursor.get()));
    }
    String where = terms.isEmpty() ? "" : " WHERE " + String.join(" AND ", terms);
    List<CmdbConflictRow> rows =
        jdbc.sql(SELECT + where + " ORDER BY c.id FETCH FIRST " + (limit + 1) + " ROWS ONLY")
            .params(params)
            .query(CmdbConflicts::row)
            .list();
    if (rows.size() <= limit) {
      return new Page<>(rows, Optional.empty());
    }
    return new Page<>(rows.subList(0, limit), Optional.of(Long.toString(rows.get(limit - 1).id())));
  }

  /** How many rows match the filters. */
  public long count(Optional<Long> deviceId, Optional<CmdbConflictKind> kind) {
    List<String> terms = new ArrayList<>();
    List<Object> params = new ArrayList<>();
    filter(deviceId, kind, terms, params);
    String where = terms.isEmpty() ? "" : " WHERE " + String.join(" AND ", terms);
    return jdbc.sql("SELECT COUNT(*) FROM cmdb_conflict c" + where)
        .params(params)
        .query(Long.class)
        .single();
  }

  /** The rows of each kind, kinds in their declared order, kinds without rows left out. */
  public List<KindCount> countsByKind() {
    Map<String, Long> counts = new HashMap<>();
    jdbc.sql("SELECT kind, COUNT(*) AS n FROM cmdb_conflict GROUP BY kind")
        .query(
            rs -> {
              counts.put(rs.getString("kind"), rs.getLong("n"));
            });
    List<KindCount> out = new ArrayList<>();
    for (CmdbConflictKind k : CmdbConflictKind.values()) {
      Long n = counts.get(k.name());
      if (n != null) {
        out.add(new KindCount(k, n));
      }
    }
    return out;
  }

  /** The last CMDB import that succeeded, if any. */
  public Optional<LastImport> lastImport() {
    return jdbc.sql(
            "SELECT id, filename, finished_at FROM ingest_job WHERE kind = 'cmdb'"
                + " AND state = 'succeeded' ORDER BY id DESC FETCH FIRST 1 ROWS ONLY")
        .query(
            (rs, n) ->
                new LastImport(
                    rs.getLong("id"),
                    rs.getString("filename"),
                    DeviceRows.optionalInstant(rs, "finished_at")))
        .optional();
  }

  private static void filter(
      Optional<Long> deviceId,
      Optional<CmdbConflictKind> kind,
      List<String> terms,
      List<Object> params) {
    deviceId.ifPresent(
        d -> {
          terms.add("c.device_id = ?");
          params.add(d);
        });
    kind.ifPresent(
        k -> {
          terms.add("c.kind = ?");
          params.add(k.name());
        });
  }

  private static long decode(String cursor) {
    try {
      long id = Long.parseLong(cursor.strip());
      if (id >= 0) {
        return id;
      }
    } catch (NumberFormatException e) {
      // falls through to the refusal below
    }
    throw new IllegalArgumentException("malformed cursor");
  }

  private static CmdbConflictRow row(ResultSet rs, int n) throws SQLException {
    long job = rs.getLong("job_id");
    Optional<Long> jobId = rs.wasNull() ? Optional.empty() : Optional.of(job);
    long device = rs.getLong("device_id");
    Optional<Long> deviceId = rs.wasNull() ? Optional.empty() : Optional.of(device);
    Optional<String> key = Optional.ofNullable(rs.getString("device_key"));
    String hostnames = rs.getString("hostnames");
    String vendor = rs.getString("vendor");
    String model = rs.getString("model");
    Optional<String> name =
        key.map(
            k ->
                DeviceRows.displayName(
                    k,
                    DeviceRows.list(hostnames),
                    DeviceRows.text(vendor),
                    DeviceRows.text(model)));
    return new CmdbConflictRow(
        rs.getLong("id"),
        jobId,
        deviceId,
        key,
        name,
        CmdbConflictKind.valueOf(rs.getString("kind")),
        rs.getString("asset"),
        rs.getString("source"),
        DeviceRows.text(rs.getString("observed")),
        DeviceRows.text(rs.getString("observed_source")),
        DeviceRows.text(rs.getString("recorded")),
        rs.getString("message"),
        DeviceRows.instant(rs, "created_at"));
  }

  /**
   * Text for a column of {@code max} characters: NUL (which PostgreSQL refuses in text) replaced,
   * cut without splitting a surrogate pair.
   */
  static String clip(String s, int max) {
    String t = s == null ? "" : s.replace('\0', '\uFFFD');
    if (t.length() <= max) {
      return t;
    }
    int end = Character.isHighSurrogate(t.charAt(max - 1)) ? max - 1 : max;
    return t.substring(0, end);
  }
}

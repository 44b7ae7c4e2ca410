package io.ward.server.exposure;

import io.ward.model.exposure.FindingKind;
import io.ward.model.exposure.FindingStatus;
import io.ward.server.inventory.DeviceQueryService;
import io.ward.server.inventory.Page;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** Reads stored findings and advisories. */
@Service
@Transactional(readOnly = true)
public class FindingService {
  private static final String SELECT =
      "SELECT f.*, d.device_key, d.hostnames, d.vendor AS d_vendor, d.model AS d_model"
          + " FROM finding f JOIN device d ON d.id = f.device_id";

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final TypeReference<List<Map<String, String>>> OPTIONS = new TypeReference<>() {};

  private final JdbcClient jdbc;

  FindingService(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** A device's findings, highest score first. */
  public List<FindingRow> forDevice(long deviceId) {
    return jdbc.sql(SELECT + " WHERE f.device_id = ? ORDER BY f.score DESC, f.id DESC")
        .param(deviceId)
        .query(FindingService::row)
        .list();
  }

  /** One finding. */
  public Optional<FindingRow> finding(long id) {
    return jdbc.sql(SELECT + " WHERE f.id = ?").param(id).query(FindingService::row).optional();
  }

  /**
   * Findings that pass a filter, by score (highest first unless {@link FindingFilter#ascending()}),
   * a page at a time.
   *
   * @param cursor the previous page's {@link Page#nextCursor()} (of the same order)
   * @param limit page size, 1 to 500
   * @throws IllegalArgumentException the cursor is malformed or the limit out of range
   */
  public Page<FindingRow> search(FindingFilter filter, Optional<String> cursor, int limit) {
    if (limit < 1 || limit > 500) {
      throw new IllegalArgumentException("limit must lie in [1,500]: " + limit);
    }
    List<String> terms = new ArrayList<>();
    List<Object> params = new ArrayList<>();
    // Stored as enum names (FindingRefresher), not the kebab-case ids of the API.
    filter.status().ifPresent(s -> add(terms, params, "f.status = ?", s.name()));
    if (filter.kevOnly()) {
      terms.add("f.kev = TRUE");
    }
    filter.decision().ifPresent(d -> add(terms, params, "f.decision = ?", d.name()));
    filter.kind().ifPresent(k -> add(terms, params, "f.kind = ?", k.name()));
    filter.category().ifPresent(c -> add(terms, params, "d.category = ?", c.id()));
    filter
        .vendor()
        .ifPresent(v -> add(terms, params, "LOWER(d.vendor) LIKE ? ESCAPE '\\'", like(v)));
    filter
        .text()
        .ifPresent(
            t -> {
              // Bound as a parameter and LIKE-escaped: quotes, % and _ are plain characters.
              terms.add(
                  "(LOWER(f.vulnerability) LIKE ? ESCAPE '\\' OR LOWER(f.advisory_key) LIKE ?"
                      + " ESCAPE '\\' OR LOWER(f.title) LIKE ? ESCAPE '\\')");
              String pattern = like(t);
              params.addAll(List.of(pattern, pattern, pattern));
            });
    String cmp = filter.ascending() ? ">" : "<";
    if (cursor.isPresent()) {
      long[] c = decode(cursor.get());
      terms.add("(f.score " + cmp + " ? OR (f.score = ? AND f.id " + cmp + " ?))");
      params.addAll(List.of(c[0], c[0], c[1]));
    }
    String where = terms.isEmpty() ? "" : " WHERE " + String.join(" AND ", terms);
    String dir = filter.ascending() ? "ASC" : "DESC";
    List<FindingRow> rows =
        jdbc.sql(
                SELECT
                    + where
                    + " ORDER BY f.score "
                    + dir
                    + ", f.id "
                    + dir
                    + " FETCH FIRST "
                    + (limit + 1)
                    + " ROWS ONLY")
            .params(params)
            .query(FindingService::row)
            .list();
    if (rows.size() <= limit) {
      return new Page<>(rows, Optional.empty());
    }
    FindingRow last = rows.get(limit - 1);
    return new Page<>(rows.subList(0, limit), Optional.of(last.score() + "." + last.id()));
  }

  private static void add(List<String> terms, List<Object> params, String term, Object value) {
    terms.add(term);
    params.add(value);
  }

  /** A LIKE pattern finding {@code s} anywhere, any case, with its wildcards escaped. */
  static String like(String s) {
    return "%" + DeviceQueryService.escapeLike(s.toLowerCase(Locale.ROOT)) + "%";
  }

  /** The findings of one advisory that are not ruled out, by device. */
  public List<FindingRow> ofAdvisory(String advisoryKey) {
    return jdbc.sql(
            SELECT
                + " WHERE f.advisory_key = ? AND f.status <> 'NOT_AFFECTED'"
                + " ORDER BY f.device_id, f.score DESC, f.id FETCH FIRST 2000 ROWS ONLY")
        .param(advisoryKey)
        .query(FindingService::row)
        .list();
  }

  private static long[] decode(String cursor) {
    String[] parts = cursor.split("\\.");
    try {
      if (parts.length == 2) {
        return new long[] {Long.parseLong(parts[0]), Long.parseLong(parts[1])};
      }
    } catch (NumberFormatException e) {
      // falls through to the refusal below
    }
    throw new IllegalArgumentException("malformed cursor");
  }

  /** One advisory by its key ({@code <source>|<id>}). */
  public Optional<AdvisoryRow> advisory(String key) {
    return jdbc.sql("SELECT * FROM advisory WHERE advisory_key = ?")
        .param(key)
        .query(FindingService::advisory)
        .optional();
  }

  static AdvisoryRow advisory(ResultSet rs, int n) throws SQLException {
    return new AdvisoryRow(
        rs.getLong("id"),
        rs.getString("advisory_key"),
        StoredAdvisorySource.shown(rs.getString("source")),
        rs.getString("title"),
        text(rs.getString("publisher")),
        instant(rs, "published"),
        instant(rs, "updated"),
        text(rs.getString("url")),
        rs.getInt("vulnerabilities"),
        rs.getInt("products"));
  }

  private static FindingRow row(ResultSet rs, int n) throws SQLException {
    double epss = rs.getDouble("epss");
    boolean noEpss = rs.wasNull();
    String hostnames = rs.getString("hostnames");
    String name =
        !hostnames.isEmpty()
            ? hostnames.split(",")[0]
            : (rs.getString("d_vendor") + " " + rs.getString("d_model")).strip();
    String rationale = rs.getString("rationale");
    return new FindingRow(
        rs.getLong("id"),
        rs.getString("finding_key"),
        rs.getLong("device_id"),
        name.isEmpty() ? rs.getString("device_key") : name,
        FindingKind.valueOf(rs.getString("kind")),
        rs.getString("vulnerability"),
        rs.getString("advisory_key"),
        rs.getString("title"),
        FindingStatus.valueOf(rs.getString("status")),
        text(rs.getString("status_reason")),
        rs.getString("matched_by"),
        rs.getInt("score"),
        StoredDecision.shown(rs.getString("decision")),
        rs.getBoolean("kev"),
        noEpss ? Optional.empty() : Optional.of(epss),
        rationale.isEmpty() ? List.of() : Arrays.asList(rationale.split("\n")),
        instant(rs, "first_seen").orElse(Instant.EPOCH),
        instant(rs, "last_seen").orElse(Instant.EPOCH),
        text(rs.getString("cvss_vector")),
        number(rs, "base_score"),
        number(rs, "clinical_score"),
        rs.getBoolean("ransomware"),
        ssvc(rs),
        remediations(rs.getString("remediations")),
        Optional.ofNullable(rs.getObject("kev_due_date", LocalDate.class)));
  }

  /** Empty for rows stored before the SSVC inputs were (exploitation is never empty otherwise). */
  private static Optional<FindingRow.Ssvc> ssvc(ResultSet rs) throws SQLException {
    String exploitation = rs.getString("exploitation");
    if (exploitation == null || exploitation.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        new FindingRow.Ssvc(
            exploitation,
            rs.getBoolean("automatable"),
            rs.getString("technical_impact"),
            rs.getString("mission_wellbeing")));
  }

  private static Optional<Double> number(ResultSet rs, String col) throws SQLException {
    double v = rs.getDouble(col);
    return rs.wasNull() ? Optional.empty() : Optional.of(v);
  }

  /** The stored JSON array of options (see {@link FindingRefresher#remediations}). */
  static List<FindingRow.Option> remediations(String json) {
    if (json == null || json.isEmpty()) {
      return List.of();
    }
    List<Map<String, String>> stored = JSON.readValue(json, OPTIONS);
    return stored.stream()
        .map(
            m ->
                new FindingRow.Option(
                    m.getOrDefault("kind", ""),
                    m.getOrDefault("text", ""),
                    text(m.get("fixedVersion")),
                    text(m.get("url")),
                    m.getOrDefault("source", "")))
        .toList();
  }

  static Optional<String> text(String s) {
    return s == null || s.isEmpty() ? Optional.empty() : Optional.of(s);
  }

  static Optional<Instant> instant(ResultSet rs, String col) throws SQLException {
    OffsetDateTime t = rs.getObject(col, OffsetDateTime.class);
    return Optional.ofNullable(t).map(OffsetDateTime::toInstant);
  }

  static String upper(String s) {
    return s.toUpperCase(Locale.ROOT);
  }
}

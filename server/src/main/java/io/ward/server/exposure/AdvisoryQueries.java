package io.ward.server.exposure;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Stored advisories with what they mean for this hospital: the CVEs matched to its devices, how
 * many devices are affected or possibly affected, and whether any of those CVEs is in CISA KEV. The
 * advisory table keeps no CVE list, so the CVEs shown are those of the advisory's findings.
 */
@Service
@Transactional(readOnly = true)
public class AdvisoryQueries {
  /** Most CVEs a summary lists. */
  private static final int MAX_CVES = 100;

  /** Most advisories on one page. */
  public static final int MAX_LIMIT = 200;

  private final JdbcClient jdbc;

  AdvisoryQueries(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * One advisory and its reach.
   *
   * @param cves the CVEs (or other vulnerability ids) of its findings, sorted
   * @param affected devices with an affected finding of it
   * @param possiblyAffected devices with only possibly-affected findings of it
   * @param kev one of its findings' CVEs is in CISA KEV
   */
  public record Summary(
      AdvisoryRow advisory, List<String> cves, int affected, int possiblyAffected, boolean kev) {
    public Summary {
      cves = List.copyOf(cves);
    }
  }

  /** A page of summaries and how many advisories match in all. */
  public record Listing(List<Summary> items, long total) {
    public Listing {
      items = List.copyOf(items);
    }
  }

  /**
   * Devices of one vendor, model and firmware among an advisory's open findings; an empty value is
   * a device without one.
   */
  public record DeviceGroup(String vendor, String model, String firmware, int devices) {

    /**
     * The group's vendor, model and firmware as one form value, each URL-encoded and joined by
     * {@code /}: the console's product choice names the group itself, not its place in a list that
     * an ingest may reorder before the form is sent.
     */
    public String choice() {
      return encode(vendor) + "/" + encode(model) + "/" + encode(firmware);
    }

    /**
     * The vendor, model and firmware of a {@link #choice} (the device count is not part of it).
     *
     * @throws IllegalArgumentException not a choice
     */
    public static DeviceGroup ofChoice(String choice) {
      String[] parts = choice.split("/", -1);
      if (parts.length != 3) {
        throw new IllegalArgumentException("product must be one of the listed device groups");
      }
      return new DeviceGroup(decode(parts[0]), decode(parts[1]), decode(parts[2]), 0);
    }

    private static String encode(String s) {
      return java.net.URLEncoder.encode(s, java.nio.charset.StandardCharsets.UTF_8);
    }

    /** Longest vendor, model or firmware a choice may name; stored ones are far shorter. */
    private static final int MAX_PART = 1000;

    private static String decode(String s) {
      String v = java.net.URLDecoder.decode(s, java.nio.charset.StandardCharsets.UTF_8);
      // No listed group holds control characters, and PostgreSQL refuses NUL in a query's text.
      if (v.length() > MAX_PART || v.chars().anyMatch(c -> c < 0x20 && c != '\t')) {
        throw new IllegalArgumentException("product must be one of the listed device groups");
      }
      return v;
    }
  }

  /** Most advisories {@link #rows} returns at once (the API's largest page). */
  public static final int MAX_ROWS = 500;

  /**
   * Advisories with their summaries, most recently updated first.
   *
   * @param text in the key, title, publisher or a finding's CVE (any case), when given
   * @param offset rows to skip
   * @param limit rows to return, 1 to {@link #MAX_LIMIT}
   */
  public Listing list(Optional<String> text, int offset, int limit) {
    if (limit < 1 || limit > MAX_LIMIT || offset < 0) {
      throw new IllegalArgumentException("limit must lie in [1," + MAX_LIMIT + "], offset >= 0");
    }
    List<Object> params = new ArrayList<>();
    String where = where(text, params);
    long total =
        jdbc.sql("SELECT COUNT(*) FROM advisory a" + where)
            .params(params)
            .query(Long.class)
            .single();
    return new Listing(summaries(rows(where, params, offset, limit)), total);
  }

  /**
   * Advisories without their summaries, in the order of {@link #list}: most recently updated first,
   * undated ones last on every database, so that pages by offset neither skip nor repeat one.
   *
   * @param limit rows to return, 1 to {@link #MAX_ROWS}
   */
  public List<AdvisoryRow> rows(Optional<String> text, int offset, int limit) {
    if (limit < 1 || limit > MAX_ROWS || offset < 0) {
      throw new IllegalArgumentException("limit must lie in [1," + MAX_ROWS + "], offset >= 0");
    }
    List<Object> params = new ArrayList<>();
    return rows(where(text, params), params, offset, limit);
  }

  /** The search condition of {@code text} (empty when absent), its parameters added to params. */
  private static String where(Optional<String> text, List<Object> params) {
    if (text.isEmpty()) {
      return "";
    }
    String p = FindingService.like(text.get());
    params.addAll(List.of(p, p, p, p));
    return " WHERE LOWER(a.advisory_key) LIKE ? ESCAPE '\\' OR LOWER(a.title) LIKE ? ESCAPE '\\'"
        + " OR LOWER(a.publisher) LIKE ? ESCAPE '\\' OR EXISTS (SELECT 1 FROM finding f"
        + " WHERE f.advisory_key = a.advisory_key AND LOWER(f.vulnerability) LIKE ?"
        + " ESCAPE '\\')";
  }

  private List<AdvisoryRow> rows(String where, List<Object> params, int offset, int limit) {
    return jdbc.sql(
            "SELECT a.* FROM advisory a"
                + where
                + " ORDER BY CASE WHEN a.updated IS NULL THEN 1 ELSE 0 END, a.updated DESC,"
                + " a.id DESC OFFSET "
                + offset
                + " ROWS FETCH FIRST "
                + limit
                + " ROWS ONLY")
        .params(params)
        .query(FindingService::advisory)
        .list();
  }

  /** One advisory by storage id. */
  public Optional<Summary> byId(long id) {
    return jdbc.sql("SELECT * FROM advisory WHERE id = ?")
        .param(id)
        .query(FindingService::advisory)
        .optional()
        .map(this::summary);
  }

  /** The vendor/model/firmware groups of the devices an advisory's open findings are on. */
  public List<DeviceGroup> deviceGroups(String advisoryKey) {
    return jdbc.sql(
            "SELECT d.vendor, d.model, d.firmware, COUNT(DISTINCT d.id) AS n FROM finding f"
                + " JOIN device d ON d.id = f.device_id WHERE f.advisory_key = ?"
                + " AND f.status <> 'NOT_AFFECTED' GROUP BY d.vendor, d.model, d.firmware"
                + " ORDER BY n DESC, d.vendor, d.model, d.firmware")
        .param(advisoryKey)
        .query(
            (rs, n) ->
                new DeviceGroup(
                    rs.getString("vendor"),
                    rs.getString("model"),
                    rs.getString("firmware"),
                    rs.getInt("n")))
        .list();
  }

  private Summary summary(AdvisoryRow a) {
    return summaries(List.of(a)).get(0);
  }

  /**
   * The summaries of {@code advisories}, in their order: two statements for the whole page (its
   * CVEs, and its reach), not two per advisory.
   */
  private List<Summary> summaries(List<AdvisoryRow> advisories) {
    if (advisories.isEmpty()) {
      return List.of();
    }
    List<Object> keys = new ArrayList<>();
    advisories.forEach(a -> keys.add(a.key()));
    String in = " IN (" + String.join(", ", java.util.Collections.nCopies(keys.size(), "?")) + ")";
    Map<String, List<String>> cves = new java.util.HashMap<>();
    jdbc.sql(
            "SELECT DISTINCT advisory_key, vulnerability FROM finding WHERE advisory_key"
                + in
                + " ORDER BY advisory_key, vulnerability")
        .params(keys)
        .query(
            (rs, n) -> {
              List<String> of = cves.computeIfAbsent(rs.getString(1), k -> new ArrayList<>());
              if (of.size() < MAX_CVES) {
                of.add(rs.getString(2));
              }
              return null;
            })
        .list();
    record Reach(int affected, int possibly, boolean kev) {}
    Map<String, Reach> reach = new java.util.HashMap<>();
    jdbc.sql(
            "SELECT advisory_key,"
                + " COUNT(DISTINCT CASE WHEN status = 'AFFECTED' THEN device_id END) AS a,"
                + " COUNT(DISTINCT device_id) AS o,"
                + " COUNT(CASE WHEN kev THEN 1 END) AS k FROM finding"
                + " WHERE advisory_key"
                + in
                + " AND status <> 'NOT_AFFECTED' GROUP BY advisory_key")
        .params(keys)
        .query(
            (rs, n) ->
                reach.put(
                    rs.getString(1), new Reach(rs.getInt("a"), rs.getInt("o"), rs.getInt("k") > 0)))
        .list();
    List<Summary> out = new ArrayList<>();
    for (AdvisoryRow a : advisories) {
      Reach r = reach.getOrDefault(a.key(), new Reach(0, 0, false));
      // A device with an affected finding counts as affected only, not also as possibly affected.
      out.add(
          new Summary(
              a,
              cves.getOrDefault(a.key(), List.of()),
              r.affected(),
              r.possibly() - r.affected(),
              r.kev()));
    }
    return out;
  }
}

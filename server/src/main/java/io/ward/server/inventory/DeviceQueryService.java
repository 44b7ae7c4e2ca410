package io.ward.server.inventory;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Reads the stored inventory: search with cursor pages, one device's story, its peers. Reads of
 * several statements share one read-only transaction, so that they see one state of the inventory.
 * Reads of one statement join a transaction only when the caller has one: a statement is atomic by
 * itself, and a transaction of its own cost two more round trips (BEGIN READ ONLY, COMMIT) on every
 * inventory search.
 */
@Service
@Transactional(readOnly = true)
public class DeviceQueryService {
  private final JdbcClient jdbc;
  private final GenericPlans genericPlans;
  private final ValuePlannedQueries valuePlanned;
  private final DeviceSearchIndex index;

  DeviceQueryService(
      JdbcClient jdbc,
      GenericPlans genericPlans,
      ValuePlannedQueries valuePlanned,
      DeviceSearchIndex index) {
    this.jdbc = jdbc;
    this.genericPlans = genericPlans;
    this.valuePlanned = valuePlanned;
    this.index = index;
  }

  /**
   * One page of devices matching {@code query}, in its order.
   *
   * @throws IllegalArgumentException the cursor is malformed or from another order
   */
  @Transactional(propagation = Propagation.SUPPORTS, readOnly = true)
  public Page<DeviceRow> search(DeviceQuery query) {
    Optional<SearchSnapshot> snapshot = index.current(query);
    if (snapshot.isPresent()) {
      SearchSnapshot s = snapshot.get();
      List<Integer> positions = s.matches(query, query.limit() + 1);
      List<DeviceRow> rows = rowsOf(s, positions);
      if (rows.size() == positions.size()) {
        return page(rows, query);
      }
      // A write raced this search (see rowsOf): the database answers, as it does until the index
      // is read again.
    }
    if (windowApplies(query)) {
      List<DeviceRow> found = riskiestInWindow(query);
      if (found.size() > query.limit()) {
        return page(withLongTexts(found, query), query);
      }
    }
    List<Object> params = new ArrayList<>();
    boolean criticalityRange = criticalityAsRange(query);
    StringBuilder where = where(query, params, criticalityRange);
    String col = "d." + query.sort().column;
    String dir = query.descending() ? "DESC" : "ASC";
    if (query.cursor().isPresent()) {
      DeviceCursor c = DeviceCursor.decode(query.cursor().get(), query.sort(), query.descending());
      String op = query.descending() ? "<" : ">";
      Object v = c.value() instanceof Instant i ? DeviceRows.utc(i) : c.value();
      where.append(where.length() == 0 ? " WHERE " : " AND ");
      if (query.sort() == DeviceSort.ID) {
        where.append("d.id ").append(op).append(" ?");
        params.add(c.id());
      } else if (criticalityRange) {
        // The criticality leads the row so that the comparison is a bound of the index on
        // (criticality, risk, id): the scan starts at the cursor.
        where.append("(d.criticality_rank, ").append(col);
        where.append(", d.id) ").append(op).append(" (?, ?, ?)");
        params.add(query.criticality().get().ordinal());
        params.add(v);
        params.add(c.id());
      } else {
        // A row comparison, not "col < ? OR (col = ? AND id < ?)": the database can start the
        // index scan at the cursor instead of reading and dropping every row before it.
        where.append("(").append(col).append(", d.id) ").append(op).append(" (?, ?)");
        params.add(v);
        params.add(c.id());
      }
    }
    String order =
        query.sort() == DeviceSort.ID
            ? " ORDER BY d.id " + dir
            : " ORDER BY "
                + (criticalityRange ? "d.criticality_rank " + dir + ", " : fixedFirst(query, dir))
                + col
                + " "
                + dir
                + ", d.id "
                + dir;
    String fetch = " FETCH FIRST " + (query.limit() + 1) + " ROWS ONLY";
    List<DeviceRow> rows;
    if (query.text().isPresent()) {
      // The page's ids first, from the device table alone, then their rows with their site. The
      // ids come from two disjoint sets, each cut to a page: devices whose search texts are short
      // (on PostgreSQL an index holds their texts, so walking the risk order tests them without
      // reading the table, V202611291200) and the few whose texts are too long for an index entry.
      // The page is the first rows of the two merged.
      String and = where.length() == 0 ? " WHERE " : where + " AND ";
      String ids =
          "(SELECT d.id FROM device d"
              + and
              + "d.search_short"
              + order
              + fetch
              + ") UNION ALL (SELECT d.id FROM device d"
              + and
              + "NOT d.search_short"
              + order
              + fetch
              + ")";
      List<Object> both = new ArrayList<>(params);
      both.addAll(params);
      String sql = DeviceRows.SELECT + " WHERE d.id IN (" + ids + ")" + order + fetch;
      rows = valuePlanned.query(sql, both, DeviceRows::row);
    } else {
      rows =
          jdbc.sql(DeviceRows.SELECT + where + order + fetch)
              .params(params)
              .query(DeviceRows::row)
              .list();
    }
    return page(rows, query);
  }

  /**
   * The rows of the devices at {@code positions} of {@code s}, in that order. A device deleted or
   * given another risk since the snapshot's check (a write racing this search) is left out: the
   * next page's cursor comes from the last row, and a risk the snapshot does not hold would place
   * it elsewhere in the snapshot's order.
   */
  private List<DeviceRow> rowsOf(SearchSnapshot s, List<Integer> positions) {
    if (positions.isEmpty()) {
      return List.of();
    }
    List<Long> ids = positions.stream().map(s::id).toList();
    // One statement whatever the page size (PostgreSQL only: the index is not used on H2).
    Map<Long, DeviceRow> byId = new HashMap<>();
    jdbc.sql(DeviceRows.SELECT + " WHERE d.id = ANY (?)")
        .param(ids.toArray(new Long[0]))
        .query(DeviceRows::row)
        .list()
        .forEach(r -> byId.put(r.id(), r));
    List<DeviceRow> rows = new ArrayList<>(ids.size());
    for (int p : positions) {
      DeviceRow r = byId.get(s.id(p));
      if (r != null && r.riskScore() == s.risk(p)) {
        rows.add(r);
      }
    }
    return rows;
  }

  /** The first {@code limit} rows, and a cursor after them when {@code rows} holds one more. */
  private static Page<DeviceRow> page(List<DeviceRow> rows, DeviceQuery query) {
    if (rows.size() <= query.limit()) {
      return new Page<>(rows, Optional.empty());
    }
    List<DeviceRow> page = rows.subList(0, query.limit());
    DeviceRow last = page.get(page.size() - 1);
    return new Page<>(
        page, Optional.of(DeviceCursor.of(last, query.sort(), query.descending()).encode()));
  }

  /** Devices, riskiest first, that {@link #riskiestInWindow} reads before giving up. */
  static final int WINDOW = 5_000;

  /**
   * Whether a search is a free text of several words and nothing else, riskiest first: the
   * inventory's search box. PostgreSQL estimates how many devices match several words as if the
   * words were independent, and words that go together ("infusion pump baxter") match a hundred
   * times more devices than that. It then reads every match through the trigram index and sorts
   * them (3,244 rows, 15-25 ms at 100k devices) where walking the risk order finds a page among the
   * first few thousand devices (5-8 ms).
   */
  private static boolean windowApplies(DeviceQuery q) {
    return q.text().isPresent()
        && words(q.text().get()).length > 1
        && q.sort() == DeviceSort.RISK
        && q.descending()
        && q.category().isEmpty()
        && q.criticality().isEmpty()
        && q.vendor().isEmpty()
        && q.siteId().isEmpty()
        && q.minRisk().isEmpty()
        && !q.medicalOnly()
        && !q.kevOnly();
  }

  /**
   * The matches among the {@link #WINDOW} riskiest devices (after the cursor), riskiest first, at
   * most one more than a page. That many matches are the page whatever lies beyond the window;
   * fewer say nothing about the rest, and the caller runs the planned search instead.
   */
  private List<DeviceRow> riskiestInWindow(DeviceQuery query) {
    List<Object> params = new ArrayList<>();
    String after = "";
    if (query.cursor().isPresent()) {
      DeviceCursor c = DeviceCursor.decode(query.cursor().get(), query.sort(), true);
      after = " WHERE (d.risk_score, d.id) < (?, ?)";
      params.add(c.value());
      params.add(c.id());
    }
    List<String> terms = new ArrayList<>();
    textTerms(query.text().get(), "w", terms, params);
    // The window holds devices with short search texts only (the index of V202611291200 holds
    // their texts); the caller adds the matches among the others.
    String window =
        "SELECT d.id, d.risk_score, d.search_text, d.search_addresses FROM device d"
            + (after.isEmpty() ? " WHERE " : after + " AND ")
            + "d.search_short"
            + " ORDER BY d.risk_score DESC, d.id DESC FETCH FIRST "
            + WINDOW
            + " ROWS ONLY";
    String ids =
        "SELECT w.id FROM ("
            + window
            + ") w WHERE "
            + String.join(" AND ", terms)
            + " ORDER BY w.risk_score DESC, w.id DESC FETCH FIRST "
            + (query.limit() + 1)
            + " ROWS ONLY";
    String sql =
        DeviceRows.SELECT + " WHERE d.id IN (" + ids + ") ORDER BY d.risk_score DESC, d.id DESC";
    return valuePlanned.query(sql, params, DeviceRows::row);
  }

  /**
   * {@code shortMatches} (a page and one from the window) merged with the matching devices whose
   * search texts are too long for the window's index, riskiest first, cut to a page and one. Any
   * short-text match beyond the window ranks below every row of the window, so below the page.
   */
  private List<DeviceRow> withLongTexts(List<DeviceRow> shortMatches, DeviceQuery query) {
    List<Object> params = new ArrayList<>();
    List<String> terms = new ArrayList<>();
    terms.add("NOT d.search_short");
    if (query.cursor().isPresent()) {
      DeviceCursor c = DeviceCursor.decode(query.cursor().get(), query.sort(), true);
      terms.add("(d.risk_score, d.id) < (?, ?)");
      params.add(c.value());
      params.add(c.id());
    }
    textTerms(query.text().get(), "d", terms, params);
    String sql =
        DeviceRows.SELECT
            + " WHERE "
            + String.join(" AND ", terms)
            + " ORDER BY d.risk_score DESC, d.id DESC FETCH FIRST "
            + (query.limit() + 1)
            + " ROWS ONLY";
    List<DeviceRow> longMatches = valuePlanned.query(sql, params, DeviceRows::row);
    if (longMatches.isEmpty()) {
      return shortMatches;
    }
    List<DeviceRow> all = new ArrayList<>(shortMatches);
    all.addAll(longMatches);
    all.sort(
        java.util.Comparator.comparingInt(DeviceRow::riskScore)
            .thenComparingLong(DeviceRow::id)
            .reversed());
    return all.subList(0, Math.min(all.size(), query.limit() + 1));
  }

  /**
   * For the risk order, the column an equality filter fixes, to order by first: that changes no
   * row's place (the column holds one value), but only an index on (that column, risk_score, id)
   * gives this order, so the database reads the filtered devices riskiest first instead of walking
   * the risk index past all the others (which, for a category or vendor whose devices are not the
   * riskiest, meant most of the table). The criticality is the exception: see {@link
   * #criticalityAsRange}.
   */
  private static String fixedFirst(DeviceQuery q, String dir) {
    if (q.sort() != DeviceSort.RISK) {
      return "";
    }
    if (q.category().isPresent()) {
      return "d.category " + dir + ", ";
    }
    if (q.vendor().isPresent()) {
      return "LOWER(d.vendor) " + dir + ", ";
    }
    if (q.siteId().isPresent()) {
      return "d.site_id " + dir + ", ";
    }
    return "";
  }

  /**
   * Whether {@link #where} writes the criticality filter of a risk-ordered search as a range of one
   * value ({@code BETWEEN v AND v}), not {@code = v}. PostgreSQL drops an order column that an
   * equality fixes; with four criticalities a quarter of the devices match, and it then preferred
   * walking the risk index with the filter to the (criticality, risk, id) index: for the low
   * criticality that read 12,000 devices for a page of 50 (14 ms against 0.2 ms through the
   * criticality index). A category, vendor or site keeps its equality: a generic plan cannot
   * estimate a range of one value, and for a category at one site it then read and sorted every
   * device of the category.
   */
  private static boolean criticalityAsRange(DeviceQuery q) {
    return q.sort() == DeviceSort.RISK
        && q.criticality().isPresent()
        && q.category().isEmpty()
        && q.vendor().isEmpty()
        && q.siteId().isEmpty();
  }

  /** How many devices match the filters of {@code query} (its cursor and order ignored). */
  @Transactional(propagation = Propagation.SUPPORTS, readOnly = true)
  public long count(DeviceQuery query) {
    Optional<SearchSnapshot> snapshot = index.current(query.sortedBy(DeviceSort.RISK, true));
    if (snapshot.isPresent()) {
      return snapshot.get().count(query);
    }
    List<Object> params = new ArrayList<>();
    StringBuilder where = where(query, params, false);
    String sql = "SELECT COUNT(*) FROM device d" + where;
    if (query.text().isPresent()) {
      return valuePlanned.query(sql, params, (rs, n) -> rs.getLong(1)).get(0);
    }
    return jdbc.sql(sql).params(params).query(Long.class).single();
  }

  /**
   * The filters of {@code q}; the criticality as a range of one value when {@code criticalityRange}
   * (see {@link #criticalityAsRange}).
   */
  private static StringBuilder where(DeviceQuery q, List<Object> params, boolean criticalityRange) {
    List<String> terms = new ArrayList<>();
    q.text().ifPresent(t -> textTerms(t, "d", terms, params));
    q.category()
        .ifPresent(
            c -> {
              terms.add("d.category = ?");
              params.add(c.id());
            });
    q.criticality()
        .ifPresent(
            c -> {
              if (criticalityRange) {
                terms.add("d.criticality_rank BETWEEN ? AND ?");
                params.add(c.ordinal());
              } else {
                terms.add("d.criticality_rank = ?");
              }
              params.add(c.ordinal());
            });
    q.vendor()
        .ifPresent(
            v -> {
              terms.add("LOWER(d.vendor) = ?");
              params.add(v.toLowerCase(Locale.ROOT));
            });
    q.siteId()
        .ifPresent(
            s -> {
              terms.add("d.site_id = ?");
              params.add(s);
            });
    q.minRisk()
        .ifPresent(
            r -> {
              terms.add("d.risk_score >= ?");
              params.add(r);
            });
    if (q.medicalOnly()) {
      terms.add("d.medical = TRUE");
    }
    if (q.kevOnly()) {
      terms.add("d.kev = TRUE");
    }
    StringBuilder sb = new StringBuilder();
    if (!terms.isEmpty()) {
      sb.append(" WHERE ").append(String.join(" AND ", terms));
    }
    return sb;
  }

  private static String[] words(String text) {
    return text.toLowerCase(Locale.ROOT).trim().split("\\s+");
  }

  /** One condition per word of {@code text} on the search columns of {@code alias}. */
  private static void textTerms(
      String text, String alias, List<String> terms, List<Object> params) {
    // A word holds no space, so it lies within one stored value: it matches the device's text
    // when it matches the descriptive values or the addresses.
    for (String word : words(text)) {
      terms.add(
          "("
              + alias
              + ".search_text LIKE ? ESCAPE '\\' OR "
              + alias
              + ".search_addresses LIKE ? ESCAPE '\\')");
      String pattern = "%" + escapeLike(word) + "%";
      params.add(pattern);
      params.add(pattern);
    }
  }

  /** {@code s} with LIKE's wildcards and escape character escaped (for {@code ESCAPE '\\'}). */
  public static String escapeLike(String s) {
    return s.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
  }

  /** One device by storage id. */
  @Transactional(propagation = Propagation.SUPPORTS, readOnly = true)
  public Optional<DeviceRow> device(long id) {
    return jdbc.sql(DeviceRows.SELECT + " WHERE d.id = ?")
        .param(id)
        .query(DeviceRows::row)
        .optional();
  }

  /** One device by engine id ({@code mac:…} / {@code ip:…}). */
  @Transactional(propagation = Propagation.SUPPORTS, readOnly = true)
  public Optional<DeviceRow> deviceByKey(String key) {
    return jdbc.sql(DeviceRows.SELECT + " WHERE d.device_key = ?")
        .param(key)
        .query(DeviceRows::row)
        .optional();
  }

  /** The device with its evidence and history. */
  public Optional<DeviceDetail> detail(long id) {
    return device(id).map(this::detail);
  }

  private DeviceDetail detail(DeviceRow row) {
    List<DeviceDetail.EvidenceRow> evidence =
        jdbc.sql(
                "SELECT * FROM device_evidence WHERE device_id = ?"
                    + " ORDER BY attribute, confidence DESC, id")
            .param(row.id())
            .query(DeviceQueryService::evidence)
            .list();
    List<DeviceDetail.ChangeRow> changes =
        jdbc.sql("SELECT * FROM device_change WHERE device_id = ? ORDER BY id DESC")
            .param(row.id())
            .query(DeviceQueryService::change)
            .list();
    int captures =
        jdbc.sql("SELECT COUNT(*) FROM device_sighting WHERE device_id = ?")
            .param(row.id())
            .query(Integer.class)
            .single();
    return new DeviceDetail(row, evidence, changes, captures);
  }

  private static DeviceDetail.EvidenceRow evidence(ResultSet rs, int n) throws SQLException {
    return new DeviceDetail.EvidenceRow(
        rs.getString("attribute"),
        rs.getString("attr_value"),
        rs.getString("source"),
        rs.getString("observed"),
        DeviceRows.text(rs.getString("fingerprint")),
        rs.getDouble("confidence"),
        DeviceRows.instant(rs, "first_seen"));
  }

  private static DeviceDetail.ChangeRow change(ResultSet rs, int n) throws SQLException {
    long job = rs.getLong("job_id");
    return new DeviceDetail.ChangeRow(
        rs.getString("attribute"),
        rs.getString("old_value"),
        rs.getString("new_value"),
        DeviceRows.instant(rs, "changed_at"),
        rs.wasNull() ? Optional.empty() : Optional.of(job));
  }

  /** Most peers {@link #peers(long, int)} lists. */
  public static final int MAX_PEERS = 10_000;

  /**
   * The device's peers per protocol and direction, most flows first, at most {@code limit}: a
   * server of the whole hospital (DNS, the HL7 engine, PACS) has tens of thousands, and listing
   * them all made its page take seconds. The busiest are chosen before their names are joined.
   */
  public List<PeerRow> peers(long deviceId, int limit) {
    int n = Math.max(1, Math.min(limit, MAX_PEERS));
    // PostgreSQL planned this statement anew for every device (custom plans: 0.5 ms of planning
    // against 0.3 ms of execution, a quarter of the database's work on the device page); the
    // generic plan is the same two index scans whatever the device, so it is planned once per
    // connection.
    String sql =
        "SELECT p.id AS peer_id, p.device_key AS peer_key, p.hostnames AS peer_hostnames,"
            + " p.vendor AS peer_vendor, p.model AS peer_model, x.protocol, x.as_client,"
            + " x.server_port, x.flows, x.packets, x.bytes, x.cleartext_flows, x.first_hour,"
            + " x.last_hour FROM (SELECT * FROM ("
            + "  SELECT server_device_id AS peer, protocol, TRUE AS as_client,"
            + "   MAX(server_port) AS server_port, SUM(flows) AS flows, SUM(packets) AS packets,"
            + "   SUM(bytes) AS bytes, SUM(cleartext_flows) AS cleartext_flows,"
            + "   MIN(hour_start) AS first_hour, MAX(hour_start) AS last_hour"
            + "  FROM flow_hour WHERE client_device_id = ? GROUP BY server_device_id, protocol"
            + "  UNION ALL"
            + "  SELECT client_device_id, protocol, FALSE, MAX(server_port), SUM(flows),"
            + "   SUM(packets), SUM(bytes), SUM(cleartext_flows), MIN(hour_start), MAX(hour_start)"
            + "  FROM flow_hour WHERE server_device_id = ? GROUP BY client_device_id, protocol"
            + " ) a ORDER BY a.flows DESC, a.peer, a.protocol, a.as_client"
            + " FETCH FIRST ? ROWS ONLY) x JOIN device p ON p.id = x.peer"
            + " ORDER BY x.flows DESC, p.id, x.protocol, x.as_client";
    return genericPlans.run(
        () ->
            jdbc.sql(sql)
                .params(deviceId, deviceId, n)
                .query(
                    (rs, row) -> {
                      String key = rs.getString("peer_key");
                      return new PeerRow(
                          rs.getLong("peer_id"),
                          key,
                          DeviceRows.displayName(
                              key,
                              DeviceRows.list(rs.getString("peer_hostnames")),
                              DeviceRows.text(rs.getString("peer_vendor")),
                              DeviceRows.text(rs.getString("peer_model"))),
                          rs.getString("protocol"),
                          rs.getBoolean("as_client"),
                          rs.getInt("server_port"),
                          rs.getLong("flows"),
                          rs.getLong("packets"),
                          rs.getLong("bytes"),
                          rs.getLong("cleartext_flows"),
                          DeviceRows.instant(rs, "first_hour"),
                          DeviceRows.instant(rs, "last_hour"));
                    })
                .list());
  }
}

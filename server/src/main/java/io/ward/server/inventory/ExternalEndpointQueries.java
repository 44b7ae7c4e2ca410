package io.ward.server.inventory;

import io.ward.server.config.Databases;
import io.ward.server.config.WardProperties;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Reads the stored external endpoints ({@code external_endpoint}, written by {@link
 * ExternalEndpointWriter}): a listing in cursor pages with the devices that talked with each, one
 * endpoint, and one device's endpoints. Reads of several statements share one read-only
 * transaction, so that an endpoint and its devices come from one state; reads of one statement join
 * a transaction only when the caller has one.
 */
@Service
@Transactional(readOnly = true)
public class ExternalEndpointQueries {
  /** Devices each endpoint of a listing names (its busiest); {@link #endpoint} names more. */
  public static final int LISTED_DEVICES = 20;

  /** Most devices {@link #endpoint} and most endpoints {@link #forDevice} return. */
  public static final int MAX_DEVICES = 1_000;

  /** The endpoint's columns and its captures, counted for the rows read only. */
  private static final String SELECT =
      "SELECT e.id, e.ip, e.hostnames, e.protocols, e.flows, e.packets, e.bytes, e.device_count,"
          + " e.first_seen, e.last_seen, e.reasons, (SELECT COUNT(*) FROM external_endpoint_sighting s"
          + " WHERE s.endpoint_id = e.id) AS captures FROM external_endpoint e";

  private final JdbcClient jdbc;
  private final boolean postgres;

  ExternalEndpointQueries(JdbcClient jdbc, WardProperties properties) {
    this.jdbc = jdbc;
    this.postgres = properties.db().kind() == Databases.POSTGRESQL;
  }

  /**
   * One page of endpoints matching {@code query}, in its order, each with its {@link
   * #LISTED_DEVICES} busiest devices.
   *
   * @throws IllegalArgumentException the cursor is malformed or from another order
   */
  public Page<ExternalEndpointRow> search(ExternalEndpointQuery query) {
    List<Object> params = new ArrayList<>();
    List<String> terms = filters(query, params);
    String col = "e." + query.sort().column;
    String dir = query.descending() ? "DESC" : "ASC";
    if (query.cursor().isPresent()) {
      ExternalEndpointCursor c =
          ExternalEndpointCursor.decode(query.cursor().get(), query.sort(), query.descending());
      // A row comparison, so that the index scan starts at the cursor (see DeviceQueryService).
      terms.add("(" + col + ", e.id) " + (query.descending() ? "<" : ">") + " (?, ?)");
      params.add(c.value() instanceof Instant i ? DeviceRows.utc(i) : c.value());
      params.add(c.id());
    }
    String sql =
        SELECT
            + where(terms)
            + " ORDER BY "
            + col
            + " "
            + dir
            + ", e.id "
            + dir
            + " FETCH FIRST "
            + (query.limit() + 1)
            + " ROWS ONLY";
    List<ExternalEndpointRow> rows =
        jdbc.sql(sql).params(params).query(ExternalEndpointQueries::row).list();
    List<ExternalEndpointRow> page = rows.subList(0, Math.min(rows.size(), query.limit()));
    Optional<String> next =
        rows.size() > query.limit()
            ? Optional.of(
                ExternalEndpointCursor.of(
                        page.get(page.size() - 1), query.sort(), query.descending())
                    .encode())
            : Optional.empty();
    return new Page<>(withDevices(page, LISTED_DEVICES), next);
  }

  /** How many endpoints match the filters of {@code query} (its cursor and order ignored). */
  @Transactional(propagation = Propagation.SUPPORTS, readOnly = true)
  public long count(ExternalEndpointQuery query) {
    List<Object> params = new ArrayList<>();
    String sql = "SELECT COUNT(*) FROM external_endpoint e" + where(filters(query, params));
    return jdbc.sql(sql).params(params).query(Long.class).single();
  }

  /** One endpoint by storage id, with up to {@code devices} of its devices, busiest first. */
  public Optional<ExternalEndpointRow> endpoint(long id, int devices) {
    return jdbc.sql(SELECT + " WHERE e.id = ?")
        .param(id)
        .query(ExternalEndpointQueries::row)
        .optional()
        .map(r -> withDevices(List.of(r), Math.max(1, Math.min(devices, MAX_DEVICES))).get(0));
  }

  /**
   * The endpoints a device talked with, those it exchanged the most flows with first, at most
   * {@code limit}; the flows, packets, bytes and times are the device's own with each.
   */
  @Transactional(propagation = Propagation.SUPPORTS, readOnly = true)
  public List<DeviceExternalRow> forDevice(long deviceId, int limit) {
    int n = Math.max(1, Math.min(limit, MAX_DEVICES));
    return jdbc.sql(
            "SELECT e.id, e.ip, e.hostnames, e.protocols, e.device_count, e.reasons, l.flows,"
                + " l.packets, l.bytes, l.first_seen, l.last_seen FROM external_endpoint_device l"
                + " JOIN external_endpoint e ON e.id = l.endpoint_id WHERE l.device_id = ?"
                + " ORDER BY l.flows DESC, l.last_seen DESC, e.id FETCH FIRST "
                + n
                + " ROWS ONLY")
        .param(deviceId)
        .query(
            (rs, i) ->
                new DeviceExternalRow(
                    rs.getLong("id"),
                    rs.getString("ip"),
                    DeviceRows.list(rs.getString("hostnames")),
                    DeviceRows.list(rs.getString("protocols")),
                    rs.getInt("device_count"),
                    rs.getLong("flows"),
                    rs.getLong("packets"),
                    rs.getLong("bytes"),
                    DeviceRows.instant(rs, "first_seen"),
                    DeviceRows.instant(rs, "last_seen"),
                    DeviceRows.list(rs.getString("reasons"))))
        .list();
  }

  /** How many endpoints a device talked with. */
  @Transactional(propagation = Propagation.SUPPORTS, readOnly = true)
  public long countForDevice(long deviceId) {
    return jdbc.sql("SELECT COUNT(*) FROM external_endpoint_device WHERE device_id = ?")
        .param(deviceId)
        .query(Long.class)
        .single();
  }

  /**
   * The rows with up to {@code perEndpoint} devices each, the busiest first. Each endpoint's
   * devices are read from the index {@code external_endpoint_device_flows_idx} in its order and cut
   * there, so that a page reads at most {@code perEndpoint} links an endpoint: a cloud service
   * every workstation uses has tens of thousands, and ranking them all (a window function over the
   * page's links) read every one, ~230 ms for 150k links against ~4 ms.
   */
  private List<ExternalEndpointRow> withDevices(List<ExternalEndpointRow> rows, int perEndpoint) {
    if (rows.isEmpty()) {
      return rows;
    }
    Map<Long, List<ExternalEndpointRow.Talker>> talkers = new HashMap<>();
    RowCallbackHandler add =
        rs -> {
          String key = rs.getString("device_key");
          talkers
              .computeIfAbsent(rs.getLong("endpoint_id"), k -> new ArrayList<>())
              .add(
                  new ExternalEndpointRow.Talker(
                      rs.getLong("id"),
                      key,
                      DeviceRows.displayName(
                          key,
                          DeviceRows.list(rs.getString("hostnames")),
                          DeviceRows.text(rs.getString("vendor")),
                          DeviceRows.text(rs.getString("model"))),
                      rs.getLong("flows"),
                      rs.getLong("packets"),
                      rs.getLong("bytes"),
                      DeviceRows.instant(rs, "first_seen"),
                      DeviceRows.instant(rs, "last_seen")));
        };
    if (postgres) {
      List<Object> params = new ArrayList<>();
      rows.forEach(r -> params.add(r.id()));
      params.add(perEndpoint);
      jdbc.sql(talkersSql(rows.size())).params(params).query(add);
    } else {
      // H2 has no LATERAL: one statement an endpoint (a page has at most 500), which H2 answers
      // from the index in order and stops at the limit. Measured with 150k links over 100
      // endpoints: ~2 ms, against ~5 ms for one UNION ALL of them and ~900 ms for the window.
      for (ExternalEndpointRow r : rows) {
        jdbc.sql(TALKERS_OF_ONE_H2).params(r.id(), perEndpoint).query(add);
      }
    }
    // In order here, not by the statement: a sort in the plan would be the only one there is,
    // which ExternalEndpointTalkersIndexTest looks for to tell that the links were not sorted.
    talkers.values().forEach(list -> list.sort(BUSIEST_FIRST));
    return rows.stream().map(r -> r.withDevices(talkers.getOrDefault(r.id(), List.of()))).toList();
  }

  private static final Comparator<ExternalEndpointRow.Talker> BUSIEST_FIRST =
      Comparator.comparingLong(ExternalEndpointRow.Talker::flows)
          .reversed()
          .thenComparingLong(ExternalEndpointRow.Talker::deviceId);

  /**
   * The busiest devices of {@code endpoints} endpoints on PostgreSQL, parameters their ids then the
   * most devices of each: for each endpoint, an index scan of {@code
   * external_endpoint_device_flows_idx} that stops at the limit. Unordered: {@link #withDevices}
   * orders each endpoint's few.
   */
  static String talkersSql(int endpoints) {
    return "SELECT x.endpoint_id, d.id, d.device_key, d.hostnames, d.vendor, d.model, x.flows,"
        + " x.packets, x.bytes, x.first_seen, x.last_seen FROM (SELECT id FROM external_endpoint"
        + " WHERE id IN ("
        + String.join(", ", Collections.nCopies(endpoints, "?"))
        + ")) p CROSS JOIN LATERAL (SELECT l.* FROM external_endpoint_device l"
        + " WHERE l.endpoint_id = p.id ORDER BY l.flows DESC, l.device_id"
        + " FETCH FIRST ? ROWS ONLY) x JOIN device d ON d.id = x.device_id";
  }

  /**
   * The busiest devices of one endpoint on H2, parameters its id then the most devices. H2 picks
   * the primary key for {@code endpoint_id = ?} and sorts all its links unless told the index, and
   * reads the index in order only when the order names all its columns.
   */
  static final String TALKERS_OF_ONE_H2 =
      "SELECT x.endpoint_id, d.id, d.device_key, d.hostnames, d.vendor, d.model, x.flows,"
          + " x.packets, x.bytes, x.first_seen, x.last_seen FROM (SELECT l.* FROM"
          + " external_endpoint_device l USE INDEX (external_endpoint_device_flows_idx)"
          + " WHERE l.endpoint_id = ? ORDER BY l.endpoint_id, l.flows DESC, l.device_id"
          + " FETCH FIRST ? ROWS ONLY) x JOIN device d ON d.id = x.device_id"
          + " ORDER BY x.flows DESC, d.id";

  private static List<String> filters(ExternalEndpointQuery q, List<Object> params) {
    List<String> terms = new ArrayList<>();
    q.text()
        .ifPresent(
            t -> {
              // A word holds no space, so it lies within the address or within one host name.
              for (String word : t.toLowerCase(Locale.ROOT).split("\\s+")) {
                terms.add("(e.ip LIKE ? ESCAPE '\\' OR LOWER(e.hostnames) LIKE ? ESCAPE '\\')");
                String pattern = "%" + DeviceQueryService.escapeLike(word) + "%";
                params.add(pattern);
                params.add(pattern);
              }
            });
    q.deviceId()
        .ifPresent(
            d -> {
              terms.add(
                  "EXISTS (SELECT 1 FROM external_endpoint_device l"
                      + " WHERE l.endpoint_id = e.id AND l.device_id = ?)");
              params.add(d);
            });
    q.siteId()
        .ifPresent(
            s -> {
              terms.add(
                  "EXISTS (SELECT 1 FROM external_endpoint_device l JOIN device d"
                      + " ON d.id = l.device_id WHERE l.endpoint_id = e.id AND d.site_id = ?)");
              params.add(s);
            });
    return terms;
  }

  private static String where(List<String> terms) {
    return terms.isEmpty() ? "" : " WHERE " + String.join(" AND ", terms);
  }

  private static ExternalEndpointRow row(ResultSet rs, int n) throws SQLException {
    return new ExternalEndpointRow(
        rs.getLong("id"),
        rs.getString("ip"),
        DeviceRows.list(rs.getString("hostnames")),
        DeviceRows.list(rs.getString("protocols")),
        rs.getLong("flows"),
        rs.getLong("packets"),
        rs.getLong("bytes"),
        rs.getInt("device_count"),
        rs.getInt("captures"),
        DeviceRows.instant(rs, "first_seen"),
        DeviceRows.instant(rs, "last_seen"),
        DeviceRows.list(rs.getString("reasons")),
        List.of());
  }
}

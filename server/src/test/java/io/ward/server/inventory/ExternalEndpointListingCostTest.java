package io.ward.server.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import io.ward.server.StoreContract;
import io.ward.server.TestDatabase;
import io.ward.server.api.Http;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import javax.sql.DataSource;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The endpoints listing names each endpoint's busiest devices by reading only those links, a few
 * per endpoint of the page, never every link of the page's endpoints (a cloud service every
 * workstation reaches has tens of thousands). Counted by each database's own means: H2's {@code
 * EXPLAIN ANALYZE} (rows each table scan read) of the statements its query statistics show the
 * listing ran, PostgreSQL's {@code EXPLAIN ANALYZE} (rows each plan node returned, times its loops)
 * of the listing's statement. No timings.
 */
class ExternalEndpointListingCostTest {
  static final int ENDPOINTS = 4;
  static final int DEVICES = 1_500;
  static final OffsetDateTime SEEN = OffsetDateTime.of(2026, 11, 2, 8, 0, 0, 0, ZoneOffset.UTC);

  @Nested
  class OnH2 extends Contract implements TestDatabase.H2 {
    @Override
    long linkRowsRead(List<Long> page) throws Exception {
      store.jdbc().sql("SET QUERY_STATISTICS FALSE").update();
      store.jdbc().sql("SET QUERY_STATISTICS_MAX_ENTRIES 100000").update();
      store.jdbc().sql("SET QUERY_STATISTICS TRUE").update();
      List<ExternalEndpointRow> listed = list();
      List<String> statements =
          store
              .jdbc()
              .sql(
                  "SELECT sql_statement FROM information_schema.query_statistics"
                      + " WHERE LOWER(sql_statement) LIKE '%from external_endpoint_device%'")
              .query(String.class)
              .list();
      store.jdbc().sql("SET QUERY_STATISTICS FALSE").update();
      assertThat(listed).extracting(ExternalEndpointRow::id).containsExactlyElementsOf(page);
      assertThat(statements).as("statements of the listing that read the links").isNotEmpty();
      // Each takes endpoint ids, then how many devices each names: all the page's ids at once,
      // or one endpoint's, run for each endpoint of the page.
      long read = 0;
      for (String sql : statements) {
        int ids = (int) sql.chars().filter(ch -> ch == '?').count() - 1;
        if (ids == page.size()) {
          read += scanned(sql, page);
        } else {
          assertThat(ids).as(sql).isEqualTo(1);
          for (long id : page) {
            read += scanned(sql, List.of(id));
          }
        }
      }
      return read;
    }

    /** Rows the scans of external_endpoint_device read when H2 runs {@code sql} once. */
    long scanned(String sql, List<Long> ids) throws Exception {
      String plan;
      try (Connection c = store.bean(DataSource.class).getConnection();
          PreparedStatement explain = c.prepareStatement("EXPLAIN ANALYZE " + sql)) {
        for (int i = 0; i < ids.size(); i++) {
          explain.setLong(i + 1, ids.get(i));
        }
        explain.setInt(ids.size() + 1, ExternalEndpointQueries.LISTED_DEVICES);
        try (ResultSet rs = explain.executeQuery()) {
          rs.next();
          plan = rs.getString(1);
        }
      }
      // A scan's count follows the line naming its table.
      long read = 0;
      boolean links = false;
      for (String line : plan.lines().toList()) {
        if (line.contains("\"external_endpoint_device\"")) {
          links = true;
        } else if (links && line.contains("scanCount:")) {
          read += Long.parseLong(line.replaceAll(".*scanCount: (\\d+).*", "$1"));
          links = false;
        }
      }
      assertThat(read).as(plan).isPositive();
      return read;
    }
  }

  @Nested
  class OnPostgres extends Contract implements TestDatabase.Postgres {
    @Override
    long linkRowsRead(List<Long> page) throws Exception {
      assertThat(list()).extracting(ExternalEndpointRow::id).containsExactlyElementsOf(page);
      String json;
      try (Connection c = store.bean(DataSource.class).getConnection()) {
        c.createStatement().execute("ANALYZE external_endpoint_device");
        try (PreparedStatement explain =
            c.prepareStatement(
                "EXPLAIN (ANALYZE, FORMAT JSON) "
                    + ExternalEndpointQueries.talkersSql(page.size()))) {
          for (int i = 0; i < page.size(); i++) {
            explain.setLong(i + 1, page.get(i));
          }
          explain.setInt(page.size() + 1, ExternalEndpointQueries.LISTED_DEVICES);
          try (ResultSet rs = explain.executeQuery()) {
            rs.next();
            json = rs.getString(1);
          }
        }
      }
      long read = rowsOf(Http.json(json).get(0).get("Plan"));
      assertThat(read).as(json).isPositive();
      return read;
    }

    /** Rows the plan's nodes on external_endpoint_device returned, over all their loops. */
    long rowsOf(JsonNode node) {
      long rows = 0;
      if (node.path("Relation Name").asString().equals("external_endpoint_device")) {
        rows += node.get("Actual Rows").asLong() * node.get("Actual Loops").asLong();
      }
      for (JsonNode child : node.path("Plans")) {
        rows += rowsOf(child);
      }
      return rows;
    }
  }

  abstract static class Contract extends StoreContract {
    /** Rows of external_endpoint_device the listing of {@code page} reads. */
    abstract long linkRowsRead(List<Long> page) throws Exception;

    /** The first page of the listing, the endpoints with the most flows first. */
    List<ExternalEndpointRow> list() {
      return store
          .bean(ExternalEndpointQueries.class)
          .search(
              new ExternalEndpointQuery(
                  Optional.empty(),
                  Optional.empty(),
                  Optional.empty(),
                  ExternalEndpointSort.FLOWS,
                  true,
                  Optional.empty(),
                  ENDPOINTS))
          .items();
    }

    /** Endpoints every one of the devices talked with, each link with flows of its own. */
    @Override
    protected void seed() {
      List<Object[]> devices = new ArrayList<>();
      for (int d = 1; d <= DEVICES; d++) {
        devices.add(new Object[] {"mac:02:00:00:00:%02x:%02x".formatted(d / 256, d % 256)});
      }
      store
          .bean(org.springframework.jdbc.core.JdbcTemplate.class)
          .batchUpdate(
              "INSERT INTO device (device_key, category, medical, criticality, criticality_rank,"
                  + " first_seen, last_seen, created_at, updated_at)"
                  + " VALUES (?, 'workstation', FALSE, 'low', 1, ?, ?, ?, ?)",
              devices.stream().map(d -> new Object[] {d[0], SEEN, SEEN, SEEN, SEEN}).toList());
      List<Long> deviceIds =
          store.jdbc().sql("SELECT id FROM device ORDER BY id").query(Long.class).list();
      for (int e = 1; e <= ENDPOINTS; e++) {
        long flows = e * 1_000_000L;
        store
            .jdbc()
            .sql(
                "INSERT INTO external_endpoint (ip, flows, packets, bytes, device_count,"
                    + " first_seen, last_seen, created_at, updated_at)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")
            .params("203.0.113." + e, flows, flows, flows, DEVICES, SEEN, SEEN, SEEN, SEEN)
            .update();
        long endpoint =
            store
                .jdbc()
                .sql("SELECT id FROM external_endpoint WHERE ip = ?")
                .param("203.0.113." + e)
                .query(Long.class)
                .single();
        int salt = e;
        List<Object[]> links =
            IntStream.range(0, deviceIds.size())
                .mapToObj(
                    i ->
                        new Object[] {
                          endpoint, deviceIds.get(i), (long) ((i * 7919L + salt) % 997), SEEN, SEEN
                        })
                .toList();
        store
            .bean(org.springframework.jdbc.core.JdbcTemplate.class)
            .batchUpdate(
                "INSERT INTO external_endpoint_device (endpoint_id, device_id, flows, packets,"
                    + " bytes, first_seen, last_seen) VALUES (?, ?, ?, 0, 0, ?, ?)",
                links);
      }
    }

    @Test
    void shouldReadOnlyTheListedDevicesLinksOfEachEndpoint() throws Exception {
      List<Long> page =
          store
              .jdbc()
              .sql("SELECT id FROM external_endpoint ORDER BY flows DESC, id DESC")
              .query(Long.class)
              .list();
      assertThat(page).hasSize(ENDPOINTS);

      long read = linkRowsRead(page);

      // One more than listed may be read for each endpoint, to see that its list ends there.
      assertThat(read)
          .as("link rows read, of %d links of the page's endpoints", ENDPOINTS * DEVICES)
          .isLessThanOrEqualTo((long) ENDPOINTS * (ExternalEndpointQueries.LISTED_DEVICES + 1));
    }

    @Test
    void shouldNameEachEndpointsBusiestDevicesInOrder() {
      for (ExternalEndpointRow row : list()) {
        List<List<Long>> expected =
            store
                .jdbc()
                .sql(
                    "SELECT device_id, flows FROM external_endpoint_device WHERE endpoint_id = ?"
                        + " ORDER BY flows DESC, device_id FETCH FIRST "
                        + ExternalEndpointQueries.LISTED_DEVICES
                        + " ROWS ONLY")
                .param(row.id())
                .query((rs, n) -> List.of(rs.getLong(1), rs.getLong(2)))
                .list();
        assertThat(row.devices())
            .as(row.ip())
            .extracting(t -> List.of(t.deviceId(), t.flows()))
            .containsExactlyElementsOf(expected);
      }
    }
  }
}

package io.ward.server.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import io.ward.server.StoreContract;
import io.ward.server.TestDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Each endpoint of a listed page names its busiest devices, ranked by flows then device id ({@link
 * ExternalEndpointQueries#talkersSql}); an index holds each endpoint's links in that order
 * (V202612021200), so that the ranking need not sort every link of the page's endpoints, tens of
 * thousands for a cloud service every workstation reaches.
 */
class ExternalEndpointTalkersIndexTest {

  @Nested
  class OnH2 extends StoreContract implements TestDatabase.H2 {
    @Test
    void shouldKeepEachEndpointsLinksInTheOrderTheListingRanksThem() {
      assertThat(
              store
                  .jdbc()
                  .sql(
                      "SELECT column_name || ' ' || ordering_specification"
                          + " FROM information_schema.index_columns"
                          + " WHERE index_name = 'external_endpoint_device_flows_idx'"
                          + " ORDER BY ordinal_position")
                  .query(String.class)
                  .list())
          .containsExactly("endpoint_id ASC", "flows DESC", "device_id ASC");
    }
  }

  @Nested
  class OnPostgres extends StoreContract implements TestDatabase.Postgres {
    /**
     * The plan PostgreSQL makes for the listing's query, told to avoid sorting (as it would choose
     * for itself once the links outnumber what a sort handles cheaply): it reads each endpoint's
     * links from the index in order. Without the index it must sort them all anyway.
     */
    @Test
    void shouldRankEachPagesLinksFromTheIndexWithoutSortingThem() throws Exception {
      List<String> plan = new ArrayList<>();
      try (Connection c = store.bean(DataSource.class).getConnection()) {
        c.setAutoCommit(false);
        try {
          c.createStatement().execute("SET LOCAL enable_sort = off");
          c.createStatement().execute("SET LOCAL enable_incremental_sort = off");
          try (PreparedStatement explain =
              c.prepareStatement("EXPLAIN " + ExternalEndpointQueries.talkersSql(3))) {
            explain.setLong(1, 1);
            explain.setLong(2, 2);
            explain.setLong(3, 3);
            explain.setInt(4, ExternalEndpointQueries.LISTED_DEVICES);
            try (ResultSet rs = explain.executeQuery()) {
              while (rs.next()) {
                plan.add(rs.getString(1));
              }
            }
          }
        } finally {
          c.rollback();
        }
      }
      assertThat(plan)
          .as(String.join("\n", plan))
          .anyMatch(line -> line.contains("using external_endpoint_device_flows_idx"))
          .noneMatch(line -> line.contains("Sort Key: l.endpoint_id, l.flows DESC"));
    }
  }
}

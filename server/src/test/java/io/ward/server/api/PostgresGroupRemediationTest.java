package io.ward.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.sql.Connection;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/**
 * Group remediation, findings filters and advisories on PostgreSQL, when {@code
 * WARD_TEST_POSTGRES=1}.
 */
@EnabledIfEnvironmentVariable(named = "WARD_TEST_POSTGRES", matches = "1")
class PostgresGroupRemediationTest extends GroupRemediationContract {
  @Override
  boolean postgres() {
    return true;
  }

  @Test
  void shouldOpenAGroupWhoseAuditEntryMetAConcurrentlyCommittedOne() throws Exception {
    GroupFixtures fleet = GroupFixtures.store(server.jdbc());
    DataSource data = server.server().context().getBean(DataSource.class);
    try (Connection other = data.getConnection()) {
      // Another audited change, not yet committed, holds the audit log's head.
      other.setAutoCommit(false);
      other.createStatement().executeUpdate("UPDATE audit_head SET seq = seq WHERE id = 1");
      java.sql.ResultSet pid = other.createStatement().executeQuery("SELECT pg_backend_pid()");
      pid.next();
      int holder = pid.getInt(1);
      CompletableFuture<HttpResponse<String>> call =
          CompletableFuture.supplyAsync(
              () -> {
                try {
                  return clinical.json(
                      "POST",
                      "/api/v1/remediations/groups",
                      Http.json(Map.of("advisoryKey", fleet.advisoryKey())));
                } catch (Exception e) {
                  throw new IllegalStateException(e);
                }
              });
      awaitBlockedBy(holder, Duration.ofSeconds(60));
      // It commits after the group's transaction began: PostgreSQL aborts that one at the head.
      other.commit();
      HttpResponse<String> r = call.get(60, TimeUnit.SECONDS);
      created(r);
    }
  }

  /** Waits until a session of the database waits for a lock that {@code holder} holds. */
  private void awaitBlockedBy(int holder, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (server
            .jdbc()
            .sql("SELECT count(*) FROM pg_stat_activity WHERE ? = ANY(pg_blocking_pids(pid))")
            .param(holder)
            .query(Long.class)
            .single()
        == 0) {
      assertThat(System.nanoTime())
          .as("the group's request waits for the head")
          .isLessThan(deadline);
      TimeUnit.MILLISECONDS.sleep(20);
    }
  }
}

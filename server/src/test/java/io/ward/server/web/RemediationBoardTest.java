package io.ward.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.ward.model.Category;
import io.ward.model.Criticality;
import io.ward.model.exposure.Decision;
import io.ward.server.StoreContract;
import io.ward.server.TestDatabase;
import io.ward.server.api.RemediationJson;
import io.ward.server.audit.Actor;
import io.ward.server.exposure.Remediation;
import io.ward.server.exposure.RemediationService;
import io.ward.server.exposure.RemediationService.BoardOrder;
import io.ward.server.inventory.StoredDevices;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The board grouped by urgency or owner is ordered and cut in the database: with more records than
 * a page holds, the few act-now records due last still fill the first column, and an owner's record
 * due last still heads the owner view. Each record carries its own findings and devices, read for
 * the whole page at once.
 */
class RemediationBoardTest {
  /** More than the board's page of 500 records. */
  static final int TRACKED = 520;

  @Nested
  class OnH2 extends Contract implements TestDatabase.H2 {}

  @Nested
  class OnPostgres extends Contract implements TestDatabase.Postgres {}

  abstract static class Contract extends StoreContract {
    final List<Long> actNow = new ArrayList<>();
    long device;
    long urgentFinding;
    long trackFinding;
    long both;

    @Override
    protected void seed() throws Exception {
      long seen = 1_600_000_000_000_000_000L;
      StoredDevices.merge(
          store,
          "b".repeat(64),
          List.of(
              StoredDevices.device(
                  "00:0a:0b:00:61:01",
                  "10.61.0.1",
                  "Baxter",
                  "Sigma Spectrum",
                  "8.0",
                  Category.INFUSION_PUMP,
                  Criticality.LIFE_CRITICAL,
                  seen,
                  List.of())));
      device =
          store
              .jdbc()
              .sql("SELECT id FROM device WHERE device_key = 'mac:00:0a:0b:00:61:01'")
              .query(Long.class)
              .single();
      urgentFinding = finding("CVE-2099-0001", Decision.ACT_NOW);
      trackFinding = finding("CVE-2099-0002", Decision.TRACK);
      LocalDate today = LocalDate.now(ZoneOffset.UTC);
      for (int i = 0; i < TRACKED; i++) {
        record("tracked " + i, "", today.plusDays(1 + i % 200), trackFinding);
      }
      // Due after every tracked record, so a page cut by due date would leave them out.
      for (int i = 0; i < 3; i++) {
        actNow.add(record("urgent " + i, "", today.plusYears(3).plusDays(i), urgentFinding));
      }
      // No due date given: the policy sets act-now's, sooner than the others'.
      actNow.add(record("urgent, due by policy", "", null, urgentFinding));
      both = record("both, owned", "aaa-owner", today.plusYears(4), trackFinding, urgentFinding);
      actNow.add(both);
    }

    long finding(String cve, Decision decision) {
      OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS);
      String key = "board|" + device + "|" + cve;
      store
          .jdbc()
          .sql(
              "INSERT INTO finding (finding_key, device_id, kind, vulnerability, advisory_key,"
                  + " title, status, score, decision, first_seen, last_seen)"
                  + " VALUES (?, ?, 'VULNERABILITY', ?, 'csaf|BOARD', ?, 'AFFECTED', 50, ?, ?, ?)")
          .params(key, device, cve, "Test " + cve, decision.name(), now, now)
          .update();
      return store
          .jdbc()
          .sql("SELECT id FROM finding WHERE finding_key = ?")
          .param(key)
          .query(Long.class)
          .single();
    }

    /** A record through the service, so it is stored as every record is. */
    long record(String title, String owner, LocalDate due, Long... findings) {
      Remediation r =
          store
              .bean(RemediationService.class)
              .create(
                  new Remediation.Draft(
                      title,
                      List.of(findings),
                      List.of(device),
                      Optional.of(owner).filter(o -> !o.isEmpty()),
                      Optional.ofNullable(due),
                      Optional.empty()),
                  new Actor("tester", "127.0.0.1"));
      return r.id();
    }

    List<Remediation> board(BoardOrder order) {
      return store
          .bean(RemediationService.class)
          .board(Optional.empty(), Optional.empty(), false, order);
    }

    @Test
    void shouldPutTheActNowRecordsInTheFirstColumnEvenWhenTheyAreDueLast() {
      List<Remediation> board = board(BoardOrder.URGENCY);
      assertThat(board).hasSize(500);
      List<WorkPages.Column> columns =
          BoardColumns.by(
              BoardOrder.URGENCY, board.stream().map(RemediationJson.View::of).toList());
      WorkPages.Column first = columns.get(0);
      assertThat(first.title()).isEqualTo("Act now");
      assertThat(first.cards().stream().map(RemediationJson.View::id).toList())
          .containsExactlyInAnyOrderElementsOf(actNow);
      // Ties by due date.
      assertThat(board.subList(0, actNow.size()).stream().map(Remediation::title).toList())
          .containsExactly(
              "urgent, due by policy", "urgent 0", "urgent 1", "urgent 2", "both, owned");
      // The due-date view is still cut by due date: the records due last are beyond its page.
      List<Long> dueLast = new ArrayList<>(actNow);
      dueLast.remove(actNow.get(3)); // due by policy, soon
      assertThat(board(BoardOrder.DUE).stream().map(Remediation::id))
          .doesNotContainAnyElementsOf(dueLast);
    }

    @Test
    void shouldPutANamedOwnersRecordFirstEvenWhenItIsDueLast() {
      Remediation head = board(BoardOrder.OWNER).get(0);
      assertThat(head.id()).isEqualTo(both);
      assertThat(head.owner()).contains("aaa-owner");
    }

    @Test
    void shouldGiveEveryRecordOfThePageItsOwnFindingsDevicesAndUrgency() {
      for (Remediation r : board(BoardOrder.URGENCY)) {
        assertThat(r.deviceIds()).as(r.title()).containsExactly(device);
        if (r.id() == both) {
          assertThat(r.findingIds())
              .containsExactly(
                  Math.min(urgentFinding, trackFinding), Math.max(urgentFinding, trackFinding));
        } else if (actNow.contains(r.id())) {
          assertThat(r.findingIds()).as(r.title()).containsExactly(urgentFinding);
        } else {
          assertThat(r.findingIds()).as(r.title()).containsExactly(trackFinding);
        }
        assertThat(r.urgency())
            .as(r.title())
            .contains(actNow.contains(r.id()) ? "act-now" : "track");
      }
    }
  }
}

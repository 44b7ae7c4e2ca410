package io.ward.server.inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ward.model.Category;
import io.ward.model.Criticality;
import io.ward.model.Device;
import io.ward.model.Endpoint;
import io.ward.model.Evidence;
import io.ward.model.Flow;
import io.ward.model.IpAddress;
import io.ward.model.MacAddress;
import io.ward.model.Transport;
import io.ward.server.StoreContract;
import io.ward.server.TestDatabase;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** Merging and querying the stored inventory on both databases. */
class InventoryStoreTest {
  static final long T0 = 1_700_000_000_000_000_000L;
  static final long HOUR = 3_600_000_000_000L;

  @Nested
  class OnH2 extends Contract implements TestDatabase.H2 {}

  @Nested
  class OnPostgres extends Contract implements TestDatabase.Postgres {

    /** The same service reading the database only, to compare the index with. */
    DeviceQueryService databaseOnly() {
      return new DeviceQueryService(
          store.jdbc(),
          store.bean(GenericPlans.class),
          store.bean(ValuePlannedQueries.class),
          new DeviceSearchIndex(false, null, null));
    }

    @Test
    void shouldAnswerFreeTextFromTheIndexExactlyAsTheDatabaseDoes() throws Exception {
      store.jdbc().sql("UPDATE device SET risk_score = MOD(id * 37, 11) * 10").update();
      DeviceSearchIndex index = store.bean(DeviceSearchIndex.class);
      index.rebuild();
      DeviceQueryService withIndex = store.bean(DeviceQueryService.class);
      DeviceQueryService database = databaseOnly();
      DeviceQuery all = DeviceQuery.all();
      List<DeviceQuery> queries =
          List.of(
              all.withText("host-1"),
              all.withText("philips host-"),
              all.withText("ACME_CORP 100%"),
              all.withText("10.9.0.1"),
              all.withText("printer").withVendor("Philips"),
              all.withText("10.9.0.").withCategory(Category.PRINTER),
              all.withText("' OR 1=1 --"),
              all.withText("host-").withLimit(500));
      for (DeviceQuery f : queries) {
        for (boolean desc : new boolean[] {true, false}) {
          for (int limit : new int[] {1, 7, 500}) {
            DeviceQuery q = f.sortedBy(DeviceSort.RISK, desc).withLimit(limit);
            assertThat(index.current(q)).as("the index answers %s", q).isPresent();
            assertThat(everyPage(withIndex, q))
                .as("%s", q)
                .extracting(DeviceRow::id)
                .containsExactlyElementsOf(
                    everyPage(database, q).stream().map(DeviceRow::id).toList());
            assertThat(withIndex.count(q)).isEqualTo(database.count(q));
          }
        }
      }
      // Another order is the database's.
      assertThat(index.current(all.withText("host-").sortedBy(DeviceSort.VENDOR, true))).isEmpty();
    }

    @Test
    void shouldAnswerFromTheDatabaseWhenARowChangedBetweenTheCheckAndTheRead() throws Exception {
      DeviceSearchIndex index = store.bean(DeviceSearchIndex.class);
      DeviceQueryService query = store.bean(DeviceQueryService.class);
      DeviceQuery q = DeviceQuery.all().withText("host-").withLimit(5);
      index.rebuild();
      long id = query.search(q).items().get(0).id();
      // With the trigger off, a write goes unrecorded: what a write committing between the
      // index's check and the read of the page's rows looks like. The page's first device drops
      // to the bottom of the risk order.
      store.jdbc().sql("ALTER TABLE device DISABLE TRIGGER device_write_recorded").update();
      try {
        store
            .jdbc()
            .sql("UPDATE device SET risk_score = risk_score - 1000 WHERE id = ?")
            .param(id)
            .update();
        assertThat(index.current(q)).isPresent();
        Page<DeviceRow> page = query.search(q);
        assertThat(page.items())
            .extracting(DeviceRow::id)
            .doesNotContain(id)
            .containsExactlyElementsOf(
                databaseOnly().search(q).items().stream().map(DeviceRow::id).toList());
        assertThat(page.nextCursor()).isPresent();
      } finally {
        store
            .jdbc()
            .sql("UPDATE device SET risk_score = risk_score + 1000 WHERE id = ?")
            .param(id)
            .update();
        store.jdbc().sql("ALTER TABLE device ENABLE TRIGGER device_write_recorded").update();
      }
    }

    @Test
    void shouldPlanThePeersStatementOnceGenericallyOnEachConnection() {
      DeviceQueryService query = store.bean(DeviceQueryService.class);
      long id = store.jdbc().sql("SELECT MAX(id) FROM device").query(Long.class).single();
      TransactionTemplate tx =
          new TransactionTemplate(store.bean(PlatformTransactionManager.class));
      // One transaction, so one connection: the driver prepares the statement on the server from
      // its fifth run, and the session's prepared statements tell how each was planned.
      List<Long> plans =
          tx.execute(
              status -> {
                List<PeerRow> first = query.peers(id, 20);
                for (int i = 0; i < 9; i++) {
                  assertThat(query.peers(id, 20)).isEqualTo(first);
                }
                return store
                    .jdbc()
                    .sql(
                        "SELECT generic_plans, custom_plans FROM pg_prepared_statements"
                            + " WHERE statement LIKE '%GROUP BY server_device_id, protocol%UNION ALL%'")
                    .query((rs, n) -> List.of(rs.getLong(1), rs.getLong(2)))
                    .single();
              });
      assertThat(plans.get(0)).as("generic plans").isPositive();
      assertThat(plans.get(1)).as("custom plans").isZero();
      // The planning is set back for the rest of a caller's transaction.
      String mode =
          tx.execute(
              status -> {
                query.peers(id, 20);
                return store.jdbc().sql("SHOW plan_cache_mode").query(String.class).single();
              });
      assertThat(mode).isEqualTo("auto");
    }

    @Test
    void shouldRefuseToForceGenericPlansOutsideATransaction() {
      assertThatThrownBy(() -> store.bean(GenericPlans.class).run(() -> 1))
          .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void shouldNoticeEveryCommittedWriteOfTheDevicesBeforeAnsweringFromTheIndex() throws Exception {
      DeviceSearchIndex index = store.bean(DeviceSearchIndex.class);
      DeviceQueryService query = store.bean(DeviceQueryService.class);
      long id = store.jdbc().sql("SELECT MAX(id) FROM device").query(Long.class).single();
      DeviceQuery zebra = DeviceQuery.all().withText("zebra");
      index.rebuild();
      assertThat(index.current(zebra)).isPresent();

      // A write rolled back changes nothing: the index still answers.
      TransactionTemplate tx =
          new TransactionTemplate(store.bean(PlatformTransactionManager.class));
      tx.executeWithoutResult(
          status -> {
            store
                .jdbc()
                .sql("UPDATE device SET search_text = search_text || ' zebra' WHERE id = ?")
                .param(id)
                .update();
            // Inside the writing transaction the search sees the write.
            assertThat(query.search(zebra).items()).extracting(DeviceRow::id).containsExactly(id);
            status.setRollbackOnly();
          });
      assertThat(index.current(zebra)).isPresent();
      assertThat(query.count(zebra)).isZero();

      // A committed write, as another server or a command-line tool makes it: the next search
      // already finds it, through the database until the index is read again.
      store
          .jdbc()
          .sql("UPDATE device SET search_text = search_text || ' zebra' WHERE id = ?")
          .param(id)
          .update();
      assertThat(index.current(zebra)).isEmpty();
      assertThat(query.search(zebra).items()).extracting(DeviceRow::id).containsExactly(id);
      index.rebuild();
      assertThat(index.current(zebra)).isPresent();
      assertThat(query.search(zebra).items()).extracting(DeviceRow::id).containsExactly(id);
      store
          .jdbc()
          .sql("UPDATE device SET search_text = REPLACE(search_text, ' zebra', '') WHERE id = ?")
          .param(id)
          .update();
      assertThat(query.count(zebra)).isZero();
    }
  }

  static Device pump(String mac, String ip, String firmware, long seen) {
    return new Device(
        "mac:" + mac,
        Optional.of(MacAddress.parse(mac)),
        List.of(IpAddress.parse(ip)),
        List.of(),
        Set.of(20),
        Optional.of("BD"),
        Optional.of("Alaris 8015"),
        Optional.empty(),
        Optional.ofNullable(firmware),
        Optional.empty(),
        Category.INFUSION_PUMP,
        Optional.empty(),
        true,
        Criticality.LIFE_CRITICAL,
        Set.of("hl7"),
        Set.of(),
        Set.of(),
        Set.of(),
        seen,
        seen + HOUR,
        List.of(
            new Evidence("vendor", "BD", "oui", mac.substring(0, 8), Optional.empty(), 0.6, seen),
            new Evidence(
                "model",
                "Alaris 8015",
                "dhcp.vendorClass",
                "Alaris",
                Optional.of("bd-alaris"),
                0.9,
                seen)));
  }

  static Device generic(int i, Category category, Criticality criticality, String vendor) {
    String mac = String.format("02:00:00:00:%02x:%02x", i / 256, i % 256);
    return new Device(
        "mac:" + mac,
        Optional.of(MacAddress.parse(mac)),
        List.of(IpAddress.parse("10.9." + (i / 256) + "." + (i % 256))),
        List.of("host-" + i),
        Set.of(),
        Optional.of(vendor),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        category,
        Optional.empty(),
        category.medical(),
        criticality,
        Set.of(),
        Set.of(),
        Set.of(),
        Set.of(),
        T0 + i * 1_000_000_000L,
        T0 + i * 1_000_000_000L,
        List.of());
  }

  abstract static class Contract extends StoreContract {
    static final Category[] CATEGORIES = {
      Category.INFUSION_PUMP, Category.PATIENT_MONITOR, Category.WORKSTATION, Category.PRINTER
    };

    @Override
    protected void seed() {
      List<Device> many = new ArrayList<>();
      for (int i = 0; i < 137; i++) {
        many.add(
            generic(
                i,
                CATEGORIES[i % CATEGORIES.length],
                Criticality.values()[i % 4],
                i % 3 == 0 ? "Philips" : "Acme_Corp 100%"));
      }
      StoredDevices.merge(store, "a".repeat(64), many);
    }

    @Test
    void shouldUpdateADeviceSeenAgainAndRecordWhatChangedWhen() {
      InventoryWriter writer = store.bean(InventoryWriter.class);
      DeviceQueryService query = store.bean(DeviceQueryService.class);
      Device a = pump("00:0a:0b:00:00:01", "10.20.0.5", "9.1", T0);
      Device b = pump("00:0a:0b:00:00:02", "10.20.0.6", null, T0);
      Flow flow =
          new Flow(
              Endpoint.of(a.mac().get(), a.ips().get(0), 20),
              40000,
              Endpoint.of(b.mac().get(), b.ips().get(0), 20),
              2575,
              Transport.TCP,
              20,
              Optional.of("hl7"),
              false,
              5,
              500,
              5,
              400,
              T0,
              T0 + 1000);
      FlowHours hours = new FlowHours();
      hours.add(flow);
      MergeResult first =
          writer.merge(
              StoredDevices.capture("b".repeat(64)),
              List.of(a, b),
              hours.resolve(List.of(a, b)),
              0,
              "t");
      assertThat(first.devicesAdded()).isEqualTo(2);
      assertThat(first.flowHours()).isEqualTo(1);

      Device aLater = pump("00:0a:0b:00:00:01", "10.20.0.9", "9.2", T0 + 24 * HOUR);
      FlowHours again = new FlowHours();
      again.add(flow);
      MergeResult second =
          writer.merge(
              StoredDevices.capture("c".repeat(64)),
              List.of(aLater, b),
              again.resolve(List.of(a, b)),
              0,
              "t");
      assertThat(second.devicesAdded()).isZero();
      assertThat(second.devicesUpdated()).isEqualTo(1);

      DeviceRow row = query.deviceByKey("mac:00:0a:0b:00:00:01").orElseThrow();
      assertThat(row.firmware()).contains("9.2");
      assertThat(row.ips()).containsExactly("10.20.0.5", "10.20.0.9");
      assertThat(row.lastSeen()).isAfter(row.firstSeen());
      DeviceDetail detail = query.detail(row.id()).orElseThrow();
      assertThat(detail.captures()).isEqualTo(2);
      assertThat(detail.changes())
          .extracting(
              DeviceDetail.ChangeRow::attribute,
              DeviceDetail.ChangeRow::oldValue,
              DeviceDetail.ChangeRow::newValue)
          .contains(
              org.assertj.core.groups.Tuple.tuple("firmware", "9.1", "9.2"),
              org.assertj.core.groups.Tuple.tuple("ips", "10.20.0.5", "10.20.0.5,10.20.0.9"),
              org.assertj.core.groups.Tuple.tuple("device", "", "first seen"));
      assertThat(detail.evidence())
          .extracting(DeviceDetail.EvidenceRow::attribute)
          .containsExactlyInAnyOrder("model", "vendor");

      List<PeerRow> peers = query.peers(row.id(), 100);
      assertThat(peers).hasSize(1);
      assertThat(peers.get(0).protocol()).isEqualTo("hl7");
      assertThat(peers.get(0).asClient()).isTrue();
      assertThat(peers.get(0).flows()).isEqualTo(2);
      assertThat(peers.get(0).cleartextFlows()).isEqualTo(2);
      assertThat(store.count("device WHERE device_key LIKE 'mac:00:0a:0b%'")).isEqualTo(2);
    }

    @Test
    void shouldListTheBusiestPeersFirstAndNoMoreThanAsked() {
      InventoryWriter writer = store.bean(InventoryWriter.class);
      DeviceQueryService query = store.bean(DeviceQueryService.class);
      Device hub = pump("00:0c:0d:00:00:01", "10.30.0.1", "1.0", T0);
      List<Device> all = new ArrayList<>(List.of(hub));
      FlowHours hours = new FlowHours();
      for (int i = 1; i <= 6; i++) {
        Device peer = pump(String.format("00:0c:0d:00:01:%02x", i), "10.30.1." + i, "1.0", T0);
        all.add(peer);
        for (int f = 0; f < (i * 7) % 6 + 1; f++) { // 1..6 flows, not in peer order
          hours.add(
              new Flow(
                  Endpoint.of(peer.mac().get(), peer.ips().get(0), 20),
                  40000 + f,
                  Endpoint.of(hub.mac().get(), hub.ips().get(0), 20),
                  2575,
                  Transport.TCP,
                  20,
                  Optional.of("hl7"),
                  false,
                  1,
                  100,
                  1,
                  100,
                  T0,
                  T0 + 1000));
        }
      }
      writer.merge(StoredDevices.capture("d".repeat(64)), all, hours.resolve(all), 0, "t");
      long hubId = query.deviceByKey(hub.id()).orElseThrow().id();

      List<PeerRow> every = query.peers(hubId, 100);
      assertThat(every).hasSize(6).allSatisfy(p -> assertThat(p.asClient()).isFalse());
      assertThat(every)
          .extracting(PeerRow::flows)
          .isSortedAccordingTo(java.util.Comparator.reverseOrder())
          .containsExactlyInAnyOrder(1L, 2L, 3L, 4L, 5L, 6L);
      assertThat(query.peers(hubId, 2)).containsExactlyElementsOf(every.subList(0, 2));
    }

    @Test
    void shouldPageThroughEveryMatchingDeviceExactlyOnceInEachOrder() {
      DeviceQueryService query = store.bean(DeviceQueryService.class);
      for (DeviceSort sort : DeviceSort.values()) {
        for (boolean desc : new boolean[] {false, true}) {
          DeviceQuery q = DeviceQuery.all().withText("host-").sortedBy(sort, desc).withLimit(10);
          Set<Long> seen = new HashSet<>();
          List<DeviceRow> all = everyPage(query, q);
          all.forEach(d -> assertThat(seen.add(d.id())).as("%s %s duplicate", sort, desc).isTrue());
          assertThat(all).as("%s desc=%s", sort, desc).hasSize(137);
          assertThat(query.count(q)).isEqualTo(137);
        }
      }
    }

    @Test
    void shouldPageFilteredDevicesRiskiestFirstInBothDirections() {
      // Risk scores with ties, as the finding refresher leaves them.
      store.jdbc().sql("UPDATE device SET risk_score = MOD(id * 37, 11) * 10").update();
      DeviceQueryService query = store.bean(DeviceQueryService.class);
      DeviceQuery all = DeviceQuery.all();
      List<DeviceQuery> filtered =
          List.of(
              all.withCategory(Category.PRINTER),
              all.withVendor("PHILIPS"),
              // Free text pages through another statement shape (the page's ids, then their rows).
              all.withText("host-1"),
              all.withText("philips host-"),
              all.withText("10.9.0.").withCategory(Category.PRINTER),
              new DeviceQuery(
                  Optional.empty(),
                  Optional.empty(),
                  Optional.of(Criticality.HIGH),
                  Optional.empty(),
                  Optional.empty(),
                  java.util.OptionalInt.empty(),
                  false,
                  false,
                  DeviceSort.RISK,
                  true,
                  Optional.empty(),
                  50));
      for (DeviceQuery f : filtered) {
        for (boolean desc : new boolean[] {true, false}) {
          DeviceQuery q = f.sortedBy(DeviceSort.RISK, desc).withLimit(7);
          List<DeviceRow> all7 = everyPage(query, q);
          assertThat(all7).as("%s desc=%s", f, desc).hasSize((int) query.count(q)).isNotEmpty();
          for (int i = 1; i < all7.size(); i++) {
            DeviceRow a = all7.get(i - 1);
            DeviceRow b = all7.get(i);
            int byRisk = Integer.compare(a.riskScore(), b.riskScore());
            int order = byRisk != 0 ? byRisk : Long.compare(a.id(), b.id());
            assertThat(desc ? order > 0 : order < 0).as("%s then %s", a.id(), b.id()).isTrue();
          }
        }
      }
    }

    @Test
    void shouldPageACategorysAndAMakersDevicesByLastSightingInBothDirections() {
      // Sightings with ties, so that the id decides within one instant.
      store
          .jdbc()
          .sql(
              "UPDATE device SET last_seen = TIMESTAMP '2026-11-01 00:00:00' + MOD(id * 7, 5) * INTERVAL '1' HOUR")
          .update();
      DeviceQueryService query = store.bean(DeviceQueryService.class);
      for (DeviceQuery f :
          List.of(
              DeviceQuery.all().withCategory(Category.PRINTER),
              DeviceQuery.all().withVendor("philips"))) {
        for (boolean desc : new boolean[] {true, false}) {
          DeviceQuery q = f.sortedBy(DeviceSort.LAST_SEEN, desc).withLimit(7);
          List<DeviceRow> rows = everyPage(query, q);
          assertThat(rows).as("%s desc=%s", f, desc).hasSize((int) query.count(q)).isNotEmpty();
          assertThat(rows.stream().map(DeviceRow::id).distinct().count()).isEqualTo(rows.size());
          for (int i = 1; i < rows.size(); i++) {
            DeviceRow a = rows.get(i - 1);
            DeviceRow b = rows.get(i);
            int bySighting = a.lastSeen().compareTo(b.lastSeen());
            int order = bySighting != 0 ? bySighting : Long.compare(a.id(), b.id());
            assertThat(desc ? order > 0 : order < 0).as("%s then %s", a.id(), b.id()).isTrue();
          }
        }
      }
    }

    @Test
    void shouldFilterByCategoryCriticalityAndVendorAndTreatSearchTextAsData() {
      DeviceQueryService query = store.bean(DeviceQueryService.class);
      DeviceQuery pumps = DeviceQuery.all().withCategory(Category.PRINTER).withLimit(500);
      assertThat(query.search(pumps).items())
          .isNotEmpty()
          .allSatisfy(d -> assertThat(d.category()).isEqualTo(Category.PRINTER));
      assertThat(query.count(DeviceQuery.all().withVendor("philips"))).isEqualTo(46);
      assertThat(query.count(DeviceQuery.all().withText("acme_corp 100%"))).isEqualTo(91);
      assertThat(query.count(DeviceQuery.all().withText("acme%corp"))).isZero();
      assertThat(query.count(DeviceQuery.all().withText("' OR 1=1 --"))).isZero();
      assertThat(query.count(DeviceQuery.all().withText("<script>alert(1)</script>"))).isZero();
      assertThat(store.count("device")).isGreaterThanOrEqualTo(137);
    }

    @Test
    void shouldMatchEachSearchWordInTheAddressesOrTheDescriptiveValues() {
      DeviceQueryService query = store.bean(DeviceQueryService.class);
      for (String text :
          List.of(
              "10.9.0.1",
              "0.12",
              "host-12 philips",
              "02:00:00:00:00:0a",
              "mac:02:00:00:00:00:1",
              "printer host-1",
              "PHILIPS 10.9.0.13")) {
        long expected = 0;
        for (int i = 0; i < 137; i++) {
          String mac = String.format("02:00:00:00:%02x:%02x", i / 256, i % 256);
          List<String> values =
              List.of(
                  "mac:" + mac,
                  mac,
                  "10.9." + (i / 256) + "." + (i % 256),
                  "host-" + i,
                  i % 3 == 0 ? "philips" : "acme_corp 100%",
                  CATEGORIES[i % CATEGORIES.length].id());
          boolean all = true;
          for (String word : text.toLowerCase(java.util.Locale.ROOT).split(" ")) {
            all &= values.stream().anyMatch(v -> v.contains(word));
          }
          expected += all ? 1 : 0;
        }
        assertThat(expected).as("the data holds matches for %s", text).isPositive();
        assertThat(query.count(DeviceQuery.all().withText(text))).as(text).isEqualTo(expected);
      }
    }

    @Test
    void shouldStoreAndFindADeviceWithMoreAddressesThanAnIndexEntryHolds() {
      // A DHCP client over months or a server with many names: its addresses outgrow what one
      // B-tree entry holds (about 2,700 bytes), so no B-tree index may carry the search texts.
      // Scattered addresses, as DHCP hands them out: a run like 10.77.0.1, 10.77.0.2… compresses
      // into one entry and would not show the limit.
      java.util.Random random = new java.util.Random(7);
      StringBuilder many = new StringBuilder();
      String last = "";
      while (many.length() < 7_500) {
        last = "10." + random.nextInt(256) + "." + random.nextInt(256) + "." + random.nextInt(256);
        many.append(last).append(' ');
      }
      long id = store.jdbc().sql("SELECT MIN(id) FROM device").query(Long.class).single();
      String before =
          store
              .jdbc()
              .sql("SELECT search_addresses FROM device WHERE id = ?")
              .param(id)
              .query(String.class)
              .single();
      int risk =
          store
              .jdbc()
              .sql("SELECT risk_score FROM device WHERE id = ?")
              .param(id)
              .query(Integer.class)
              .single();
      try {
        store
            .jdbc()
            .sql("UPDATE device SET search_addresses = ?, risk_score = 1000 WHERE id = ?")
            .params(many.toString().strip(), id)
            .update();
        DeviceQueryService query = store.bean(DeviceQueryService.class);
        assertThat(query.search(DeviceQuery.all().withText(last)).items())
            .extracting(DeviceRow::id)
            .containsExactly(id);
        // Several words take the riskiest-first window before the planned search.
        assertThat(query.search(DeviceQuery.all().withText(last + " 10.")).items())
            .extracting(DeviceRow::id)
            .containsExactly(id);
        // The window holds short texts only; the riskiest match, whose texts are long, still
        // heads the page, and the pages still list every match once.
        DeviceQuery words = DeviceQuery.all().withText("10. philips").withLimit(5);
        Page<DeviceRow> first = query.search(words);
        assertThat(first.items()).hasSize(5);
        assertThat(first.items().get(0).id()).isEqualTo(id);
        List<Long> seen = new ArrayList<>();
        Page<DeviceRow> page = first;
        seen.addAll(page.items().stream().map(DeviceRow::id).toList());
        while (page.nextCursor().isPresent()) {
          page = query.search(words.after(page.nextCursor().get()));
          seen.addAll(page.items().stream().map(DeviceRow::id).toList());
        }
        assertThat(seen).doesNotHaveDuplicates().hasSize((int) query.count(words)).contains(id);
      } finally {
        store
            .jdbc()
            .sql("UPDATE device SET search_addresses = ?, risk_score = ? WHERE id = ?")
            .params(before, risk, id)
            .update();
      }
    }

    @Test
    void shouldRefuseACursorFromAnotherOrderOrAForgedOne() {
      DeviceQueryService query = store.bean(DeviceQueryService.class);
      DeviceQuery q =
          DeviceQuery.all().withText("host-").sortedBy(DeviceSort.VENDOR, false).withLimit(5);
      String cursor = query.search(q).nextCursor().orElseThrow();
      assertThatThrownBy(() -> query.search(q.sortedBy(DeviceSort.RISK, false).after(cursor)))
          .isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(() -> query.search(q.after("%%%not-base64")))
          .isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(() -> query.search(q.after("MXxyaXNrfGF8eHx5")))
          .isInstanceOf(IllegalArgumentException.class);
    }
  }

  /** Every row of {@code q}, page after page by cursor, in the order the pages gave them. */
  static List<DeviceRow> everyPage(DeviceQueryService query, DeviceQuery q) {
    List<DeviceRow> rows = new ArrayList<>();
    Page<DeviceRow> page = query.search(q);
    rows.addAll(page.items());
    while (page.nextCursor().isPresent()) {
      page = query.search(q.after(page.nextCursor().get()));
      rows.addAll(page.items());
    }
    return rows;
  }
}

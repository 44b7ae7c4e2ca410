package io.ward.server.inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ward.model.Category;
import io.ward.model.Criticality;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The in-memory search against a plain reading of the query over the same devices: the filters,
 * every word a substring of the texts or the addresses, the risk order and cursors both ways.
 */
class SearchSnapshotTest {
  record Dev(
      long id,
      int risk,
      String text,
      String addresses,
      String category,
      int criticality,
      String vendorLower,
      long site,
      boolean medical,
      boolean kev) {}

  static final String[] WORDS = {"alaris", "pump", "philips", "intellivue", "ws", "dell", "icu"};
  static final Category[] CATEGORIES = {
    Category.INFUSION_PUMP, Category.PATIENT_MONITOR, Category.WORKSTATION
  };

  static List<Dev> devices(Random r, int n) {
    List<Dev> devs = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      StringBuilder text = new StringBuilder();
      for (int w = 0; w < 1 + r.nextInt(4); w++) {
        text.append(WORDS[r.nextInt(WORDS.length)]).append(r.nextBoolean() ? "-" : " ");
      }
      devs.add(
          new Dev(
              1 + r.nextInt(3 * n),
              r.nextInt(6) * 10,
              text.toString().strip(),
              "10.0." + r.nextInt(3) + "." + r.nextInt(256),
              CATEGORIES[r.nextInt(CATEGORIES.length)].id(),
              r.nextInt(4),
              r.nextInt(5) == 0 ? null : (r.nextBoolean() ? "philips" : "dell"),
              r.nextInt(4) == 0 ? SearchSnapshot.NO_SITE : r.nextInt(3),
              r.nextBoolean(),
              r.nextInt(5) == 0));
    }
    // Distinct ids, riskiest first.
    return devs.stream()
        .collect(java.util.stream.Collectors.toMap(Dev::id, d -> d, (a, b) -> a))
        .values()
        .stream()
        .sorted(Comparator.comparingInt(Dev::risk).thenComparingLong(Dev::id).reversed())
        .toList();
  }

  static SearchSnapshot snapshot(List<Dev> devs) {
    SearchSnapshot.Builder b = new SearchSnapshot.Builder();
    for (Dev d : devs) {
      b.add(
          d.id(),
          d.risk(),
          d.text(),
          d.addresses(),
          d.category(),
          d.criticality(),
          d.vendorLower(),
          d.site(),
          d.medical(),
          d.kev());
    }
    return b.build();
  }

  static boolean matches(Dev d, DeviceQuery q) {
    for (String w : q.text().orElse("").toLowerCase(java.util.Locale.ROOT).split("\\s+")) {
      if (!d.text().contains(w) && !d.addresses().contains(w)) {
        return false;
      }
    }
    return q.category().map(c -> c.id().equals(d.category())).orElse(true)
        && q.criticality().map(c -> c.ordinal() == d.criticality()).orElse(true)
        && q.vendor()
            .map(v -> v.toLowerCase(java.util.Locale.ROOT).equals(d.vendorLower()))
            .orElse(true)
        && q.siteId().map(s -> s == d.site()).orElse(true)
        && d.risk() >= q.minRisk().orElse(0)
        && (!q.medicalOnly() || d.medical())
        && (!q.kevOnly() || d.kev());
  }

  /** A cursor after {@code d}, as DeviceQueryService makes one from the page's last row. */
  static String cursorAfter(Dev d, boolean descending) {
    return new DeviceCursor(DeviceSort.RISK, descending, d.risk(), d.id()).encode();
  }

  static DeviceQuery randomQuery(Random r) {
    String word = WORDS[r.nextInt(WORDS.length)];
    String text = word.substring(0, Math.min(word.length(), 2 + r.nextInt(2)));
    if (r.nextInt(3) == 0) {
      text += " " + (r.nextBoolean() ? "10.0.1" : WORDS[r.nextInt(WORDS.length)]).toUpperCase();
    }
    return new DeviceQuery(
        Optional.of(text),
        r.nextInt(3) == 0 ? Optional.of(CATEGORIES[r.nextInt(3)]) : Optional.empty(),
        r.nextInt(4) == 0 ? Optional.of(Criticality.values()[r.nextInt(4)]) : Optional.empty(),
        r.nextInt(4) == 0 ? Optional.of(r.nextBoolean() ? "PHILIPS" : "Dell") : Optional.empty(),
        r.nextInt(4) == 0 ? Optional.of((long) r.nextInt(3)) : Optional.empty(),
        r.nextInt(4) == 0 ? OptionalInt.of(r.nextInt(60)) : OptionalInt.empty(),
        r.nextInt(4) == 0,
        r.nextInt(6) == 0,
        DeviceSort.RISK,
        r.nextBoolean(),
        Optional.empty(),
        1 + r.nextInt(20));
  }

  @Test
  void shouldListEveryMatchOnceInTheRiskOrderPageAfterPageInBothDirections() {
    Random r = new Random(11);
    for (int round = 0; round < 300; round++) {
      List<Dev> devs = devices(r, 1 + r.nextInt(400));
      SearchSnapshot s = snapshot(devs);
      DeviceQuery q = randomQuery(r);
      List<Dev> expected = devs.stream().filter(d -> matches(d, q)).toList();
      if (!q.descending()) {
        expected = new ArrayList<>(expected);
        java.util.Collections.reverse(expected);
      }
      assertThat(s.count(q)).as("%s", q).isEqualTo(expected.size());
      // Page by cursor; the cursor also names a row that no longer matches, as after a change.
      List<Long> paged = new ArrayList<>();
      DeviceQuery page = q;
      while (true) {
        List<Long> ids = s.matches(page, q.limit() + 1).stream().map(s::id).toList();
        List<Long> shown = ids.subList(0, Math.min(q.limit(), ids.size()));
        paged.addAll(shown);
        if (ids.size() <= q.limit()) {
          break;
        }
        long lastId = shown.get(shown.size() - 1);
        Dev last = devs.stream().filter(d -> d.id() == lastId).findFirst().orElseThrow();
        page = q.after(cursorAfter(last, q.descending()));
      }
      assertThat(paged)
          .as("%s", q)
          .containsExactlyElementsOf(expected.stream().map(Dev::id).toList());
    }
  }

  @Test
  void shouldStartAfterACursorWhoseDeviceIsGone() {
    Random r = new Random(5);
    List<Dev> devs = devices(r, 200);
    SearchSnapshot s = snapshot(devs);
    DeviceQuery q = DeviceQuery.all().withText("10.0.").withLimit(500);
    for (boolean desc : new boolean[] {true, false}) {
      // A position between two devices: no device has this (risk, id).
      Dev gone = new Dev(-1, 25, "", "", null, 0, null, 0, false, false);
      List<Long> ids =
          s.matches(q.sortedBy(DeviceSort.RISK, desc).after(cursorAfter(gone, desc)), 500).stream()
              .map(s::id)
              .toList();
      List<Long> expected =
          devs.stream()
              .filter(d -> desc ? d.risk() < 25 : d.risk() > 25)
              .map(Dev::id)
              .sorted(desc ? Comparator.<Long>naturalOrder().reversed() : Comparator.naturalOrder())
              .toList();
      assertThat(ids).containsExactlyInAnyOrderElementsOf(expected);
    }
  }

  @Test
  void shouldRefuseDevicesOutOfTheRiskOrderAndCursorsOfAnotherOrder() {
    SearchSnapshot.Builder b = new SearchSnapshot.Builder();
    b.add(5, 10, "a", "", null, 0, null, SearchSnapshot.NO_SITE, false, false);
    assertThatThrownBy(
            () -> b.add(6, 10, "b", "", null, 0, null, SearchSnapshot.NO_SITE, false, false))
        .isInstanceOf(IllegalArgumentException.class);
    SearchSnapshot s = b.build();
    String vendorCursor = new DeviceCursor(DeviceSort.VENDOR, true, "x", 1).encode();
    assertThatThrownBy(() -> s.matches(DeviceQuery.all().withText("a").after(vendorCursor), 5))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void shouldNotLetAWordSpanTheTextAndTheAddresses() {
    SearchSnapshot s =
        new SearchSnapshot.Builder()
            .add(1, 0, "pump", "10.0.0.1", null, 0, null, SearchSnapshot.NO_SITE, false, false)
            .build();
    assertThat(s.count(DeviceQuery.all().withText("pump10"))).isZero();
    // A device without a site is at no site, whatever number a request sends.
    DeviceQuery atSite =
        new DeviceQuery(
            Optional.of("pump"),
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            Optional.of(SearchSnapshot.NO_SITE),
            OptionalInt.empty(),
            false,
            false,
            DeviceSort.RISK,
            true,
            Optional.empty(),
            10);
    assertThat(s.count(atSite)).isZero();
    assertThat(s.count(DeviceQuery.all().withText("pump 10.0"))).isEqualTo(1);
  }
}

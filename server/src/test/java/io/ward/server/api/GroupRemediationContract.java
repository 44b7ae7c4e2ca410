package io.ward.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.ward.server.exposure.RemediationService;
import io.ward.server.security.Role;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;

/**
 * Group remediation, the findings filters and the advisories over real HTTP: one record for every
 * open finding of an advisory, a CVE or a finding set's CVEs across devices (optionally one
 * vendor/model/firmware), moved through its statuses and verified when every device shows the fix;
 * findings filtered by decision, kind, category, vendor and text; advisories with their reach. Runs
 * on H2 ({@link H2GroupRemediationTest}) and PostgreSQL ({@link PostgresGroupRemediationTest}).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class GroupRemediationContract {
  FleetServer server;
  Http analyst;
  Http clinical;
  Http auditor;
  GroupFixtures fleet;

  abstract boolean postgres();

  @BeforeAll
  void store() throws Exception {
    server = FleetServer.of(postgres());
    analyst = Http.bearer(server.url(), server.token(Role.SECURITY_ANALYST));
    clinical = Http.bearer(server.url(), server.token(Role.CLINICAL_ENGINEER));
    auditor = Http.bearer(server.url(), server.token(Role.AUDITOR));
    fleet = GroupFixtures.store(server.jdbc());
  }

  static JsonNode created(HttpResponse<String> r) {
    assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
    return Http.json(r.body());
  }

  static JsonNode ok(HttpResponse<String> r) {
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return Http.json(r.body());
  }

  static List<Long> longs(JsonNode array) {
    List<Long> out = new ArrayList<>();
    array.forEach(n -> out.add(n.asLong()));
    return out;
  }

  static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  static void assertProblemNaming(HttpResponse<String> r, String parameter) {
    ApiContract.assertProblem(r, 400);
    assertThat(Http.json(r.body()).get("detail").asString()).contains(parameter);
  }

  List<String> audit(String target) {
    return server
        .jdbc()
        .sql("SELECT action || ' ' || detail FROM audit_log WHERE target = ? ORDER BY seq")
        .param(target)
        .query(String.class)
        .list();
  }

  @Test
  void shouldOpenOneRecordForEveryOpenFindingOfAnAdvisoryAcrossItsDevices() throws Exception {
    // A fleet of its own: an open record covering these findings keeps them out of new groups.
    GroupFixtures fleet = GroupFixtures.store(server.jdbc());
    JsonNode r =
        created(
            clinical.json(
                "POST",
                "/api/v1/remediations/groups",
                Http.json(Map.of("advisoryKey", fleet.advisoryKey(), "owner", "biomed-grp"))));
    List<Long> findings = new ArrayList<>(fleet.findingsA());
    findings.add(fleet.findingB());
    assertThat(longs(r.get("findingIds"))).containsExactlyInAnyOrderElementsOf(findings);
    List<Long> devices = new ArrayList<>(fleet.pumpsA());
    devices.add(fleet.pumpB());
    // The ruled-out finding on the monitor stays out, and so does its device.
    assertThat(longs(r.get("deviceIds"))).containsExactlyInAnyOrderElementsOf(devices);
    assertThat(r.get("group").asString()).isEqualTo("advisory " + fleet.advisoryKey());
    assertThat(r.get("title").asString()).contains(fleet.advisoryKey()).contains("3 devices");
    assertThat(r.get("urgency").asString()).isEqualTo("act-now");
    // KEV decides the policy's due date (15 days by default).
    assertThat(r.get("dueFromPolicy").asBoolean()).isTrue();
    long id = r.get("id").asLong();
    assertThat(audit("remediation:" + id))
        .singleElement()
        .asString()
        .startsWith("remediation.create")
        .contains("group: advisory " + fleet.advisoryKey())
        .contains(fleet.pumpB() + "");

    JsonNode board = ok(auditor.get("/api/v1/remediations?sort=urgency&owner=biomed-grp"));
    assertThat(board.findValuesAsString("group")).contains("advisory " + fleet.advisoryKey());
    assertThat(board.get(0).get("urgency").asString()).isEqualTo("act-now");
  }

  @Test
  void shouldNarrowACveGroupToTheDevicesOfOneVendorAndModel() throws Exception {
    // A fleet of its own: an open record covering these findings keeps them out of new groups.
    GroupFixtures fleet = GroupFixtures.store(server.jdbc());
    JsonNode r =
        created(
            analyst.json(
                "POST",
                "/api/v1/remediations/groups",
                Http.json(
                    Map.of(
                        "vulnerability", fleet.cve().toLowerCase(java.util.Locale.ROOT),
                        "vendor", fleet.vendor().toUpperCase(java.util.Locale.ROOT),
                        "model", "pump a",
                        "firmware", "1.0",
                        "title", "Patch pump A fleet"))));
    assertThat(longs(r.get("deviceIds"))).containsExactlyInAnyOrderElementsOf(fleet.pumpsA());
    assertThat(longs(r.get("findingIds"))).containsExactlyInAnyOrderElementsOf(fleet.findingsA());
    assertThat(r.get("title").asString()).isEqualTo("Patch pump A fleet");
    assertThat(r.get("group").asString()).contains("model pump a").contains("firmware 1.0");
  }

  @Test
  void shouldExpandAFindingSetToTheSameCveOnEveryDeviceOfTheProduct() throws Exception {
    // A fleet of its own: an open record covering these findings keeps them out of new groups.
    GroupFixtures fleet = GroupFixtures.store(server.jdbc());
    JsonNode r =
        created(
            analyst.json(
                "POST",
                "/api/v1/remediations/groups",
                Http.json(
                    Map.of(
                        "findingIds", List.of(fleet.findingsA().get(0)),
                        "vendor", fleet.vendor(),
                        "model", "Pump A"))));
    assertThat(longs(r.get("findingIds"))).containsExactlyInAnyOrderElementsOf(fleet.findingsA());
  }

  @Test
  void shouldLeaveOutFindingsAlreadyInOpenWorkAndSayWhichRecordsHoldThem() throws Exception {
    GroupFixtures fleet = GroupFixtures.store(server.jdbc());
    String path = "/api/v1/remediations/groups";
    String pumpsA =
        Http.json(
            Map.of("vulnerability", fleet.cve(), "vendor", fleet.vendor(), "model", "Pump A"));
    long first = created(analyst.json("POST", path, pumpsA)).get("id").asLong();

    // The advisory's group takes only what the first record does not hold, and says so.
    JsonNode rest =
        created(analyst.json("POST", path, Http.json(Map.of("advisoryKey", fleet.advisoryKey()))));
    assertThat(longs(rest.get("findingIds"))).containsExactly(fleet.findingB());
    assertThat(longs(rest.get("deviceIds"))).containsExactly(fleet.pumpB());
    assertThat(rest.get("group").asString())
        .isEqualTo(
            "advisory "
                + fleet.advisoryKey()
                + "; 2 findings already in open work left out (record #"
                + first
                + ")");
    // The console's notice reads the same words back from the record.
    assertThat(io.ward.server.exposure.RemediationGroups.leftOut(rest.get("group").asString()))
        .contains("2 findings already in open work left out (record #" + first + ")");
    assertThat(io.ward.server.exposure.RemediationGroups.leftOut("advisory " + fleet.advisoryKey()))
        .isEmpty();

    // Nothing left: a 400 naming the record that holds the findings, and no record opened.
    long before = server.count("remediation");
    HttpResponse<String> none = analyst.json("POST", path, pumpsA);
    assertProblemNaming(none, "already in open work");
    assertThat(Http.json(none.body()).get("detail").asString())
        .contains("#" + first)
        .doesNotContain("#" + rest.get("id").asLong());
    assertThat(server.count("remediation")).isEqualTo(before);

    // A closed record holds no open work: the findings may be grouped again.
    ok(
        analyst.json(
            "POST",
            "/api/v1/remediations/" + first + "/transitions",
            Http.json(Map.of("to", "mitigated", "note", "pumps moved to an isolated VLAN"))));
    JsonNode again = created(analyst.json("POST", path, pumpsA));
    assertThat(longs(again.get("findingIds")))
        .containsExactlyInAnyOrderElementsOf(fleet.findingsA());
  }

  @Test
  void shouldRefuseAnEmptyOrAmbiguousGroupAndARoleThatMayNotRemediate() throws Exception {
    String path = "/api/v1/remediations/groups";
    assertProblemNaming(analyst.json("POST", path, "{}"), "advisoryKey");
    assertProblemNaming(
        analyst.json(
            "POST",
            path,
            Http.json(Map.of("advisoryKey", fleet.advisoryKey(), "vulnerability", fleet.cve()))),
        "exactly one");
    assertProblemNaming(
        analyst.json("POST", path, Http.json(Map.of("advisoryKey", "csaf|NO-SUCH-ADVISORY"))),
        "no open finding");
    assertProblemNaming(
        analyst.json(
            "POST", path, Http.json(Map.of("vulnerability", fleet.cve(), "model", "Pump A"))),
        "vendor");
    assertProblemNaming(
        analyst.json("POST", path, Http.json(Map.of("findingIds", List.of(99_999_999)))),
        "no finding");
    long before = server.count("remediation");
    HttpResponse<String> refused =
        auditor.json("POST", path, Http.json(Map.of("advisoryKey", fleet.advisoryKey())));
    assertThat(refused.statusCode()).isEqualTo(403);
    assertThat(server.count("remediation")).isEqualTo(before);
  }

  @Test
  void shouldShowWhatWasTypedAgainWhenTheAdvisoryPageRefusesAGroup() throws Exception {
    GroupFixtures fleet = GroupFixtures.store(server.jdbc());
    GroupFixtures other = GroupFixtures.store(server.jdbc());
    Http console = Http.session(server.url());
    console.signIn(SharedServer.userName(Role.CLINICAL_ENGINEER), SharedServer.PASSWORD);
    String back = "/advisories/" + fleet.advisoryId();
    java.util.regex.Matcher option =
        java.util.regex.Pattern.compile("<option value=\"([^\"]+)\">[^<]*Pump A")
            .matcher(console.page(back).body());
    assertThat(option.find()).as("the Pump A choice").isTrue();
    String pumpA = option.group(1);
    long before = server.count("remediation");

    // A due date out of range: refused, and the form shows the product and what was typed.
    HttpResponse<String> refused =
        console.form(
            "/remediations/groups",
            Map.of(
                "advisoryKey",
                fleet.advisoryKey(),
                "product",
                pumpA,
                "title",
                "Pumps <A> & \"friends\" <script>alert(1)</script>",
                "owner",
                "biomed <night>",
                "due",
                "1999-12-31",
                "maintenanceWindow",
                "Sunday 02:00 & later",
                "returnTo",
                back,
                "_csrf",
                console.csrf()));
    assertThat(refused.statusCode()).isEqualTo(302);
    String page = console.page(back).body();
    assertThat(page).contains("due must be a date from 2000-01-01");
    String form = groupForm(page);
    assertThat(form)
        .contains("<option value=\"" + pumpA + "\" selected")
        .contains(
            "value=\"Pumps &lt;A&gt; &amp; &quot;friends&quot;"
                + " &lt;script&gt;alert(1)&lt;/script&gt;\"")
        .contains("value=\"biomed &lt;night&gt;\"")
        .contains("value=\"1999-12-31\"")
        .contains("value=\"Sunday 02:00 &amp; later\"");
    assertThat(page).doesNotContain("<script>alert(1)");
    assertThat(server.count("remediation")).isEqualTo(before);
    // Shown once.
    assertThat(groupForm(console.page(back).body()))
        .doesNotContain("biomed")
        .doesNotContain("selected");

    // Only on the form of the advisory it was about, even when sent back to another's page.
    console.form(
        "/remediations/groups",
        Map.of(
            "advisoryKey",
            fleet.advisoryKey(),
            "owner",
            "meant for the first advisory",
            "due",
            "1999-12-31",
            "returnTo",
            "/advisories/" + other.advisoryId(),
            "_csrf",
            console.csrf()));
    page = console.page("/advisories/" + other.advisoryId()).body();
    assertThat(page).contains("due must be a date from 2000-01-01");
    assertThat(groupForm(page)).doesNotContain("meant for the first advisory");

    // Longer than the fields allow: refused, and kept only as long as each field.
    console.form(
        "/remediations/groups",
        Map.of(
            "advisoryKey",
            fleet.advisoryKey(),
            "title",
            "t".repeat(RemediationJson.MAX_TITLE) + "BEYOND" + "u".repeat(50_000),
            "maintenanceWindow",
            "w".repeat(RemediationJson.MAX_WINDOW) + "BEYOND",
            "returnTo",
            back,
            "_csrf",
            console.csrf()));
    page = console.page(back).body();
    assertThat(page).contains("title is longer than " + RemediationJson.MAX_TITLE + " characters");
    assertThat(groupForm(page))
        .contains("value=\"" + "t".repeat(RemediationJson.MAX_TITLE) + "\"")
        .contains("value=\"" + "w".repeat(RemediationJson.MAX_WINDOW) + "\"")
        .doesNotContain("BEYOND");
    assertThat(server.count("remediation")).isEqualTo(before);
  }

  /** The HTML of the advisory page's group form. */
  private static String groupForm(String page) {
    int start = page.indexOf("id=\"group-form\"");
    assertThat(start).as("the group form").isPositive();
    return page.substring(start, page.indexOf("</form>", start));
  }

  @Test
  void shouldMoveAGroupThroughItsStatusesAndVerifyItOnlyWhenEveryDeviceShowsTheFix()
      throws Exception {
    // A fleet of its own: flashing its pumps must not change what the other tests read.
    GroupFixtures fleet = GroupFixtures.store(server.jdbc());
    JsonNode r =
        created(
            clinical.json(
                "POST",
                "/api/v1/remediations/groups",
                Http.json(
                    Map.of(
                        "vulnerability",
                        fleet.cve(),
                        "vendor",
                        fleet.vendor(),
                        "model",
                        "Pump A"))));
    long id = r.get("id").asLong();
    String base = "/api/v1/remediations/" + id;
    for (String to : List.of("planned", "in-progress")) {
      ok(clinical.json("POST", base + "/transitions", Http.json(Map.of("to", to))));
    }
    JsonNode current = ok(clinical.get(base));
    long remediatedBefore = remediated();
    ok(
        clinical.json(
            "PATCH",
            base,
            Http.json(Map.of("version", current.get("version").asInt(), "fixedVersion", "2.0.1"))));
    JsonNode patched =
        ok(
            clinical.json(
                "POST",
                base + "/transitions",
                Http.json(Map.of("to", "patched", "note", "both pumps flashed"))));
    assertThat(patched.get("status").asString()).isEqualTo("patched");
    assertThat(patched.get("verified").asBoolean()).isFalse();
    assertThat(longs(patched.get("deviceIds"))).hasSize(2);

    RemediationService service = server.server().context().getBean(RemediationService.class);
    long first = fleet.pumpsA().get(0);
    long second = fleet.pumpsA().get(1);
    firmware(first, "2.0.1");
    assertThat(service.afterInventory(List.of(first))).doesNotContain(id);
    assertThat(ok(clinical.get(base)).get("verified").asBoolean()).isFalse();
    firmware(second, "2.1");
    assertThat(service.afterInventory(List.of(second))).contains(id);
    JsonNode verified = ok(clinical.get(base));
    assertThat(verified.get("verified").asBoolean()).isTrue();
    assertThat(
            verified.get("history").get(verified.get("history").size() - 1).get("note").asString())
        .contains("on 2 devices");
    assertThat(audit("remediation:" + id))
        .extracting(s -> s.split(" ")[0])
        .containsExactly(
            "remediation.create",
            "remediation.transition",
            "remediation.transition",
            "remediation.update",
            "remediation.transition",
            "remediation.verify");
    // The group counts once in the metrics, however many devices it covers.
    assertThat(remediated()).isEqualTo(remediatedBefore + 1);
  }

  private long remediated() throws Exception {
    return ok(auditor.get("/api/v1/metrics/remediation")).get("remediated").asLong();
  }

  private void firmware(long device, String version) {
    server
        .jdbc()
        .sql("UPDATE device SET firmware = ? WHERE id = ?")
        .params(version, device)
        .update();
  }

  @Test
  void shouldFilterFindingsByDecisionKindCategoryVendorAndTextAndSortByScore() throws Exception {
    String mine = "/api/v1/findings?limit=500&vendor=" + enc(fleet.vendor());
    JsonNode all = ok(auditor.get(mine));
    assertThat(all.get("items")).hasSize(4); // the monitor is another vendor's
    JsonNode actNow = ok(auditor.get(mine + "&decision=act-now"));
    assertThat(ids(actNow)).containsExactlyInAnyOrderElementsOf(fleet.findingsA());
    assertThat(ids(ok(auditor.get(mine + "&decision=act-soon&kev=true"))))
        .containsExactly(fleet.findingB());
    assertThat(ok(auditor.get(mine + "&kind=end-of-life")).get("items")).isEmpty();
    assertThat(ok(auditor.get(mine + "&kind=vulnerability")).get("items")).hasSize(4);
    assertThat(ok(auditor.get(mine + "&category=patient-monitor")).get("items")).isEmpty();
    JsonNode byText =
        ok(auditor.get("/api/v1/findings?limit=500&q=" + enc(fleet.cve().toLowerCase())));
    assertThat(ids(byText)).contains(fleet.notAffected()).hasSize(4);
    assertThat(
            ids(
                ok(
                    auditor.get(
                        "/api/v1/findings?limit=500&q=" + enc("WARD-OTHER-" + fleet.tag())))))
        .hasSize(1);
    JsonNode monitors =
        ok(auditor.get("/api/v1/findings?category=patient-monitor&q=" + enc(fleet.cve())));
    assertThat(ids(monitors)).containsExactly(fleet.notAffected());
    // Highest first by default, lowest first when asked; pages of one walk the same order.
    List<Integer> desc = scores(ok(auditor.get(mine)));
    assertThat(desc).containsExactly(92, 92, 61, 35);
    assertThat(scores(ok(auditor.get(mine + "&sort=score-asc")))).containsExactly(35, 61, 92, 92);
    List<Integer> walked = new ArrayList<>();
    String cursor = null;
    do {
      JsonNode page =
          ok(
              auditor.get(
                  mine + "&sort=score-asc&limit=1" + (cursor == null ? "" : "&cursor=" + cursor)));
      walked.addAll(scores(page));
      cursor = page.get("nextCursor").isNull() ? null : page.get("nextCursor").asString();
    } while (cursor != null && walked.size() < 10);
    assertThat(walked).containsExactly(35, 61, 92, 92);
  }

  static List<Long> ids(JsonNode page) {
    List<Long> out = new ArrayList<>();
    page.get("items").forEach(f -> out.add(f.get("id").asLong()));
    return out;
  }

  static List<Integer> scores(JsonNode page) {
    List<Integer> out = new ArrayList<>();
    page.get("items").forEach(f -> out.add(f.get("score").asInt()));
    return out;
  }

  @Test
  void shouldRefuseAnUnknownFilterValueWithAProblemNamingTheParameter() throws Exception {
    for (String p : List.of("decision", "kind", "category", "status", "sort")) {
      assertProblemNaming(auditor.get("/api/v1/findings?" + p + "=bogus"), p);
    }
    assertProblemNaming(auditor.get("/api/v1/findings?q=" + "x".repeat(201)), "q");
    assertProblemNaming(auditor.get("/api/v1/remediations?sort=bogus"), "sort");
  }

  @Test
  void shouldTreatSqlAndLikeWildcardsInTheTextFilterAsPlainText() throws Exception {
    long findings = server.count("finding");
    for (String attack :
        List.of(
            "' OR '1'='1",
            "x' OR 1=1 --",
            "'; DROP TABLE finding; --",
            "%",
            "_",
            "\\",
            "<script>alert(1)</script>")) {
      JsonNode page = ok(auditor.get("/api/v1/findings?limit=500&q=" + enc(attack)));
      for (JsonNode f : page.get("items")) {
        String haystack =
            (f.get("vulnerability").asString()
                    + f.get("advisoryKey").asString()
                    + f.get("title").asString())
                .toLowerCase();
        assertThat(haystack).as(attack).contains(attack.toLowerCase());
      }
    }
    assertThat(server.count("finding")).isEqualTo(findings);
    assertThat(ok(auditor.get("/api/v1/advisories?q=" + enc("' OR '1'='1")))).isEmpty();
  }

  @Test
  void shouldListAdvisoriesWithTheirReachAndShowOneWithItsFindings() throws Exception {
    JsonNode list = ok(auditor.get("/api/v1/advisories?q=" + enc(fleet.cve())));
    assertThat(list.findValuesAsString("key")).containsExactly(fleet.advisoryKey());
    JsonNode detail = ok(auditor.get("/api/v1/advisories/" + fleet.advisoryId()));
    JsonNode s = detail.get("summary");
    assertThat(s.get("affected").asInt()).isEqualTo(2);
    assertThat(s.get("possiblyAffected").asInt()).isEqualTo(1);
    assertThat(s.get("kev").asBoolean()).isTrue();
    assertThat(s.get("cves").get(0).asString()).isEqualTo(fleet.cve());
    assertThat(s.get("advisory").get("publisher").asString()).isEqualTo("CISA");
    List<Long> listed = new ArrayList<>();
    detail.get("findings").forEach(f -> listed.add(f.get("id").asLong()));
    assertThat(listed)
        .containsExactlyInAnyOrder(
            fleet.findingsA().get(0), fleet.findingsA().get(1), fleet.findingB());
    ApiContract.assertProblem(auditor.get("/api/v1/advisories/99999999"), 404);
    assertProblemNaming(auditor.get("/api/v1/advisories?offset=-1&q=x"), "offset");
  }

  @Test
  void shouldShowTheTextFilterEscapedInTheConsole() throws Exception {
    Http session = Http.session(server.url());
    session.signIn(SharedServer.userName(Role.AUDITOR), SharedServer.PASSWORD);
    String attack = "<script>alert(1)</script>\"><img src=x onerror=alert(2)>";
    HttpResponse<String> page = session.get("/findings?q=" + enc(attack));
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body())
        .doesNotContain("<script>alert(1)")
        .doesNotContain("<img src=x")
        .contains("&lt;script&gt;alert(1)&lt;/script&gt;");
    HttpResponse<String> advisories = session.get("/advisories?q=" + enc(attack));
    assertThat(advisories.statusCode()).isEqualTo(200);
    assertThat(advisories.body()).doesNotContain("<script>alert(1)").doesNotContain("<img src=x");
    HttpResponse<String> bad = session.get("/findings?decision=bogus");
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(bad.body()).contains("decision must be one of");
    // An offset whose next page would overflow: refused, not a link to a negative offset.
    HttpResponse<String> far = session.get("/advisories?offset=" + Integer.MAX_VALUE);
    assertThat(far.statusCode()).isEqualTo(400);
    assertThat(far.body()).contains("offset must be from 0 to");
    assertThat(session.get("/advisories?offset=100000000").statusCode()).isEqualTo(200);
  }
}

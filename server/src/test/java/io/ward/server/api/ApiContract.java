package io.ward.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.ward.server.security.Role;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;

/**
 * The REST API over real HTTP against a running Ward server, with real captures ingested through
 * it. Runs on H2 ({@link H2ApiTest}) and on PostgreSQL ({@link PostgresApiTest}).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ApiContract {
  SharedServer server;
  Http admin;
  Http analyst;
  Http clinical;
  Http auditor;

  abstract boolean postgres();

  @BeforeAll
  void ingest() throws Exception {
    server = SharedServer.of(postgres());
    admin = Http.bearer(server.url(), server.token(Role.ADMIN));
    analyst = Http.bearer(server.url(), server.token(Role.SECURITY_ANALYST));
    clinical = Http.bearer(server.url(), server.token(Role.CLINICAL_ENGINEER));
    auditor = Http.bearer(server.url(), server.token(Role.AUDITOR));
    for (String capture : new String[] {Fixtures.HL7, Fixtures.DICOM, Fixtures.DHCP}) {
      JsonNode job = Fixtures.ingest(analyst, capture);
      assertThat(job.get("state").asString()).as(job.toString()).isEqualTo("succeeded");
    }
  }

  JsonNode ok(HttpResponse<String> r) {
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return Http.json(r.body());
  }

  static void assertProblem(HttpResponse<String> r, int status) {
    assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
    assertThat(r.headers().firstValue("Content-Type"))
        .hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
    JsonNode p = Http.json(r.body());
    assertThat(p.get("status").asInt()).isEqualTo(status);
    assertThat(p.get("title").asString()).isNotBlank();
  }

  long anyDevice() throws Exception {
    JsonNode page = ok(auditor.get("/api/v1/devices?limit=1&sort=id&order=asc"));
    return page.get("items").get(0).get("id").asLong();
  }

  @Test
  void shouldAnswerAnUploadWith202AndAJobLocationThatReportsTheOutcome() throws Exception {
    byte[] pcap = java.nio.file.Files.readAllBytes(io.ward.server.TestData.file(Fixtures.HL7));
    HttpResponse<String> r = admin.upload("/api/v1/captures", "file", "again.pcap", pcap);
    assertThat(r.statusCode()).isEqualTo(202);
    JsonNode job = Http.json(r.body());
    assertThat(r.headers().firstValue("Location"))
        .hasValue("/api/v1/jobs/" + job.get("id").asLong());
    assertThat(job.get("kind").asString()).isEqualTo("capture");
    JsonNode done = Fixtures.awaitJob(admin, job.get("id").asLong());
    assertThat(done.get("state").asString()).isEqualTo("succeeded");
    assertThat(done.get("message").asString()).contains("already ingested");
    assertThat(done.get("createdBy").asString()).isEqualTo(SharedServer.userName(Role.ADMIN));
  }

  @Test
  void shouldWalkEveryDeviceOnceThroughCursorPages() throws Exception {
    JsonNode first = ok(auditor.get("/api/v1/devices?limit=500&total=true&sort=id&order=asc"));
    long total = first.get("total").asLong();
    assertThat(total).isGreaterThanOrEqualTo(3);
    Set<Long> seen = new HashSet<>();
    String cursor = null;
    int pages = 0;
    do {
      JsonNode page =
          ok(
              auditor.get(
                  "/api/v1/devices?limit=2&sort=vendor"
                      + (cursor == null ? "" : "&cursor=" + cursor)));
      page.get("items").forEach(d -> assertThat(seen.add(d.get("id").asLong())).isTrue());
      cursor = page.get("nextCursor").isNull() ? null : page.get("nextCursor").asString();
      pages++;
    } while (cursor != null && pages < 10_000);
    assertThat((long) seen.size()).isEqualTo(total);
    assertThat(pages).isEqualTo((int) ((total + 1) / 2));
  }

  @Test
  void shouldRefuseACursorFromAnotherOrder() throws Exception {
    JsonNode page = ok(auditor.get("/api/v1/devices?limit=1&sort=id"));
    String cursor = page.get("nextCursor").asString();
    assertProblem(auditor.get("/api/v1/devices?limit=1&sort=vendor&cursor=" + cursor), 400);
  }

  @Test
  void shouldFilterBySearchTextCategoryAndMedical() throws Exception {
    JsonNode all = ok(auditor.get("/api/v1/devices?limit=500"));
    JsonNode medical = ok(auditor.get("/api/v1/devices?limit=500&medical=true"));
    medical.get("items").forEach(d -> assertThat(d.get("medical").asBoolean()).isTrue());
    JsonNode d = all.get("items").get(0);
    String ip = d.get("ips").get(0).asString();
    JsonNode byIp = ok(auditor.get("/api/v1/devices?q=" + ip));
    assertThat(byIp.get("items").findValuesAsString("key")).contains(d.get("key").asString());
    String category = d.get("category").asString();
    JsonNode byCategory = ok(auditor.get("/api/v1/devices?limit=500&category=" + category));
    byCategory
        .get("items")
        .forEach(x -> assertThat(x.get("category").asString()).isEqualTo(category));
    assertThat(ok(auditor.get("/api/v1/devices?q=no-such-device-anywhere")).get("items")).isEmpty();
  }

  @Test
  void shouldShowADeviceWithTheEvidenceBehindEachAttribute() throws Exception {
    JsonNode all = ok(auditor.get("/api/v1/devices?limit=500"));
    long withVendor = -1;
    for (JsonNode d : all.get("items")) {
      if (!d.get("vendor").isNull()) {
        withVendor = d.get("id").asLong();
      }
    }
    assertThat(withVendor).as("a device with a known vendor").isPositive();
    JsonNode detail = ok(auditor.get("/api/v1/devices/" + withVendor));
    assertThat(detail.get("device").get("id").asLong()).isEqualTo(withVendor);
    JsonNode evidence = detail.get("evidence");
    assertThat(evidence.size()).isPositive();
    JsonNode vendorEvidence = null;
    for (JsonNode e : evidence) {
      assertThat(e.get("source").asString()).isNotBlank();
      assertThat(e.get("confidence").asDouble()).isBetween(0.0, 1.0);
      if (e.get("attribute").asString().equals("vendor")) {
        vendorEvidence = e;
      }
    }
    assertThat(vendorEvidence).as("evidence for the vendor in %s", evidence).isNotNull();
    assertThat(detail.get("history").size()).isPositive();
    assertThat(detail.get("captures").asInt()).isPositive();
  }

  @Test
  void shouldShowTheSoftwareSeenOnADeviceAndFindTheDeviceByIt() throws Exception {
    // The DCMTK capture's host: DCMTK is software on it, not its model (V202612030930).
    JsonNode found = ok(auditor.get("/api/v1/devices?q=dcmtk"));
    assertThat(found.get("items").findValuesAsString("key")).containsExactly("ip:127.0.0.1");
    long id = found.get("items").get(0).get("id").asLong();
    JsonNode detail = ok(auditor.get("/api/v1/devices/" + id));
    assertThat(detail.get("device").get("model").isNull()).as(detail.toString()).isTrue();
    JsonNode software = detail.get("software");
    assertThat(software.size()).as(detail.toString()).isEqualTo(1);
    JsonNode dcmtk = software.get(0);
    assertThat(dcmtk.get("vendor").asString()).isEqualTo("OFFIS");
    assertThat(dcmtk.get("product").asString()).isEqualTo("DCMTK");
    assertThat(dcmtk.get("version").asString()).isEqualTo("3.6.7");
    assertThat(dcmtk.get("source").asString()).isEqualTo("dicom.implementationVersionName");
    assertThat(dcmtk.get("fingerprint").asString()).isEqualTo("dicom-dcmtk-version");
    assertThat(dcmtk.get("confidence").asDouble()).isEqualTo(0.6);
    // Each piece of evidence for it is listed with the rest.
    List<String> softwareEvidence = new ArrayList<>();
    detail
        .get("evidence")
        .forEach(
            e -> {
              if (e.get("attribute").asString().equals("software")) {
                softwareEvidence.add(e.get("value").asString());
              }
            });
    assertThat(softwareEvidence).contains("OFFIS DCMTK 3.6.7", "OFFIS DCMTK");
  }

  @Test
  void shouldShowPeersAndHourlyFlowsOfADevice() throws Exception {
    JsonNode all = ok(auditor.get("/api/v1/devices?limit=500"));
    boolean foundPeers = false;
    for (JsonNode d : all.get("items")) {
      JsonNode peers = ok(auditor.get("/api/v1/devices/" + d.get("id").asLong() + "/peers"));
      JsonNode flows = ok(auditor.get("/api/v1/devices/" + d.get("id").asLong() + "/flows"));
      if (peers.size() > 0) {
        foundPeers = true;
        assertThat(peers.get(0).get("protocol").asString()).isNotBlank();
        assertThat(peers.get(0).get("flows").asLong()).isPositive();
        assertThat(flows.size()).isPositive();
        assertThat(flows.get(0).get("hour").asString()).isNotBlank();
      }
    }
    assertThat(foundPeers).as("some device has peers").isTrue();
  }

  @Test
  void shouldAnswerUnknownIdsAndPathsWithProblemDocuments() throws Exception {
    assertProblem(auditor.get("/api/v1/devices/987654321"), 404);
    assertProblem(auditor.get("/api/v1/devices/987654321/peers"), 404);
    assertProblem(auditor.get("/api/v1/findings/987654321"), 404);
    assertProblem(auditor.get("/api/v1/remediations/987654321"), 404);
    assertProblem(auditor.get("/api/v1/jobs/987654321"), 404);
    assertProblem(auditor.get("/api/v1/no-such-thing"), 404);
    // The role table lets clinical engineers PUT below /api/v1/remediations, but no endpoint does.
    assertProblem(clinical.json("PUT", "/api/v1/remediations/1", "{}"), 405);
  }

  @Test
  void shouldListFindingsWithRationaleForDevicesAndOverall() throws Exception {
    long device = anyDevice();
    long id =
        Fixtures.finding(server, device, "CVE-2099-" + (postgres() ? "0001" : "0002"), 88, true);
    JsonNode f = ok(auditor.get("/api/v1/findings/" + id));
    assertThat(f.get("deviceId").asLong()).isEqualTo(device);
    assertThat(f.get("kev").asBoolean()).isTrue();
    assertThat(f.get("rationale").size()).isEqualTo(2);
    assertThat(ok(auditor.get("/api/v1/devices/" + device + "/findings")).findValues("id"))
        .extracting(JsonNode::asLong)
        .contains(id);
    JsonNode kevOnly = ok(auditor.get("/api/v1/findings?kev=true&limit=500"));
    assertThat(kevOnly.get("items").findValues("id")).extracting(JsonNode::asLong).contains(id);
    assertProblem(auditor.get("/api/v1/findings?status=nonsense"), 400);
  }

  @Test
  void shouldCreateEditAndMoveARemediationRecordAndRefuseInvalidMoves() throws Exception {
    long device = anyDevice();
    long finding =
        Fixtures.finding(server, device, "CVE-2099-" + (postgres() ? "1001" : "1002"), 70, false);
    HttpResponse<String> created =
        clinical.json(
            "POST",
            "/api/v1/remediations",
            Http.json(
                Map.of(
                    "title", "Patch the pump firmware",
                    "findingIds", java.util.List.of(finding),
                    "deviceIds", java.util.List.of(device),
                    "owner", "biomed",
                    "due", "2035-01-31")));
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    JsonNode r = Http.json(created.body());
    long id = r.get("id").asLong();
    assertThat(created.headers().firstValue("Location")).hasValue("/api/v1/remediations/" + id);
    assertThat(r.get("status").asString()).isEqualTo("open");
    assertThat(r.get("next").findValuesAsString("")).isEmpty();
    // The date given wins over the remediation policy.
    assertThat(r.get("due").asString()).isEqualTo("2035-01-31");
    assertThat(r.get("dueFromPolicy").asBoolean()).isFalse();

    JsonNode edited =
        ok(
            clinical.json(
                "PATCH",
                "/api/v1/remediations/" + id,
                Http.json(Map.of("version", r.get("version").asInt(), "owner", "clinical eng"))));
    assertThat(edited.get("owner").asString()).isEqualTo("clinical eng");
    HttpResponse<String> stale =
        clinical.json(
            "PATCH",
            "/api/v1/remediations/" + id,
            Http.json(Map.of("version", r.get("version").asInt(), "owner", "someone else")));
    assertProblem(stale, 409);

    JsonNode moved =
        ok(
            clinical.json(
                "POST",
                "/api/v1/remediations/" + id + "/transitions",
                Http.json(Map.of("to", "patched", "note", "vendor update 2.1 installed"))));
    assertThat(moved.get("status").asString()).isEqualTo("patched");
    assertThat(moved.get("history").get(0).get("to").asString()).isEqualTo("patched");

    HttpResponse<String> invalid =
        clinical.json(
            "POST",
            "/api/v1/remediations/" + id + "/transitions",
            Http.json(Map.of("to", "planned")));
    assertProblem(invalid, 409);
    assertThat(Http.json(invalid.body()).get("allowed").get(0).asString()).isEqualTo("open");
    assertProblem(
        clinical.json(
            "POST",
            "/api/v1/remediations/" + id + "/transitions",
            Http.json(Map.of("to", "fixed"))),
        400);

    // The console's status form, accepting a risk without a reason: the message names its fields.
    Http console = Http.session(server.url());
    console.signIn(SharedServer.userName(Role.CLINICAL_ENGINEER), SharedServer.PASSWORD);
    long open =
        Http.json(
                clinical
                    .json(
                        "POST",
                        "/api/v1/remediations",
                        Http.json(Map.of("title", "to accept", "findingIds", List.of(finding))))
                    .body())
            .get("id")
            .asLong();
    HttpResponse<String> refused =
        console.form(
            "/remediations/" + open + "/status",
            Map.of("to", "risk-accepted", "note", "no patch yet", "_csrf", console.csrf()));
    assertThat(refused.statusCode()).isEqualTo(302);
    assertThat(console.page("/remediations").body())
        .contains("accepting a risk needs a Reason and an Until date");

    JsonNode board = ok(auditor.get("/api/v1/remediations?status=patched"));
    assertThat(board.findValues("id")).extracting(JsonNode::asLong).contains(id);
    assertThat(ok(auditor.get("/api/v1/devices/" + device + "/remediations")).findValues("id"))
        .extracting(JsonNode::asLong)
        .contains(id);
  }

  @Test
  void shouldShowWhatWasTypedAgainWhenTheConsoleRefusesACardsForm() throws Exception {
    long device = anyDevice();
    long finding =
        Fixtures.finding(server, device, "CVE-2099-" + (postgres() ? "4001" : "4002"), 60, false);
    JsonNode r = remediation(device, finding, "accept, then refused");
    long id = r.get("id").asLong();
    long other = remediation(device, finding, "another card").get("id").asLong();
    Http console = Http.session(server.url());
    console.signIn(SharedServer.userName(Role.CLINICAL_ENGINEER), SharedServer.PASSWORD);
    String back = "/devices/" + device;

    // Accepting the risk without an Until date: refused, and the card shows the rest again.
    String note = "asked the vendor, ticket <42> & counting";
    String reason = "no patch before Q3; \"segmented\" VLAN <script>alert(1)</script>";
    HttpResponse<String> refused =
        console.form(
            "/remediations/" + id + "/status",
            Map.of(
                "to",
                "risk-accepted",
                "note",
                note,
                "acceptReason",
                reason,
                "returnTo",
                back + "#work-" + id,
                "_csrf",
                console.csrf()));
    assertThat(refused.statusCode()).isEqualTo(302);
    assertThat(refused.headers().firstValue("Location").orElseThrow())
        .endsWith(back + "#work-" + id);
    String page = console.page(back).body();
    assertThat(page).contains("accepting a risk needs a Reason and an Until date");
    String card = card(page, id);
    assertThat(card)
        .contains("value=\"asked the vendor, ticket &lt;42&gt; &amp; counting\"")
        .contains(
            "value=\"no patch before Q3; &quot;segmented&quot; VLAN"
                + " &lt;script&gt;alert(1)&lt;/script&gt;\"")
        .containsPattern("<option value=\"risk-accepted\"[^>]* selected");
    assertThat(page).doesNotContain("<script>alert(1)");
    // Only on the card whose form it was, and only once.
    assertThat(card(page, other)).doesNotContain("ticket").doesNotContain("selected");
    assertThat(card(console.page(back).body(), id)).doesNotContain("ticket");
    assertThat(Http.json(auditor.get("/api/v1/remediations/" + id).body()).get("status").asString())
        .isEqualTo("open");

    // An edit with a due date that is no date: refused, the edit opened with what was typed.
    HttpResponse<String> edit =
        console.form(
            "/remediations/" + id + "/edit",
            Map.of(
                "version",
                r.get("version").asString(),
                "owner",
                "night shift <biomed>",
                "due",
                "next Tuesday",
                "returnTo",
                back + "#work-" + id,
                "_csrf",
                console.csrf()));
    assertThat(edit.statusCode()).isEqualTo(302);
    card = card(console.page(back).body(), id);
    assertThat(card)
        .contains("value=\"night shift &lt;biomed&gt;\"")
        .contains("value=\"next Tuesday\"")
        .containsPattern("<details class=\"edit-work\"[^>]* open");
  }

  @Test
  void shouldKeepNoMoreOfARefusedCardsFormThanItsFieldsAllow() throws Exception {
    long device = anyDevice();
    long finding =
        Fixtures.finding(server, device, "CVE-2099-" + (postgres() ? "4101" : "4102"), 60, false);
    long id = remediation(device, finding, "a note too long").get("id").asLong();
    Http console = Http.session(server.url());
    console.signIn(SharedServer.userName(Role.CLINICAL_ENGINEER), SharedServer.PASSWORD);
    String back = "/devices/" + device;
    // The browser stops at maxlength="2000"; a post that ignores it is refused, and the session
    // keeps no more of it than the field could have held.
    String note = "n".repeat(RemediationJson.MAX_NOTE) + "BEYOND" + "m".repeat(50_000);
    HttpResponse<String> refused =
        console.form(
            "/remediations/" + id + "/status",
            Map.of(
                "to",
                "in-progress",
                "note",
                note,
                "acceptReason",
                "r".repeat(RemediationJson.MAX_NOTE) + "BEYOND",
                "returnTo",
                back + "#work-" + id,
                "_csrf",
                console.csrf()));
    assertThat(refused.statusCode()).isEqualTo(302);
    String page = console.page(back).body();
    assertThat(page).contains("note is longer than " + RemediationJson.MAX_NOTE + " characters");
    String card = card(page, id);
    assertThat(card)
        .contains("value=\"" + "n".repeat(RemediationJson.MAX_NOTE) + "\"")
        .contains("value=\"" + "r".repeat(RemediationJson.MAX_NOTE) + "\"")
        .doesNotContain("BEYOND")
        // Not "nm" alone: the page's random CSRF token holds those two letters in a few per cent
        // of runs.
        .doesNotContain("n".repeat(RemediationJson.MAX_NOTE) + "m")
        .doesNotContain("m".repeat(20));
    assertThat(Http.json(auditor.get("/api/v1/remediations/" + id).body()).get("status").asString())
        .isEqualTo("open");
  }

  @Test
  void shouldShowTheRecordAsItNowStandsWhenAnEditIsRefusedBecauseItChangedMeanwhile()
      throws Exception {
    long device = anyDevice();
    long finding =
        Fixtures.finding(server, device, "CVE-2099-" + (postgres() ? "4201" : "4202"), 60, false);
    JsonNode r = remediation(device, finding, "edited by two people");
    long id = r.get("id").asLong();
    int read = r.get("version").asInt();
    Http console = Http.session(server.url());
    console.signIn(SharedServer.userName(Role.CLINICAL_ENGINEER), SharedServer.PASSWORD);
    String back = "/devices/" + device;
    // Someone else changes the record after the page was read ...
    JsonNode meanwhile =
        ok(
            analyst.json(
                "PATCH",
                "/api/v1/remediations/" + id,
                Http.json(Map.of("version", read, "owner", "day shift"))));
    // ... and this form, read before, is sent with the old version.
    HttpResponse<String> stale =
        console.form(
            "/remediations/" + id + "/edit",
            Map.of(
                "version",
                String.valueOf(read),
                "owner",
                "night shift",
                "maintenanceWindow",
                "Sunday 03:00",
                "returnTo",
                back + "#work-" + id,
                "_csrf",
                console.csrf()));
    assertThat(stale.statusCode()).isEqualTo(302);
    String page = console.page(back).body();
    assertThat(page).contains("was changed by someone else");
    // The card shows the record as it now stands, with its new version, and not the old input:
    // sent again as it was, that input would overwrite the other change.
    String card = card(page, id);
    assertThat(card)
        .contains("value=\"day shift\"")
        .doesNotContain("night shift")
        .doesNotContain("Sunday 03:00")
        .containsPattern("name=\"version\" value=\"" + meanwhile.get("version").asInt() + "\"")
        .doesNotContainPattern("<details class=\"edit-work\"[^>]* open");
    JsonNode now = Http.json(auditor.get("/api/v1/remediations/" + id).body());
    assertThat(now.get("owner").asString()).isEqualTo("day shift");
    assertThat(now.get("version").asInt()).isEqualTo(meanwhile.get("version").asInt());
  }

  /**
   * A device page ends with its body: the hour-by-hour traffic, a fragment loaded when its section
   * opens, was once rendered after the page's {@code </body>} too, saying "No traffic hours
   * stored." below the footer of every device page.
   */
  @Test
  void shouldEndTheDevicePageWithItsBodyAndServeItsTrafficOnlyWhenAsked() throws Exception {
    long device = anyDevice();
    Http console = Http.session(server.url());
    console.signIn(SharedServer.userName(Role.AUDITOR), SharedServer.PASSWORD);
    String page = console.page("/devices/" + device).body();
    assertThat(page.substring(page.indexOf("</body>") + "</body>".length()).strip())
        .isEqualTo("</html>");
    HttpResponse<String> traffic = console.page("/devices/" + device + "/traffic");
    assertThat(traffic.statusCode()).isEqualTo(200);
    assertThat(traffic.body()).doesNotContain("<body", "</html>");
  }

  @Test
  void shouldShowWhatWasTypedAgainWhenTheDevicePageRefusesANewRecord() throws Exception {
    long device = anyDevice();
    String cve = "CVE-2099-" + (postgres() ? "43" : "44");
    long ticked = Fixtures.finding(server, device, cve + "01", 60, false);
    long unticked = Fixtures.finding(server, device, cve + "02", 50, false);
    // A record on the device: the form is then folded away unless it has something to show.
    remediation(device, ticked, "already open");
    long records = server.count("remediation");
    Http console = Http.session(server.url());
    console.signIn(SharedServer.userName(Role.CLINICAL_ENGINEER), SharedServer.PASSWORD);
    String back = "/devices/" + device;

    // A due date out of range: refused, and the form comes back open with what was typed.
    HttpResponse<String> refused =
        console.form(
            "/remediations",
            Map.of(
                "deviceIds",
                String.valueOf(device),
                "title",
                "Replace <pump> & \"retire\" <script>alert(1)</script>",
                "findingIds",
                String.valueOf(ticked),
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
    String form = newWork(page);
    assertThat(form)
        .containsPattern("<details class=\"new-work\"[^>]* open")
        .contains(
            "value=\"Replace &lt;pump&gt; &amp; &quot;retire&quot;"
                + " &lt;script&gt;alert(1)&lt;/script&gt;\"")
        .contains("value=\"biomed &lt;night&gt;\"")
        .contains("value=\"1999-12-31\"")
        .contains("value=\"Sunday 02:00 &amp; later\"")
        .containsPattern("value=\"" + ticked + "\"[^>]* checked")
        .doesNotContainPattern("value=\"" + unticked + "\"[^>]* checked");
    assertThat(page).doesNotContain("<script>alert(1)");
    assertThat(server.count("remediation")).isEqualTo(records);
    // Shown once: the next visit has the form as it always starts.
    form = newWork(console.page(back).body());
    assertThat(form)
        .doesNotContain("biomed")
        .contains("value=\"Remediate ")
        .containsPattern("value=\"" + unticked + "\"[^>]* checked");

    // Only on the form of the device it was about, even when sent back to another device's page.
    long other =
        ok(auditor.get("/api/v1/devices?limit=2&sort=id&order=asc"))
            .get("items")
            .get(1)
            .get("id")
            .asLong();
    console.form(
        "/remediations",
        Map.of(
            "deviceIds",
            String.valueOf(device),
            "title",
            "meant for the first device",
            "due",
            "1999-12-31",
            "returnTo",
            "/devices/" + other,
            "_csrf",
            console.csrf()));
    page = console.page("/devices/" + other).body();
    assertThat(page).contains("due must be a date from 2000-01-01");
    assertThat(newWork(page)).doesNotContain("meant for the first device");

    // A title longer than the field allows: refused, and kept only as long as the field.
    console.form(
        "/remediations",
        Map.of(
            "deviceIds",
            String.valueOf(device),
            "title",
            "t".repeat(RemediationJson.MAX_TITLE) + "BEYOND" + "u".repeat(50_000),
            "owner",
            "o".repeat(RemediationJson.MAX_OWNER) + "BEYOND",
            "returnTo",
            back,
            "_csrf",
            console.csrf()));
    page = console.page(back).body();
    assertThat(page).contains("title is longer than " + RemediationJson.MAX_TITLE + " characters");
    assertThat(newWork(page))
        .contains("value=\"" + "t".repeat(RemediationJson.MAX_TITLE) + "\"")
        .contains("value=\"" + "o".repeat(RemediationJson.MAX_OWNER) + "\"")
        .doesNotContain("BEYOND");
    assertThat(server.count("remediation")).isEqualTo(records);
  }

  /** The HTML of the device page's form that opens a record. */
  private static String newWork(String page) {
    int start = page.indexOf("<details class=\"new-work\"");
    assertThat(start).as("the form that opens a record").isPositive();
    return page.substring(start, page.indexOf("</details>", start));
  }

  private JsonNode remediation(long device, long finding, String title) throws Exception {
    HttpResponse<String> created =
        clinical.json(
            "POST",
            "/api/v1/remediations",
            Http.json(
                Map.of(
                    "title", title, "findingIds", List.of(finding), "deviceIds", List.of(device))));
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    return Http.json(created.body());
  }

  /** The HTML of a record's card on a page. */
  private static String card(String page, long id) {
    int start = page.indexOf("id=\"work-" + id + "\"");
    assertThat(start).as("the card of record %d", id).isPositive();
    return page.substring(start, page.indexOf("</article>", start));
  }

  @Test
  void shouldSetTheDueDateOfARecordWithoutOneFromThePolicyAndShowItInTheConsole() throws Exception {
    long device = anyDevice();
    String cve = "CVE-2099-" + (postgres() ? "2001" : "2002");
    long finding = Fixtures.finding(server, device, cve, 90, true);
    server
        .jdbc()
        .sql("UPDATE finding SET decision = 'ACT_NOW' WHERE id = ?")
        .param(finding)
        .update();
    HttpResponse<String> created =
        clinical.json(
            "POST",
            "/api/v1/remediations",
            Http.json(
                Map.of(
                    "title", "Patch the KEV-listed flaw",
                    "findingIds", java.util.List.of(finding),
                    "deviceIds", java.util.List.of(device))));
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    JsonNode r = Http.json(created.body());
    // The expected date comes from the server's policy (its settings), not from a literal.
    io.ward.exposure.remediation.RemediationPolicy policy =
        server
            .server()
            .context()
            .getBean(io.ward.server.exposure.RemediationService.class)
            .policy();
    java.time.LocalDate opened = java.time.LocalDate.parse(r.get("opened").asString());
    assertThat(r.get("due").asString())
        .isEqualTo(policy.due(opened, io.ward.model.exposure.Decision.ACT_NOW, true).toString());
    assertThat(r.get("dueFromPolicy").asBoolean()).isTrue();
    String basis = r.get("dueBasis").asString();
    assertThat(basis).startsWith("policy:").contains(cve).contains("KEV");

    // The console's card shows the date and where it came from.
    Http browser = Http.session(server.url());
    browser.signIn(SharedServer.userName(Role.AUDITOR), SharedServer.PASSWORD);
    String page = browser.page("/devices/" + device).body();
    int card = page.indexOf("id=\"work-" + r.get("id").asLong() + "\"");
    assertThat(card).as("the record's card on the device page").isPositive();
    String cardHtml = page.substring(card, page.indexOf("</article>", card));
    assertThat(cardHtml).contains(r.get("due").asString()).contains("(" + basis + ")");
  }

  @Test
  void shouldRequireWhoWhyAndUntilWhenAcceptingARisk() throws Exception {
    HttpResponse<String> created =
        analyst.json(
            "POST", "/api/v1/remediations", Http.json(Map.of("title", "Segment the imaging VLAN")));
    long id = Http.json(created.body()).get("id").asLong();
    assertProblem(
        analyst.json(
            "POST",
            "/api/v1/remediations/" + id + "/transitions",
            Http.json(Map.of("to", "risk-accepted"))),
        400);
    JsonNode accepted =
        ok(
            analyst.json(
                "POST",
                "/api/v1/remediations/" + id + "/transitions",
                Http.json(
                    Map.of(
                        "to",
                        "risk-accepted",
                        "acceptance",
                        Map.of(
                            "by",
                            "CISO",
                            "reason",
                            "no patch until Q3",
                            "expires",
                            java.time.LocalDate.now(java.time.ZoneOffset.UTC)
                                .plusYears(1)
                                .toString())))));
    assertThat(accepted.get("acceptance").get("by").asString()).isEqualTo("CISO");
  }

  @Test
  void shouldRefuseDatesThatAreNoDeadlineWithA400AndStoreNothing() throws Exception {
    long device = anyDevice();
    long finding =
        Fixtures.finding(server, device, "CVE-2099-" + (postgres() ? "3001" : "3002"), 70, false);
    long before = server.count("remediation");
    // Before 4713 BC PostgreSQL stored minus infinity (a record never overdue); past the year 9999
    // a date is not written as dates are.
    for (String due : List.of("-999999-01-01", "1999-12-31", "+999999-01-01", "+10000-01-01")) {
      assertProblem(
          clinical.json(
              "POST",
              "/api/v1/remediations",
              Http.json(Map.of("title", "t", "findingIds", List.of(finding), "due", due))),
          400);
    }
    assertThat(server.count("remediation")).isEqualTo(before);

    JsonNode r =
        Http.json(
            clinical
                .json(
                    "POST",
                    "/api/v1/remediations",
                    Http.json(Map.of("title", "accept", "findingIds", List.of(finding))))
                .body());
    java.time.LocalDate today = java.time.LocalDate.now(java.time.ZoneOffset.UTC);
    for (String expires : List.of(today.plusYears(5).plusDays(1).toString(), "+999999-01-01")) {
      assertProblem(
          clinical.json(
              "POST",
              "/api/v1/remediations/" + r.get("id").asLong() + "/transitions",
              Http.json(
                  Map.of(
                      "to",
                      "risk-accepted",
                      "acceptance",
                      Map.of("by", "CISO", "reason", "forever", "expires", expires)))),
          400);
    }
    JsonNode accepted =
        ok(
            clinical.json(
                "POST",
                "/api/v1/remediations/" + r.get("id").asLong() + "/transitions",
                Http.json(
                    Map.of(
                        "to",
                        "risk-accepted",
                        "acceptance",
                        Map.of(
                            "by",
                            "CISO",
                            "reason",
                            "five years at most",
                            "expires",
                            today.plusYears(5).toString())))));
    assertThat(accepted.get("status").asString()).isEqualTo("risk-accepted");
  }

  @Test
  void shouldAnswerNulBytesWithA400OrAFailedSignInNeverA500() throws Exception {
    // PostgreSQL's text holds no NUL: where one reached a query, the request failed with a 500.
    Http stranger = Http.session(server.url());
    HttpResponse<String> signIn = stranger.signIn("a\u0000b", "not anyone's password");
    assertThat(signIn.statusCode()).as(signIn.body()).isEqualTo(302);
    assertThat(signIn.headers().firstValue("Location").orElse("")).contains("/login?error");
    assertThat(
            server
                .jdbc()
                .sql("SELECT count(*) FROM audit_log WHERE action = 'login.failure' AND actor = ?")
                .param("a\uFFFDb")
                .query(Long.class)
                .single())
        .as("audited, with the NUL shown as U+FFFD")
        .isEqualTo(1L);

    // The console answers a refused form by returning to its page with the reason (flashed).
    long remediations = server.count("remediation");
    HttpResponse<String> product =
        analyst.form(
            "/remediations/groups",
            Map.of("title", "t", "advisoryKey", "csaf|TEST-1", "product", "%00/x/y"));
    assertThat(product.statusCode()).as(product.body()).isEqualTo(302);
    assertThat(server.count("remediation")).isEqualTo(remediations);

    String vendorCursor =
        java.util.Base64.getUrlEncoder()
            .withoutPadding()
            .encodeToString(
                "1|vendor|a|1|\u0000x".getBytes(java.nio.charset.StandardCharsets.UTF_8));
    assertProblem(auditor.get("/api/v1/devices?sort=vendor&order=asc&cursor=" + vendorCursor), 400);
  }

  @Test
  void shouldRefuseToCancelAFinishedJob() throws Exception {
    JsonNode jobs = ok(analyst.get("/api/v1/jobs?limit=1"));
    long id = jobs.get(0).get("id").asLong();
    JsonNode job = Fixtures.awaitJob(analyst, id);
    assertThat(job.get("finished").asBoolean()).isTrue();
    assertProblem(analyst.json("POST", "/api/v1/jobs/" + id + "/cancel", null), 409);
  }

  @Test
  void shouldServeMetricsAdvisoriesAndTheOpenApiDocument() throws Exception {
    JsonNode m = ok(auditor.get("/api/v1/metrics"));
    assertThat(m.get("devices").asLong()).isPositive();
    assertThat(m.get("byCategory").size()).isPositive();
    assertThat(m.get("riskDistribution").size()).isEqualTo(5);
    assertThat(m.get("work").get("captures").asLong()).isGreaterThanOrEqualTo(3);
    assertThat(ok(auditor.get("/api/v1/advisories")).isArray()).isTrue();
    JsonNode doc = ok(auditor.get("/v3/api-docs"));
    assertThat(doc.get("paths").propertyNames())
        .contains(
            "/api/v1/devices",
            "/api/v1/devices/{id}",
            "/api/v1/captures",
            "/api/v1/jobs/{id}",
            "/api/v1/remediations/{id}/transitions");
    assertThat(auditor.page("/swagger-ui/index.html").statusCode()).isEqualTo(200);
  }

  @Test
  void shouldIssueUseAndRevokeAnApiToken() throws Exception {
    HttpResponse<String> created =
        clinical.json("POST", "/api/v1/tokens", Http.json(Map.of("name", "nightly export")));
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    JsonNode t = Http.json(created.body());
    String secret = t.get("secret").asString();
    Http fresh = Http.bearer(server.url(), secret);
    assertThat(ok(fresh.get("/api/v1/me")).get("role").asString()).isEqualTo("clinical-engineer");
    ok(
        clinical.json(
            "POST", "/api/v1/tokens/" + t.get("token").get("id").asLong() + "/revoke", null));
    assertThat(fresh.get("/api/v1/me").statusCode()).isEqualTo(401);
    assertThat(ok(clinical.get("/api/v1/tokens")).toString()).doesNotContain(secret);
  }

  @Test
  void shouldLetAdminsManageUsersAndRefuseOthersWithARoleProblem() throws Exception {
    String name = "new-user-" + (postgres() ? "pg" : "h2");
    HttpResponse<String> created =
        admin.json(
            "POST",
            "/api/v1/users",
            Http.json(
                Map.of("username", name, "password", "a long enough secret", "role", "auditor")));
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    assertThat(created.body()).doesNotContain("a long enough secret");
    JsonNode changed =
        ok(admin.json("PATCH", "/api/v1/users/" + name, Http.json(Map.of("enabled", false))));
    assertThat(changed.get("enabled").asBoolean()).isFalse();
    HttpResponse<String> refused = analyst.get("/api/v1/users");
    assertProblem(refused, 403);
    assertThat(Http.json(refused.body()).get("type").asString())
        .isEqualTo("urn:ward:problem:role-required");
  }

  @Test
  void shouldShowTheAuditLogToAuditorsAndVerifyItsChain() throws Exception {
    JsonNode entries = ok(auditor.get("/api/v1/audit?limit=500"));
    assertThat(entries.findValuesAsString("action")).contains("ingest.submit", "user.create");
    JsonNode v = ok(auditor.get("/api/v1/audit/verify"));
    assertThat(v.get("intact").asBoolean()).isTrue();
    assertThat(v.get("keyMissing").asBoolean()).isFalse();
    // Every entry this server wrote is authenticated with its audit key.
    assertThat(v.get("keyedEntries").asLong()).isEqualTo(v.get("entries").asLong()).isPositive();
    assertThat(v.get("message").asText()).startsWith("audit log intact");
    assertProblem(clinical.get("/api/v1/audit"), 403);
  }

  @Test
  void shouldRefuseCallsWithoutCredentialsWithAProblemAndABearerChallenge() throws Exception {
    Http nobody = Http.anonymous(server.url());
    Http forged = Http.bearer(server.url(), "ward_forged0000000000000000000000");
    for (HttpResponse<String> r :
        java.util.List.of(
            nobody.get("/api/v1/devices"),
            nobody.get("/api/v1/no-such-endpoint"),
            forged.get("/api/v1/devices"))) {
      assertProblem(r, 401);
      assertThat(r.headers().firstValue("WWW-Authenticate"))
          .hasValueSatisfying(h -> assertThat(h).startsWith("Bearer"));
      assertThat(Http.json(r.body()).get("detail").asString()).isNotBlank();
    }
    // A script posting without a token is told to authenticate, not that a form expired.
    long jobs = server.count("ingest_job");
    HttpResponse<String> post = nobody.upload("/api/v1/captures", "file", "x.pcap", new byte[24]);
    assertProblem(post, 401);
    assertThat(post.headers().firstValue("WWW-Authenticate")).isPresent();
    assertThat(server.count("ingest_job")).isEqualTo(jobs);
  }

  @Test
  void shouldImportAnSbomAnMds2FormAndACmdbExportThroughTheApi() throws Exception {
    String db = postgres() ? "pg" : "h2";
    JsonNode device = null;
    for (JsonNode d : ok(auditor.get("/api/v1/devices?limit=500&sort=id&order=asc")).get("items")) {
      if (d.hasNonNull("mac") && device == null) {
        device = d;
      }
    }
    assertThat(device).as("a device with a MAC address").isNotNull();
    String csv =
        "asset_tag,manufacturer,model_id,serial_number,firmware_version,department,location,"
            + "mac_address,ip_address,host_name\n"
            + "API-1,,,SN-API-"
            + db
            + ",,Biomed,API test wing,"
            + device.get("mac").asString()
            + ",,\n"
            + "API-2,Baxter,Sigma Spectrum,SN-UNSEEN,,ICU,API test wing,02:00:00:aa:bb:cc,,\n";
    byte[] sbom =
        java.nio.file.Files.readAllBytes(
            io.ward.server.TestData.file("sbom/medical-device-casestudy/narrow.sbom.json"));
    byte[] mds2 = mds2Workbook();

    Map<String, byte[]> uploads = new java.util.LinkedHashMap<>();
    uploads.put("/api/v1/sboms", sbom);
    uploads.put("/api/v1/mds2", mds2);
    uploads.put("/api/v1/cmdb", csv.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    Map<String, String> names =
        Map.of(
            "/api/v1/sboms", "narrow.sbom.json",
            "/api/v1/mds2", "pump-mds2.xlsx",
            "/api/v1/cmdb", "cmdb-export.csv");

    // Roles without ingest rights are refused before anything is stored.
    long jobsBefore = server.count("ingest_job");
    for (Map.Entry<String, byte[]> u : uploads.entrySet()) {
      for (Http refused : java.util.List.of(clinical, auditor)) {
        HttpResponse<String> r =
            refused.upload(u.getKey(), "file", names.get(u.getKey()), u.getValue());
        assertProblem(r, 403);
        assertThat(Http.json(r.body()).get("type").asString())
            .isEqualTo("urn:ward:problem:role-required");
      }
      // A file of the wrong kind (a capture) is refused with 415, and a missing file with 400.
      byte[] pcap = java.nio.file.Files.readAllBytes(io.ward.server.TestData.file(Fixtures.HL7));
      HttpResponse<String> wrong = analyst.upload(u.getKey(), "file", "hl7.pcap", pcap);
      assertProblem(wrong, 415);
      assertThat(Http.json(wrong.body()).get("detail").asString())
          .startsWith("hl7.pcap is not ")
          .endsWith("nothing was stored");
      assertProblem(analyst.upload(u.getKey(), "other", "x.bin", u.getValue()), 400);
    }
    assertThat(server.count("ingest_job")).isEqualTo(jobsBefore);

    Map<String, JsonNode> done = new java.util.LinkedHashMap<>();
    for (Map.Entry<String, byte[]> u : uploads.entrySet()) {
      HttpResponse<String> r =
          analyst.upload(u.getKey(), "file", names.get(u.getKey()), u.getValue());
      assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
      JsonNode job = Http.json(r.body());
      assertThat(r.headers().firstValue("Location"))
          .hasValue("/api/v1/jobs/" + job.get("id").asLong());
      assertThat(job.get("filename").asString()).isEqualTo(names.get(u.getKey()));
      JsonNode finished = Fixtures.awaitJob(analyst, job.get("id").asLong());
      assertThat(finished.get("state").asString()).as(finished.toString()).isEqualTo("succeeded");
      done.put(u.getKey(), finished);
    }
    assertThat(done.get("/api/v1/sboms").get("kind").asString()).isEqualTo("sbom");
    assertThat(done.get("/api/v1/sboms").get("message").asString()).contains("1 SBOMs");
    assertThat(done.get("/api/v1/mds2").get("kind").asString()).isEqualTo("mds2");
    assertThat(done.get("/api/v1/mds2").get("message").asString()).contains("1 MDS2 forms");
    assertThat(done.get("/api/v1/cmdb").get("kind").asString()).isEqualTo("cmdb");
    assertThat(done.get("/api/v1/cmdb").get("message").asString())
        .contains("2 CMDB assets")
        .contains("1 matched to devices, 1 not seen on the network");

    // The CMDB row reached the device, with the export as its evidence.
    JsonNode detail = ok(auditor.get("/api/v1/devices/" + device.get("id").asLong()));
    assertThat(detail.toString()).contains("SN-API-" + db).contains("API test wing");

    // Who submitted what, and what each job stored, is in the audit log.
    List<String> audit =
        server
            .jdbc()
            .sql(
                "SELECT action || ' ' || target || ' ' || actor FROM audit_log"
                    + " WHERE action IN ('ingest.submit', 'ingest.sbom', 'ingest.mds2', 'ingest.cmdb')"
                    + " ORDER BY seq")
            .query(String.class)
            .list();
    String analystName = SharedServer.userName(Role.SECURITY_ANALYST);
    for (JsonNode job : done.values()) {
      long id = job.get("id").asLong();
      assertThat(audit).contains("ingest.submit job:" + id + " " + analystName);
      assertThat(audit)
          .contains(
              "ingest."
                  + job.get("kind").asString()
                  + " "
                  + job.get("kind").asString()
                  + ":"
                  + job.get("filename").asString()
                  + " "
                  + analystName);
    }

    // The OpenAPI document describes the three endpoints.
    JsonNode paths = ok(auditor.get("/v3/api-docs")).get("paths");
    for (String path : uploads.keySet()) {
      assertThat(paths.has(path)).as(path).isTrue();
      assertThat(paths.get(path).get("post").get("requestBody").toString()).contains("multipart");
    }
  }

  @Test
  void shouldListTheCmdbConflictsAndUnseenAssetsAndShowThemWithTheDevice() throws Exception {
    String db = postgres() ? "pg" : "h2";
    JsonNode device = null;
    for (JsonNode d : ok(auditor.get("/api/v1/devices?limit=500&sort=id&order=asc")).get("items")) {
      if (d.hasNonNull("mac") && d.hasNonNull("vendor") && device == null) {
        device = d;
      }
    }
    assertThat(device).as("a device with a MAC address and a vendor").isNotNull();
    long id = device.get("id").asLong();
    String csv =
        "asset_tag,manufacturer,model_id,serial_number,firmware_version,department,location,"
            + "mac_address,ip_address,host_name\n"
            + "CF-1,Zyxwv Instruments,,,,Biomed,,"
            + device.get("mac").asString()
            + ",,\n"
            + "CF-2,Baxter,Sigma Spectrum,SN-CF-"
            + db
            + ",,ICU,,02:00:00:cf:00:02,,\n";
    HttpResponse<String> r =
        analyst.upload(
            "/api/v1/cmdb",
            "file",
            "cmdb-conflicts.csv",
            csv.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
    JsonNode job = Fixtures.awaitJob(analyst, Http.json(r.body()).get("id").asLong());
    assertThat(job.get("state").asString()).as(job.toString()).isEqualTo("succeeded");
    assertThat(job.get("message").asString())
        .contains("1 matched to devices, 1 not seen on the network, 1 conflict, ");

    // Every role that reads the inventory reads the reconciliation.
    for (Http reader : List.of(admin, analyst, clinical, auditor)) {
      JsonNode all = ok(reader.get("/api/v1/cmdb/conflicts?total=true"));
      assertThat(all.get("total").asLong()).isEqualTo(2);
      assertThat(all.get("items").findValuesAsString("kind"))
          .containsExactly("vendor", "not-observed");
    }
    JsonNode all = ok(auditor.get("/api/v1/cmdb/conflicts"));
    JsonNode vendor = all.get("items").get(0);
    assertThat(vendor.get("deviceId").asLong()).isEqualTo(id);
    assertThat(vendor.get("deviceKey").asString()).isEqualTo(device.get("key").asString());
    assertThat(vendor.get("asset").asString()).isEqualTo("asset CF-1");
    assertThat(vendor.get("source").asString()).isEqualTo("cmdb-conflicts.csv:2");
    assertThat(vendor.get("observed").asString()).isEqualTo(device.get("vendor").asString());
    assertThat(vendor.get("observedSource").isNull()).as(vendor.toString()).isFalse();
    assertThat(vendor.get("recorded").asString()).isEqualTo("Zyxwv Instruments");
    assertThat(vendor.get("message").asString()).contains("Zyxwv Instruments");
    assertThat(vendor.get("jobId").asLong()).isEqualTo(job.get("id").asLong());
    JsonNode unseen = all.get("items").get(1);
    assertThat(unseen.get("deviceId").isNull()).isTrue();
    assertThat(unseen.get("asset").asString()).isEqualTo("asset CF-2");
    assertThat(unseen.get("recorded").asString()).contains("Baxter Sigma Spectrum");
    assertThat(unseen.get("message").asString()).contains("was not seen on the network");

    // Filters, and cursor pages that walk every row once.
    JsonNode notObserved = ok(auditor.get("/api/v1/cmdb/conflicts?kind=not-observed"));
    assertThat(notObserved.get("items").findValuesAsString("asset")).containsExactly("asset CF-2");
    JsonNode ofDevice = ok(auditor.get("/api/v1/cmdb/conflicts?deviceId=" + id));
    assertThat(ofDevice.get("items").findValuesAsString("kind")).containsExactly("vendor");
    JsonNode first = ok(auditor.get("/api/v1/cmdb/conflicts?limit=1"));
    assertThat(first.get("items").findValuesAsString("asset")).containsExactly("asset CF-1");
    JsonNode second =
        ok(
            auditor.get(
                "/api/v1/cmdb/conflicts?limit=1&cursor=" + first.get("nextCursor").asString()));
    assertThat(second.get("items").findValuesAsString("asset")).containsExactly("asset CF-2");
    assertThat(second.get("nextCursor").isNull()).isTrue();
    assertProblem(auditor.get("/api/v1/cmdb/conflicts?kind=nonsense"), 400);
    assertProblem(auditor.get("/api/v1/cmdb/conflicts?cursor=not-a-cursor"), 400);
    assertProblem(auditor.get("/api/v1/cmdb/conflicts?limit=0"), 400);

    // The device's detail carries its conflicts beside everything it had.
    JsonNode detail = ok(clinical.get("/api/v1/devices/" + id));
    assertThat(detail.get("device").get("id").asLong()).isEqualTo(id);
    assertThat(detail.get("evidence").size()).isPositive();
    assertThat(detail.get("cmdbConflicts").findValuesAsString("kind")).containsExactly("vendor");
    assertThat(detail.get("cmdbConflicts").get(0).get("recorded").asString())
        .isEqualTo("Zyxwv Instruments");

    JsonNode doc = ok(auditor.get("/v3/api-docs"));
    assertThat(doc.get("paths").has("/api/v1/cmdb/conflicts")).isTrue();
    assertThat(doc.get("paths").get("/api/v1/cmdb/conflicts").get("get").toString())
        .contains("deviceId")
        .contains("kind")
        .contains("cursor");
    // The device detail is described with its own fields and the conflicts (not as a wrapper).
    String ref =
        doc.get("paths")
            .get("/api/v1/devices/{id}")
            .get("get")
            .get("responses")
            .get("200")
            .findValue("$ref")
            .asString();
    JsonNode schema =
        doc.get("components").get("schemas").get(ref.substring(ref.lastIndexOf('/') + 1));
    assertThat(schema.get("properties").propertyNames())
        .contains("device", "evidence", "history", "cmdbConflicts")
        .doesNotContain("detail");
  }

  /** An MDS2 form (HN 1-2019 layout) of a pump model, as a manufacturer sends it. */
  static byte[] mds2Workbook() throws Exception {
    String[][] rows = {
      {"Question ID", "Question", "Response", "Notes"},
      {"DOC-1", "Manufacturer Name", "Example Infusion Systems", ""},
      {"DOC-2", "Device Description", "Large volume infusion pump", ""},
      {"DOC-3", "Device Model", "LVP-8015", ""},
      {"DOC-4", "Document ID", "MDS2-LVP-2024", ""},
      {"DOC-7", "Document Release Date", "2024-03-01", ""},
      {"STCF-1", "Can the device encrypt data at rest?", "No", ""},
      {"PAUT-8", "Does the device support multi-factor authentication?", "No", ""}
    };
    try (org.apache.poi.xssf.usermodel.XSSFWorkbook wb =
            new org.apache.poi.xssf.usermodel.XSSFWorkbook();
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream()) {
      org.apache.poi.ss.usermodel.Sheet sheet = wb.createSheet("MDS2");
      for (int r = 0; r < rows.length; r++) {
        org.apache.poi.ss.usermodel.Row row = sheet.createRow(r);
        for (int c = 0; c < rows[r].length; c++) {
          if (!rows[r][c].isEmpty()) {
            row.createCell(c).setCellValue(rows[r][c]);
          }
        }
      }
      wb.write(out);
      return out.toByteArray();
    }
  }
}

package io.ward.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.ward.server.TestData;
import io.ward.server.security.Role;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;

/**
 * Bad input through the real HTTP stack: files that are not captures, truncated captures, oversized
 * fields and bodies, malformed JSON, and SQL or HTML injection in every search field and name. Each
 * gets a clear answer (a problem document, or a page that shows the text escaped) and nothing
 * stored changes: the row counts and the audit log are compared before and after.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BadInputTest {
  static final List<String> HOSTILE =
      List.of(
          "' OR 1=1 --",
          "'; DROP TABLE device; --",
          "\" OR \"\"=\"",
          "<script>alert(1)</script>",
          "%' UNION SELECT password_hash FROM ward_user --",
          "\\",
          "_%");

  static final List<String> TABLES =
      List.of(
          "device",
          "device_evidence",
          "capture",
          "ingest_job",
          "finding",
          "remediation",
          "remediation_change",
          "ward_user",
          "api_token",
          "audit_log");

  SharedServer server;
  Http analyst;
  Http admin;
  Map<String, Long> before;

  @BeforeAll
  void start() throws Exception {
    server = SharedServer.h2();
    analyst = Http.bearer(server.url(), server.token(Role.SECURITY_ANALYST));
    admin = Http.bearer(server.url(), server.token(Role.ADMIN));
    Fixtures.ingest(analyst, Fixtures.HL7);
  }

  @BeforeEach
  void countRows() throws Exception {
    awaitIdle();
    before = counts();
  }

  Map<String, Long> counts() {
    Map<String, Long> out = new LinkedHashMap<>();
    TABLES.forEach(t -> out.put(t, server.count(t)));
    return out;
  }

  /** Other test classes share the server: wait until no job of theirs is still running. */
  void awaitIdle() throws Exception {
    for (JsonNode job : Http.json(analyst.get("/api/v1/jobs?limit=50").body())) {
      Fixtures.awaitJob(analyst, job.get("id").asLong());
    }
  }

  void assertNothingStored() {
    assertThat(counts()).isEqualTo(before);
  }

  static void assertProblem(HttpResponse<String> r, int status, String detailPart) {
    ApiContract.assertProblem(r, status);
    assertThat(Http.json(r.body()).get("detail").asString()).containsIgnoringCase(detailPart);
  }

  static String q(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  @Test
  void shouldRefuseAFileThatIsNotACaptureBeforeStoringIt() throws Exception {
    byte[] csv = "mac,ip\n00:11:22:33:44:55,10.0.0.1\n".getBytes(StandardCharsets.UTF_8);
    assertProblem(
        analyst.upload("/api/v1/captures", "file", "devices.pcap", csv), 415, "not a capture");
    byte[] json = TestData.file("pcaps/ndpi/hl7.pcap").getFileName().toString().getBytes();
    assertProblem(
        analyst.upload("/api/v1/captures", "file", "x.pcapng", json), 415, "not a capture");
    assertNothingStored();
  }

  @Test
  void shouldRefuseAnEmptyUploadAndAWrongContentType() throws Exception {
    assertProblem(
        analyst.upload("/api/v1/captures", "file", "empty.pcap", new byte[0]), 400, "file");
    ApiContract.assertProblem(
        analyst.raw("POST", "/api/v1/captures", "application/octet-stream", new byte[] {1, 2}),
        415);
    ApiContract.assertProblem(
        analyst.upload("/api/v1/captures", "other", "a.pcap", new byte[] {1}), 400);
    assertNothingStored();
  }

  @Test
  void shouldFailTheJobOfATruncatedCaptureWithAClearMessageAndStoreNothingOfIt() throws Exception {
    byte[] whole = Files.readAllBytes(TestData.file(Fixtures.DICOM));
    byte[] cut = Arrays.copyOf(whole, whole.length * 2 / 3);
    HttpResponse<String> r = analyst.upload("/api/v1/captures", "file", "cut.pcapng", cut);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
    JsonNode job = Fixtures.awaitJob(analyst, Http.json(r.body()).get("id").asLong());
    assertThat(job.get("state").asString()).isEqualTo("failed");
    assertThat(job.get("message").asString()).contains("cut.pcapng").contains("nothing was stored");
    Map<String, Long> after = counts();
    // The job itself and its audit entry are recorded; no device, evidence or capture.
    for (String table : List.of("device", "device_evidence", "capture", "finding")) {
      assertThat(after.get(table)).as(table).isEqualTo(before.get(table));
    }
    assertThat(after.get("ingest_job")).isEqualTo(before.get("ingest_job") + 1);
  }

  @Test
  void shouldRefuseMalformedJsonAndWrongTypes() throws Exception {
    assertProblem(
        analyst.json("POST", "/api/v1/remediations", "{\"title\": "), 400, "not valid JSON");
    assertProblem(analyst.json("POST", "/api/v1/remediations", "[1,2,3]"), 400, "not valid JSON");
    assertProblem(
        analyst.json("POST", "/api/v1/remediations", "{\"title\":\"t\",\"findingIds\":\"x\"}"),
        400,
        "not valid JSON");
    assertProblem(
        analyst.json("POST", "/api/v1/remediations", "{\"title\":\"t\",\"due\":\"soon\"}"),
        400,
        "JSON");
    assertProblem(analyst.get("/api/v1/devices/abc"), 400, "whole number");
    assertProblem(analyst.get("/api/v1/devices?limit=many"), 400, "whole number");
    assertProblem(analyst.get("/api/v1/devices?limit=0"), 400, "limit");
    assertProblem(analyst.get("/api/v1/devices?minRisk=101"), 400, "minRisk");
    // Bytes that are not UTF-8 (a lone surrogate's encoding), as a hand-made URL sends them.
    assertProblem(analyst.get("/api/v1/devices?q=%ED%A0%80"), 400, "UTF-8");
    ApiContract.assertProblem(
        analyst.raw("POST", "/api/v1/remediations", "text/plain", "title".getBytes()), 415);
    assertNothingStored();
  }

  @Test
  void shouldRefuseOversizedFieldsAndBodies() throws Exception {
    String big = "x".repeat(501);
    assertProblem(
        analyst.json("POST", "/api/v1/remediations", Http.json(Map.of("title", big))),
        400,
        "title");
    assertProblem(
        analyst.json(
            "POST",
            "/api/v1/remediations",
            Http.json(Map.of("title", "t", "owner", "o".repeat(101)))),
        400,
        "owner");
    assertProblem(analyst.get("/api/v1/devices?q=" + "a".repeat(201)), 400, "longer than 200");
    assertProblem(
        analyst.json("POST", "/api/v1/tokens", Http.json(Map.of("name", "n".repeat(101)))),
        400,
        "name");
    String huge = "{\"title\":\"" + "y".repeat(2 * 1024 * 1024) + "\"}";
    assertProblem(analyst.json("POST", "/api/v1/remediations", huge), 413, "larger than");
    assertProblem(
        admin.json(
            "POST",
            "/api/v1/users",
            Http.json(Map.of("username", "u", "password", "p".repeat(300), "role", "auditor"))),
        400,
        "password");
    assertNothingStored();
  }

  @Test
  void shouldTreatInjectionAttemptsInEverySearchFieldAsPlainText() throws Exception {
    for (String evil : HOSTILE) {
      String e = q(evil);
      // Free text: searched for literally, nothing matches.
      for (String path :
          List.of(
              "/api/v1/devices?q=" + e,
              "/api/v1/devices?vendor=" + e,
              "/api/v1/remediations?owner=" + e,
              "/api/v1/advisories?key=" + e)) {
        HttpResponse<String> r = analyst.get(path);
        assertThat(r.statusCode()).as(path).isEqualTo(200);
        JsonNode body = Http.json(r.body());
        JsonNode items = body.has("items") ? body.get("items") : body;
        assertThat(items.size()).as(path).isZero();
      }
      // Closed vocabularies and cursors: refused with the values accepted.
      for (String path :
          List.of(
              "/api/v1/devices?category=" + e,
              "/api/v1/devices?criticality=" + e,
              "/api/v1/devices?sort=" + e,
              "/api/v1/devices?order=" + e,
              "/api/v1/devices?cursor=" + e,
              "/api/v1/findings?status=" + e,
              "/api/v1/findings?cursor=" + e,
              "/api/v1/remediations?status=" + e)) {
        ApiContract.assertProblem(analyst.get(path), 400);
      }
      // Names: refused by the policy (users) or stored as text (tokens are names of the caller).
      ApiContract.assertProblem(
          admin.json(
              "POST",
              "/api/v1/users",
              Http.json(
                  Map.of("username", evil, "password", "long enough password", "role", "admin"))),
          400);
      // A hostile path segment: refused by the firewall (400) or not found (404), never applied.
      HttpResponse<String> patch =
          admin.json("PATCH", "/api/v1/users/" + e, Http.json(Map.of("enabled", false)));
      assertThat(patch.statusCode()).as(evil).isIn(400, 404);
    }
    // The search did not widen: the devices are all still there and none matched.
    assertThat(
            Http.json(analyst.get("/api/v1/devices?total=true&limit=1").body())
                .get("total")
                .asLong())
        .isEqualTo(before.get("device"));
    assertNothingStored();
  }

  @Test
  void shouldShowHostileTextEscapedInTheConsole() throws Exception {
    String evil = "<script>alert(1)</script>";
    HttpResponse<String> created =
        analyst.json(
            "POST",
            "/api/v1/remediations",
            Http.json(Map.of("title", evil, "owner", "<img src=x onerror=alert(2)>")));
    assertThat(created.statusCode()).isEqualTo(201);
    assertThat(Http.json(created.body()).get("title").asString()).isEqualTo(evil);
    String board = analyst.page("/remediations").body();
    assertThat(board).contains("&lt;script&gt;alert(1)&lt;/script&gt;").doesNotContain(evil);
    assertThat(board).contains("&lt;img src=x onerror=alert(2)&gt;").doesNotContain("<img src=x");
    String search = analyst.page("/devices?q=" + q(evil) + "&vendor=" + q("\"><b>x</b>")).body();
    assertThat(search).doesNotContain(evil).doesNotContain("<b>x</b>");
    assertThat(search).contains("value=\"&lt;script&gt;alert(1)&lt;/script&gt;\"");
    HttpResponse<String> owner = analyst.page("/remediations?owner=" + q(evil));
    assertThat(owner.statusCode()).isEqualTo(200);
    assertThat(owner.body()).doesNotContain(evil);
    // Only the record itself was added (and its audit entry).
    Map<String, Long> after = counts();
    assertThat(after.get("remediation")).isEqualTo(before.get("remediation") + 1);
    assertThat(after.get("audit_log")).isEqualTo(before.get("audit_log") + 1);
  }

  @Test
  void shouldNotSignInWithAnInjectedUserName() throws Exception {
    Http browser = Http.session(server.url());
    HttpResponse<String> r = browser.signIn("' OR 1=1 --", "' OR 1=1 --");
    assertThat(r.statusCode()).isEqualTo(302);
    assertThat(r.headers().firstValue("Location"))
        .hasValueSatisfying(l -> assertThat(l).endsWith("/login?error"));
    assertThat(browser.get("/api/v1/me").statusCode()).isEqualTo(401);
    Map<String, Long> after = counts();
    assertThat(after.get("ward_user")).isEqualTo(before.get("ward_user"));
    // The failed sign-in is audited, nothing else changed.
    List<String> actions =
        server
            .jdbc()
            .sql("SELECT action || ' ' || target FROM audit_log WHERE seq > ? ORDER BY seq")
            .param(before.get("audit_log"))
            .query(String.class)
            .list();
    assertThat(actions)
        .as("audit entries after the attempt")
        .containsExactly("login.failure user:' OR 1=1 --");
    assertThat(after.get("audit_log") - before.get("audit_log")).isEqualTo(actions.size());
  }
}

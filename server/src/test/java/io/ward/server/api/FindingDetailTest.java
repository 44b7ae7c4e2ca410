package io.ward.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.ward.model.Category;
import io.ward.model.Criticality;
import io.ward.model.Device;
import io.ward.model.Evidence;
import io.ward.server.TestData;
import io.ward.server.exposure.FindingRow;
import io.ward.server.exposure.FindingService;
import io.ward.server.inventory.InventoryWriter;
import io.ward.server.inventory.StoredDevices;
import io.ward.server.security.Role;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import tools.jackson.databind.JsonNode;

/**
 * A finding carries what the advisory says beyond its score (issue 3 §5-7): remediation options
 * with their URLs, the CVSS vector and scores, and why a match is only possible. After the real
 * captures, a real CISA CSAF advisory (BD Alaris 8015, ICSMA-17-017-02) is uploaded through the API
 * once two pumps are stored, one with its firmware known and one without; expected values are read
 * from the advisory file, so the test fails when the server drops or alters them.
 */
class FindingDetailTest {
  static final String ADVISORY = "advisories/cisa-csaf/medical-icsma/icsma-17-017-02.json";

  @Nested
  class OnH2 extends Contract {
    @Override
    boolean postgres() {
      return false;
    }
  }

  @Nested
  @EnabledIfEnvironmentVariable(named = "WARD_TEST_POSTGRES", matches = "1")
  class OnPostgres extends Contract {
    @Override
    boolean postgres() {
      return true;
    }
  }

  @TestInstance(TestInstance.Lifecycle.PER_CLASS)
  abstract static class Contract {
    SharedServer server;
    Http analyst;
    Http auditor;
    JsonNode advisory;
    long known;
    long unknown;

    abstract boolean postgres();

    @BeforeAll
    void storePumpsAndUploadTheAdvisory() throws Exception {
      server = SharedServer.of(postgres());
      analyst = Http.bearer(server.url(), server.token(Role.SECURITY_ANALYST));
      auditor = Http.bearer(server.url(), server.token(Role.AUDITOR));
      // The real captures first, as ApiContract does: the server is shared, and tests that take
      // the first stored device expect a captured one, not one of the pumps below.
      for (String capture : new String[] {Fixtures.HL7, Fixtures.DICOM, Fixtures.DHCP}) {
        JsonNode job = Fixtures.ingest(analyst, capture);
        assertThat(job.get("state").asString()).as(job.toString()).isEqualTo("succeeded");
      }
      Path file = TestData.file(ADVISORY);
      advisory = Http.json(Files.readString(file));
      // MACs of their own so the shared server's other devices are untouched.
      String knownMac = "00:0a:0b:00:31:01";
      String unknownMac = "00:0a:0b:00:31:02";
      server
          .server()
          .context()
          .getBean(InventoryWriter.class)
          .merge(
              StoredDevices.capture("f".repeat(63) + (postgres() ? "1" : "2")),
              List.of(pump(knownMac, "10.31.1.1", "9.1"), pump(unknownMac, "10.31.1.2", null)),
              List.of(),
              0,
              "tester");
      known = deviceId(knownMac);
      unknown = deviceId(unknownMac);
      HttpResponse<String> r =
          analyst.upload(
              "/api/v1/feeds", "file", file.getFileName().toString(), Files.readAllBytes(file));
      assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
      JsonNode job = Fixtures.awaitJob(analyst, Http.json(r.body()).get("id").asLong());
      assertThat(job.get("state").asString()).as(job.toString()).isEqualTo("succeeded");
    }

    static Device pump(String mac, String ip, String firmware) {
      long seen = 1_600_000_000_000_000_000L;
      return StoredDevices.device(
          mac,
          ip,
          "BD",
          "Alaris 8015",
          firmware,
          Category.INFUSION_PUMP,
          Criticality.LIFE_CRITICAL,
          seen,
          List.of(
              new Evidence(
                  "model",
                  "Alaris 8015",
                  "dhcp.vendorClass",
                  "Alaris 8015",
                  Optional.empty(),
                  0.9,
                  seen)));
    }

    long deviceId(String mac) {
      return server
          .jdbc()
          .sql("SELECT id FROM device WHERE device_key = ?")
          .param("mac:" + mac)
          .query(Long.class)
          .single();
    }

    JsonNode ok(HttpResponse<String> r) {
      assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
      return Http.json(r.body());
    }

    /** The advisory's vulnerability entry for a CVE. */
    JsonNode vulnerability(String cve) {
      for (JsonNode v : advisory.get("vulnerabilities")) {
        if (v.get("cve").asString().equals(cve)) {
          return v;
        }
      }
      throw new AssertionError("advisory has no " + cve);
    }

    /** The URLs of the advisory's remediations for a CVE. */
    Set<String> advisoryUrls(String cve) {
      Set<String> urls = new TreeSet<>();
      for (JsonNode rem : vulnerability(cve).get("remediations")) {
        if (rem.has("url")) {
          urls.add(rem.get("url").asString());
        }
      }
      return urls;
    }

    static List<JsonNode> list(JsonNode array) {
      List<JsonNode> out = new ArrayList<>();
      array.forEach(out::add);
      return out;
    }

    @Test
    void shouldReturnTheAdvisoryRemediationUrlsAndCvssWithEachFinding() throws Exception {
      List<JsonNode> findings = list(ok(auditor.get("/api/v1/devices/" + known + "/findings")));
      List<JsonNode> cves =
          findings.stream()
              .filter(f -> f.get("vulnerability").asString().startsWith("CVE-"))
              .toList();
      assertThat(cves).isNotEmpty();
      for (JsonNode f : cves) {
        String cve = f.get("vulnerability").asString();
        assertThat(f.get("cve").asString()).isEqualTo(cve);
        assertThat(f.get("status").asString()).isEqualTo("affected");
        Set<String> urls = new TreeSet<>();
        for (JsonNode o : f.get("remediations")) {
          assertThat(o.get("kind").asString()).isNotBlank();
          assertThat(o.get("text").asString()).isNotBlank();
          if (o.hasNonNull("url")) {
            urls.add(o.get("url").asString());
          }
        }
        assertThat(advisoryUrls(cve)).isNotEmpty();
        assertThat(urls).as(cve).containsAll(advisoryUrls(cve));
        JsonNode cvss = vulnerability(cve).get("scores").get(0).get("cvss_v3");
        assertThat(f.get("cvss").get("vector").asString())
            .isEqualTo(cvss.get("vectorString").asString());
        // The base score is Ward's own computation from the vector; it agrees with the advisory's.
        assertThat(f.get("cvss").get("base").asDouble())
            .isEqualTo(cvss.get("baseScore").asDouble());
        assertThat(f.get("cvss").get("clinical").isNumber()).isTrue();
        assertThat(f.get("ransomware").isBoolean()).isTrue();
        assertThat(f.get("ssvc").get("exploitation").asString()).isNotBlank();
        // The single-finding endpoint and the list carry the same detail.
        JsonNode one = ok(auditor.get("/api/v1/findings/" + f.get("id").asLong()));
        assertThat(one.get("remediations")).isEqualTo(f.get("remediations"));
        assertThat(one.get("cvss")).isEqualTo(f.get("cvss"));
      }
      // What the server stored is what it serves.
      List<FindingRow> stored =
          server.server().context().getBean(FindingService.class).forDevice(known);
      assertThat(stored)
          .anySatisfy(
              row ->
                  assertThat(row.remediations())
                      .extracting(o -> o.url().orElse(""))
                      .containsAll(advisoryUrls(row.vulnerability())));
    }

    @Test
    void shouldSayWhyAPumpOfUnknownFirmwareIsOnlyPossiblyAffected() throws Exception {
      List<JsonNode> findings = list(ok(auditor.get("/api/v1/devices/" + unknown + "/findings")));
      List<JsonNode> cves =
          findings.stream()
              .filter(f -> f.get("vulnerability").asString().startsWith("CVE-"))
              .toList();
      assertThat(cves).isNotEmpty();
      for (JsonNode f : cves) {
        assertThat(f.get("status").asString()).isEqualTo("possibly-affected");
        // The advisory's products are version ranges; without a firmware the reason says so.
        assertThat(f.get("statusReason").asString()).containsIgnoringCase("firmware");
        assertThat(f.get("remediations")).isNotEmpty();
      }
    }

    @Test
    void shouldShowStatusReasonRemediationLinksAndCvssOnTheDevicePage() throws Exception {
      Http browser = Http.session(server.url());
      browser.signIn(SharedServer.userName(Role.AUDITOR), SharedServer.PASSWORD);
      String page = browser.page("/devices/" + unknown).body();
      JsonNode f =
          list(ok(auditor.get("/api/v1/devices/" + unknown + "/findings"))).stream()
              .filter(j -> j.get("vulnerability").asString().startsWith("CVE-"))
              .findFirst()
              .orElseThrow();
      String cve = f.get("vulnerability").asString();
      assertThat(page).contains(escape(f.get("statusReason").asString()));
      for (String url : advisoryUrls(cve)) {
        assertThat(page).contains("href=\"" + escape(url) + "\"");
      }
      assertThat(page).containsPattern("<a href=\"http[^\"]+\"[^>]*rel=\"noopener noreferrer\"");
      assertThat(page)
          .contains(
              vulnerability(cve)
                  .get("scores")
                  .get(0)
                  .get("cvss_v3")
                  .get("vectorString")
                  .asString());
      assertThat(page)
          .contains(
              "base "
                  + vulnerability(cve)
                      .get("scores")
                      .get(0)
                      .get("cvss_v3")
                      .get("baseScore")
                      .asString());
      // The findings list shows the same reason.
      assertThat(browser.page("/findings?status=possibly-affected").body())
          .contains(escape(f.get("statusReason").asString()));
    }

    /**
     * Every enum-valued field is the kebab-case id that docs/findings-schema.md, {@code ward vulns
     * --json}, the remediation metrics and the API's own filters use (decisions were served as
     * {@code ACT_SOON}), so that a value read from one answer can be given to another.
     */
    @Test
    void shouldNameEveryEnumValueWithTheSchemasIds() throws Exception {
      List<JsonNode> findings = new ArrayList<>();
      findings.addAll(list(ok(auditor.get("/api/v1/devices/" + known + "/findings"))));
      findings.addAll(list(ok(auditor.get("/api/v1/devices/" + unknown + "/findings"))));
      // The list across devices too, for this class's devices: other classes sharing the server
      // store decisions Ward never makes (Fixtures' 'act'), which are shown as stored.
      for (JsonNode f : list(ok(auditor.get("/api/v1/findings?limit=500")).get("items"))) {
        long device = f.get("deviceId").asLong();
        if (device == known || device == unknown) {
          findings.add(f);
        }
      }
      Set<String> metricsDecisions = new TreeSet<>();
      ok(auditor.get("/api/v1/metrics/remediation"))
          .get("openByDecision")
          .forEach(u -> metricsDecisions.add(u.get("decision").asString()));
      assertThat(metricsDecisions)
          .containsExactlyInAnyOrder("act-now", "act-soon", "track", "defer");
      assertThat(findings).isNotEmpty();
      for (JsonNode f : findings) {
        assertThat(f.get("decision").asString()).as(f.toString()).isIn(metricsDecisions);
        assertThat(f.get("status").asString())
            .isIn("affected", "possibly-affected", "not-affected");
        assertThat(f.get("kind").asString())
            .isIn("vulnerability", "recall", "end-of-life", "outdated-firmware");
        if (f.hasNonNull("ssvc")) {
          JsonNode ssvc = f.get("ssvc");
          assertThat(ssvc.get("exploitation").asString()).isIn("none", "poc", "active");
          assertThat(ssvc.get("technicalImpact").asString()).isIn("partial", "total");
          assertThat(ssvc.get("missionWellbeing").asString()).isIn("low", "medium", "high");
        }
        for (JsonNode o : f.get("remediations")) {
          assertThat(o.get("kind").asString())
              .isIn("patch", "mitigation", "workaround", "no-fix", "compensating-control");
        }
      }
      // The decision filter takes the value a finding shows.
      JsonNode first = findings.get(0);
      String decision = first.get("decision").asString();
      assertThat(
              list(ok(auditor.get("/api/v1/findings?limit=500&decision=" + decision)).get("items")))
          .extracting(f -> f.get("id").asLong())
          .contains(first.get("id").asLong());
      // A device's most urgent decision too, on the API and in the console.
      String riskDecision =
          ok(auditor.get("/api/v1/devices/" + known)).get("device").get("riskDecision").asString();
      assertThat(riskDecision).isIn(metricsDecisions);
      Http browser = Http.session(server.url());
      browser.signIn(SharedServer.userName(Role.AUDITOR), SharedServer.PASSWORD);
      assertThat(browser.page("/devices/" + known).body())
          .contains(">" + decision + "<")
          .doesNotContainPattern(">(ACT_NOW|ACT_SOON|TRACK|DEFER)<");
      assertThat(browser.page("/findings").body())
          .doesNotContainPattern(">(ACT_NOW|ACT_SOON|TRACK|DEFER)<");
    }

    /** What Thymeleaf's th:text writes for a text. */
    static String escape(String s) {
      return s.replace("&", "&amp;")
          .replace("<", "&lt;")
          .replace(">", "&gt;")
          .replace("\"", "&quot;")
          .replace("'", "&#39;");
    }
  }
}

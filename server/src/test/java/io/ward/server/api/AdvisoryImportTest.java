package io.ward.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.ward.model.Category;
import io.ward.model.Criticality;
import io.ward.model.Device;
import io.ward.server.TestData;
import io.ward.server.inventory.InventoryWriter;
import io.ward.server.inventory.StoredDevices;
import io.ward.server.security.Role;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import tools.jackson.databind.JsonNode;

/**
 * An advisory imported for real reaches the devices it affects everywhere its key joins: a Smiths
 * Medical Medfusion 4000 pump (firmware 1.5) is stored, the real CISA advisory ICSMA-17-250-02A is
 * uploaded through the API, and the advisory's API detail and console page show the pump and its
 * CVEs, and a group remediation chosen by the advisory's key covers the pump's findings. The
 * advisory table and the findings store one key form, {@code csaf|ICSMA-17-250-02A}; a finding
 * stored by an older Ward under the bare id is qualified by the migration.
 */
class AdvisoryImportTest {
  static final String ADVISORY = "advisories/cisa-csaf/medical-icsma/icsma-17-250-02a.json";
  static final String KEY = "csaf|ICSMA-17-250-02A";
  static final String MIGRATION =
      "/db/migration/common/V202611291000__finding_advisory_key_source.sql";

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
    String mac;
    long device;
    long advisory;

    abstract boolean postgres();

    @BeforeAll
    void storeThePumpAndUploadTheAdvisory() throws Exception {
      server = SharedServer.of(postgres());
      analyst = Http.bearer(server.url(), server.token(Role.SECURITY_ANALYST));
      auditor = Http.bearer(server.url(), server.token(Role.AUDITOR));
      // Captures first, as the other contracts do: tests taking the first device expect one.
      JsonNode ingested = Fixtures.ingest(analyst, Fixtures.HL7);
      assertThat(ingested.get("state").asString()).as(ingested.toString()).isEqualTo("succeeded");
      mac = postgres() ? "00:0a:0b:00:33:01" : "00:0a:0b:00:33:02";
      Device pump =
          StoredDevices.device(
              mac,
              postgres() ? "10.33.1.1" : "10.33.1.2",
              "Smiths Medical",
              "Medfusion 4000",
              "1.5",
              Category.INFUSION_PUMP,
              Criticality.LIFE_CRITICAL,
              1_600_000_000_000_000_000L,
              List.of());
      server
          .server()
          .context()
          .getBean(InventoryWriter.class)
          .merge(
              StoredDevices.capture("d".repeat(63) + (postgres() ? "1" : "2")),
              List.of(pump),
              List.of(),
              0,
              "tester");
      device =
          server
              .jdbc()
              .sql("SELECT id FROM device WHERE device_key = ?")
              .param("mac:" + mac)
              .query(Long.class)
              .single();
      HttpResponse<String> r =
          analyst.upload(
              "/api/v1/feeds",
              "file",
              "icsma-17-250-02a.json",
              Files.readAllBytes(TestData.file(ADVISORY)));
      assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
      JsonNode job = Fixtures.awaitJob(analyst, Http.json(r.body()).get("id").asLong());
      assertThat(job.get("state").asString()).as(job.toString()).isEqualTo("succeeded");
      advisory =
          server
              .jdbc()
              .sql("SELECT id FROM advisory WHERE advisory_key = ?")
              .param(KEY)
              .query(Long.class)
              .single();
    }

    JsonNode ok(HttpResponse<String> r) {
      assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
      return Http.json(r.body());
    }

    /** The pump's open findings of the advisory, by storage id. */
    List<Long> pumpFindings() throws Exception {
      List<Long> out = new ArrayList<>();
      for (JsonNode f : ok(auditor.get("/api/v1/devices/" + device + "/findings"))) {
        if (f.get("advisory").asString().equals(KEY)
            && !f.get("status").asString().equals("not-affected")) {
          out.add(f.get("id").asLong());
        }
      }
      return out;
    }

    /** The CVEs the advisory file names. */
    static List<String> advisoryCves() throws Exception {
      List<String> out = new ArrayList<>();
      for (JsonNode v :
          Http.json(Files.readString(TestData.file(ADVISORY))).get("vulnerabilities")) {
        out.add(v.get("cve").asString());
      }
      return out;
    }

    @Test
    void shouldStoreTheFindingsUnderTheAdvisorysOwnKey() throws Exception {
      assertThat(pumpFindings()).isNotEmpty();
      assertThat(
              server
                  .jdbc()
                  .sql(
                      "SELECT COUNT(*) FROM finding f JOIN device d ON d.id = f.device_id"
                          + " WHERE d.device_key = ? AND f.advisory_key <> ?")
                  .params("mac:" + mac, KEY)
                  .query(Long.class)
                  .single())
          .isZero();
    }

    @Test
    void shouldServeThePumpAndItsCvesOnTheAdvisory() throws Exception {
      JsonNode detail = ok(auditor.get("/api/v1/advisories/" + advisory));
      JsonNode summary = detail.get("summary");
      assertThat(summary.get("advisory").get("key").asString()).isEqualTo(KEY);
      assertThat(summary.get("affected").asInt() + summary.get("possiblyAffected").asInt())
          .isPositive();
      List<String> cves = new ArrayList<>();
      summary.get("cves").forEach(c -> cves.add(c.asString()));
      // Besides the CVEs, the advisory's fixed firmware shows as an outdated-firmware finding.
      List<String> cveIds = cves.stream().filter(c -> c.startsWith("CVE-")).toList();
      assertThat(cveIds).isNotEmpty();
      assertThat(advisoryCves()).containsAll(cveIds);
      List<Long> served = new ArrayList<>();
      for (JsonNode f : detail.get("findings")) {
        if (f.get("deviceId").asLong() == device) {
          served.add(f.get("id").asLong());
          assertThat(cves).contains(f.get("vulnerability").asString());
        }
      }
      assertThat(served).containsExactlyInAnyOrderElementsOf(pumpFindings());
    }

    /**
     * The advisory's source is a kebab-case id like every other value of the API ({@code csaf}),
     * not the name of a Java constant ({@code CSAF}); the console names the format.
     */
    @Test
    void shouldServeTheAdvisorysSourceAsAnId() throws Exception {
      JsonNode byKey =
          ok(
              auditor.get(
                  "/api/v1/advisories?key="
                      + java.net.URLEncoder.encode(KEY, StandardCharsets.UTF_8)));
      assertThat(byKey).hasSize(1);
      assertThat(byKey.get(0).get("source").asString()).isEqualTo("csaf");
      JsonNode listed = ok(auditor.get("/api/v1/advisories?q=ICSMA-17-250-02A"));
      assertThat(listed).isNotEmpty();
      listed.forEach(a -> assertThat(a.get("source").asString()).isEqualTo("csaf"));
      JsonNode detail = ok(auditor.get("/api/v1/advisories/" + advisory));
      assertThat(detail.get("summary").get("advisory").get("source").asString()).isEqualTo("csaf");

      Http session = Http.session(server.url());
      session.signIn(SharedServer.userName(Role.AUDITOR), SharedServer.PASSWORD);
      assertThat(session.page("/advisories/" + advisory).body())
          .contains("<dt>Source</dt><dd>CSAF</dd>");
    }

    @Test
    void shouldShowThePumpAndItsCvesOnTheConsolePage() throws Exception {
      Http session = Http.session(server.url());
      session.signIn(SharedServer.userName(Role.CLINICAL_ENGINEER), SharedServer.PASSWORD);
      HttpResponse<String> page = session.page("/advisories/" + advisory);
      assertThat(page.statusCode()).isEqualTo(200);
      String html = page.body();
      assertThat(html).doesNotContain("No device of this inventory is affected");
      assertThat(html).contains("/devices/" + device + "\"");
      // The form that opens a group remediation carries the key the findings are stored under.
      assertThat(html).contains("name=\"advisoryKey\" value=\"" + KEY + "\"");
      String cve =
          ok(auditor.get("/api/v1/advisories/" + advisory))
              .get("summary")
              .get("cves")
              .get(0)
              .asString();
      assertThat(html).contains("<strong>" + cve + "</strong>");
    }

    @Test
    void shouldCoverThePumpsFindingsWithAGroupRemediationOfTheAdvisory() throws Exception {
      Http clinical = Http.bearer(server.url(), server.token(Role.CLINICAL_ENGINEER));
      HttpResponse<String> r =
          clinical.json(
              "POST",
              "/api/v1/remediations/groups",
              Http.json(
                  Map.of(
                      "advisoryKey", KEY, "vendor", "Smiths Medical", "model", "Medfusion 4000")));
      assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
      JsonNode record = Http.json(r.body());
      List<Long> findings = new ArrayList<>();
      record.get("findingIds").forEach(n -> findings.add(n.asLong()));
      assertThat(findings).containsAll(pumpFindings());
      List<Long> devices = new ArrayList<>();
      record.get("deviceIds").forEach(n -> devices.add(n.asLong()));
      assertThat(devices).contains(device);
      assertThat(record.get("group").asString()).contains("advisory " + KEY);
    }

    @Test
    void shouldQualifyAFindingStoredUnderTheBareIdByTheMigration() throws Exception {
      String findingKey = "migration-test|" + mac;
      server
          .jdbc()
          .sql(
              "INSERT INTO finding (finding_key, device_id, kind, vulnerability, advisory_key,"
                  + " title, status, score, decision, first_seen, last_seen) VALUES (?, ?,"
                  + " 'VULNERABILITY', 'CVE-2017-12718', 'ICSMA-17-250-02A', 'older Ward',"
                  + " 'AFFECTED', 50, 'TRACK', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)")
          .params(findingKey, device)
          .update();
      String eol = "migration-eol|" + mac;
      server
          .jdbc()
          .sql(
              "INSERT INTO finding (finding_key, device_id, kind, vulnerability, advisory_key,"
                  + " title, status, score, decision, first_seen, last_seen) VALUES (?, ?,"
                  + " 'END_OF_LIFE', 'eol-x', 'ward-eol', 'older Ward', 'AFFECTED', 50, 'TRACK',"
                  + " CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)")
          .params(eol, device)
          .update();
      try {
        String sql;
        try (InputStream in = AdvisoryImportTest.class.getResourceAsStream(MIGRATION)) {
          assertThat(in).as(MIGRATION).isNotNull();
          sql = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        String statement = sql.replaceAll("(?m)^--.*$", "").strip();
        server.jdbc().sql(statement.substring(0, statement.length() - 1)).update();
        assertThat(keyOf(findingKey)).isEqualTo(KEY);
        // End of life matches no advisory and keeps its key; qualified ones are left as they are.
        assertThat(keyOf(eol)).isEqualTo("ward-eol");
        assertThat(pumpFindings()).isNotEmpty();
        assertThat(
                server
                    .jdbc()
                    .sql("SELECT COUNT(*) FROM finding WHERE advisory_key LIKE 'csaf|csaf|%'")
                    .query(Long.class)
                    .single())
            .isZero();
      } finally {
        server
            .jdbc()
            .sql("DELETE FROM finding WHERE finding_key IN (?, ?)")
            .params(findingKey, eol)
            .update();
      }
    }

    String keyOf(String findingKey) {
      return server
          .jdbc()
          .sql("SELECT advisory_key FROM finding WHERE finding_key = ?")
          .param(findingKey)
          .query(String.class)
          .single();
    }
  }
}

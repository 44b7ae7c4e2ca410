package io.ward.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.ward.exposure.remediation.RemediationPolicy;
import io.ward.model.Category;
import io.ward.model.Criticality;
import io.ward.model.Device;
import io.ward.model.exposure.Decision;
import io.ward.server.TestData;
import io.ward.server.exposure.RemediationService;
import io.ward.server.inventory.InventoryWriter;
import io.ward.server.inventory.StoredDevices;
import io.ward.server.security.Role;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * CISA's KEV due date travels from the catalog to the finding table, the API, the console and the
 * due date of a remediation record. A Baxter ExactaMix EM2400 is stored, then the real KEV
 * catalog's entry for CVE-2017-0143 (cut from {@value #KEV} with its header, so the shared server's
 * other CVEs stay out of KEV) and the real CISA advisory ICSMA-20-170-01, which lists that CVE
 * among six others, are uploaded through the API. Expected dates are read from the catalog file.
 */
class KevDueDateTest {
  static final String KEV = "advisories/cisa-kev/known_exploited_vulnerabilities.json";
  static final String ADVISORY = "advisories/cisa-csaf/medical-icsma/icsma-20-170-01.json";
  static final String CVE = "CVE-2017-0143";

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
    long device;
    LocalDate cisaDue;

    abstract boolean postgres();

    @BeforeAll
    void storeTheDeviceAndUploadKevAndTheAdvisory() throws Exception {
      server = SharedServer.of(postgres());
      analyst = Http.bearer(server.url(), server.token(Role.SECURITY_ANALYST));
      auditor = Http.bearer(server.url(), server.token(Role.AUDITOR));
      // Captures first, as the other contracts do: tests taking the first device expect one.
      JsonNode ingested = Fixtures.ingest(analyst, Fixtures.HL7);
      assertThat(ingested.get("state").asString()).as(ingested.toString()).isEqualTo("succeeded");
      String mac = postgres() ? "00:0a:0b:00:32:01" : "00:0a:0b:00:32:02";
      Device exactaMix =
          StoredDevices.device(
              mac,
              postgres() ? "10.32.1.1" : "10.32.1.2",
              "Baxter",
              "ExactaMix EM2400",
              "1.13",
              Category.MEDICATION_DISPENSING,
              Criticality.HIGH,
              1_600_000_000_000_000_000L,
              List.of());
      server
          .server()
          .context()
          .getBean(InventoryWriter.class)
          .merge(
              StoredDevices.capture("e".repeat(63) + (postgres() ? "1" : "2")),
              List.of(exactaMix),
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
      JsonNode entry = kevEntry(Http.json(Files.readString(TestData.file(KEV))));
      cisaDue = LocalDate.parse(entry.get("dueDate").asString());
      upload("kev-" + CVE + ".json", kevCatalogOf(entry));
      upload(
          "icsma-20-170-01.json",
          Files.readString(TestData.file(ADVISORY)).getBytes(StandardCharsets.UTF_8));
    }

    /** The catalog's entry for {@link #CVE}. */
    static JsonNode kevEntry(JsonNode catalog) {
      for (JsonNode v : catalog.get("vulnerabilities")) {
        if (v.get("cveID").asString().equals(CVE)) {
          return v;
        }
      }
      throw new AssertionError("the KEV catalog has no " + CVE);
    }

    /** A KEV catalog holding only {@code entry}, with the real catalog's header. */
    static byte[] kevCatalogOf(JsonNode entry) throws Exception {
      ObjectNode catalog = (ObjectNode) Http.json(Files.readString(TestData.file(KEV)));
      ArrayNode one = catalog.putArray("vulnerabilities");
      one.add(entry);
      catalog.put("count", 1);
      return catalog.toString().getBytes(StandardCharsets.UTF_8);
    }

    void upload(String name, byte[] content) throws Exception {
      HttpResponse<String> r = analyst.upload("/api/v1/feeds", "file", name, content);
      assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
      JsonNode job = Fixtures.awaitJob(analyst, Http.json(r.body()).get("id").asLong());
      assertThat(job.get("state").asString()).as(job.toString()).isEqualTo("succeeded");
    }

    JsonNode ok(HttpResponse<String> r) {
      assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
      return Http.json(r.body());
    }

    List<JsonNode> findings() throws Exception {
      List<JsonNode> out = new ArrayList<>();
      ok(auditor.get("/api/v1/devices/" + device + "/findings")).forEach(out::add);
      assertThat(out).isNotEmpty();
      return out;
    }

    JsonNode finding(String cve) throws Exception {
      return findings().stream()
          .filter(f -> f.get("vulnerability").asString().equals(cve))
          .findFirst()
          .orElseThrow(() -> new AssertionError("no finding for " + cve));
    }

    @Test
    void shouldStoreAndServeCisasDueDateOnTheKevFindingOnly() throws Exception {
      JsonNode kev = finding(CVE);
      assertThat(kev.get("kev").asBoolean()).isTrue();
      assertThat(kev.get("kevDueDate").asString()).isEqualTo(cisaDue.toString());
      assertThat(
              server
                  .jdbc()
                  .sql("SELECT kev_due_date FROM finding WHERE id = ?")
                  .param(kev.get("id").asLong())
                  .query((rs, n) -> rs.getObject(1, LocalDate.class))
                  .single())
          .isEqualTo(cisaDue);
      // The advisory's other CVEs are not in the catalog uploaded: the key is there, and null.
      List<JsonNode> others =
          findings().stream()
              .filter(f -> f.get("vulnerability").asString().startsWith("CVE-"))
              .filter(f -> !f.get("vulnerability").asString().equals(CVE))
              .toList();
      assertThat(others).hasSize(6);
      for (JsonNode f : others) {
        assertThat(f.get("kev").asBoolean()).as(f.toString()).isFalse();
        assertThat(f.has("kevDueDate")).as(f.toString()).isTrue();
        assertThat(f.get("kevDueDate").isNull()).as(f.toString()).isTrue();
      }
      // The single-finding endpoint carries it too.
      assertThat(ok(auditor.get("/api/v1/findings/" + kev.get("id").asLong())).get("kevDueDate"))
          .isEqualTo(kev.get("kevDueDate"));
    }

    @Test
    void shouldDueARecordOfAKevFindingNoLaterThanCisasDate() throws Exception {
      JsonNode kev = finding(CVE);
      JsonNode other =
          findings().stream()
              .filter(f -> f.get("vulnerability").asString().startsWith("CVE-2020-"))
              .findFirst()
              .orElseThrow();
      Http clinical = Http.bearer(server.url(), server.token(Role.CLINICAL_ENGINEER));
      JsonNode both = create(clinical, List.of(other.get("id").asLong(), kev.get("id").asLong()));
      LocalDate opened = LocalDate.parse(both.get("opened").asString());
      RemediationPolicy policy =
          server.server().context().getBean(RemediationService.class).policy();
      Decision decision = decision(kev);
      LocalDate expected = policy.due(opened, decision, true, Optional.of(cisaDue));
      // CISA's date for this 2017 CVE is long past, so it is the earlier one: the record is due
      // then, already overdue, not the policy's days from today.
      assertThat(cisaDue).isBefore(policy.due(opened, decision, true));
      assertThat(expected).isEqualTo(cisaDue);
      assertThat(both.get("due").asString()).isEqualTo(cisaDue.toString());
      assertThat(both.get("overdue").asBoolean()).isTrue();
      assertThat(both.get("dueFromPolicy").asBoolean()).isTrue();
      assertThat(both.get("dueBasis").asString())
          .startsWith("CISA KEV due date")
          .contains(CVE, cisaDue.toString(), "already past");

      // A record of a finding not in KEV keeps the policy's date and reason.
      JsonNode plain = create(clinical, List.of(other.get("id").asLong()));
      assertThat(plain.get("due").asString())
          .isEqualTo(policy.due(opened, decision(other), false).toString());
      assertThat(plain.get("dueBasis").asString())
          .startsWith("policy:")
          .doesNotContain("CISA KEV due date");
    }

    @Test
    void shouldShowCisasDueDateNextToTheKevBadgeInTheConsole() throws Exception {
      Http browser = Http.session(server.url());
      browser.signIn(SharedServer.userName(Role.AUDITOR), SharedServer.PASSWORD);
      String time = "<time class=\"kev-due muted\" datetime=\"" + cisaDue + "\"";
      for (String path : List.of("/devices/" + device, "/findings?kev=true&q=" + CVE)) {
        HttpResponse<String> page = browser.page(path);
        assertThat(page.statusCode()).as(path).isEqualTo(200);
        String html = page.body();
        assertThat(html).as(path).contains(time);
        String badge = html.substring(html.indexOf(time) - 200, html.indexOf(time));
        assertThat(badge).as(path).contains(">KEV</span>");
        assertThat(html.substring(html.indexOf(time)))
            .startsWith(time)
            .contains("CISA due " + cisaDue);
      }
      // Only the KEV finding has a date: the device page shows it once.
      String device = browser.page("/devices/" + this.device).body();
      assertThat(device.split("class=\"kev-due", -1)).hasSize(2);
    }

    JsonNode create(Http clinical, List<Long> findingIds) throws Exception {
      HttpResponse<String> r =
          clinical.json(
              "POST",
              "/api/v1/remediations",
              Http.json(
                  Map.of(
                      "title",
                      "Patch the ExactaMix",
                      "findingIds",
                      findingIds,
                      "deviceIds",
                      List.of(device))));
      assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
      return Http.json(r.body());
    }

    static Decision decision(JsonNode finding) {
      String id = finding.get("decision").asString();
      for (Decision d : Decision.values()) {
        if (d.id().equals(id)) {
          return d;
        }
      }
      throw new AssertionError("unknown decision " + id);
    }
  }
}

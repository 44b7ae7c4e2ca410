package io.ward.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.ward.server.security.Role;
import io.ward.simulate.HospitalSimulator;
import io.ward.simulate.SimulationConfig;
import java.io.ByteArrayOutputStream;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import tools.jackson.databind.JsonNode;

/**
 * {@code /api/v1/external-endpoints} and a device's {@code externalEndpoints} over real HTTP, after
 * two simulated hospital captures (a day apart, other devices reaching the same internet services)
 * were uploaded through the API; on H2 and on PostgreSQL ({@code WARD_TEST_POSTGRES=1}). A server
 * of its own: its simulated devices would change what the shared server's tests read.
 */
class ExternalEndpointApiTest {

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
    Http auditor;
    Http clinical;

    abstract boolean postgres();

    @BeforeAll
    void ingest() throws Exception {
      server = SharedServer.own(postgres());
      auditor = Http.bearer(server.url(), server.token(Role.AUDITOR));
      clinical = Http.bearer(server.url(), server.token(Role.CLINICAL_ENGINEER));
      Http analyst = Http.bearer(server.url(), server.token(Role.SECURITY_ANALYST));
      upload(analyst, "monday.pcap", 7, 0);
      upload(analyst, "tuesday.pcap", 8, 1);
    }

    void upload(Http http, String name, long seed, long days) throws Exception {
      ByteArrayOutputStream pcap = new ByteArrayOutputStream();
      new HospitalSimulator(
              new SimulationConfig(
                  80,
                  3,
                  seed,
                  List.of(),
                  SimulationConfig.DEFAULT_START_EPOCH_MILLIS + days * 86_400_000L))
          .run(pcap, Optional.empty());
      HttpResponse<String> r = http.upload("/api/v1/captures", "file", name, pcap.toByteArray());
      assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
      JsonNode job = Fixtures.awaitJob(http, Http.json(r.body()).get("id").asLong());
      assertThat(job.get("state").asString()).as(job.toString()).isEqualTo("succeeded");
      assertThat(job.get("message").asString()).containsPattern("[1-9]\\d* external endpoints");
    }

    JsonNode ok(HttpResponse<String> r) {
      assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
      return Http.json(r.body());
    }

    static List<JsonNode> items(JsonNode page) {
      List<JsonNode> out = new ArrayList<>();
      page.get("items").forEach(out::add);
      return out;
    }

    static String encoded(String s) {
      return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    @Test
    void shouldListEveryExternalEndpointNewestFirstWithTheDevicesThatTalkedWithIt()
        throws Exception {
      JsonNode page = ok(auditor.get("/api/v1/external-endpoints?limit=500&total=true"));
      List<JsonNode> all = items(page);
      assertThat(page.get("total").asLong())
          .isEqualTo(all.size())
          .isEqualTo(server.count("external_endpoint"))
          .isPositive();
      assertThat(page.get("nextCursor").isNull()).isTrue();
      List<Instant> lastSeen = new ArrayList<>();
      long sightings = 0;
      for (JsonNode e : all) {
        String ip = e.get("ip").asString();
        // The simulated hospital's internet services live in two documentation ranges.
        assertThat(ip).matches("(203\\.0\\.113|198\\.51\\.100)\\.\\d+");
        assertThat(e.get("hostnames").size()).as(ip).isPositive();
        assertThat(e.get("protocols").toString()).as(ip).contains("\"tls\"");
        assertThat(e.get("flows").asLong()).as(ip).isPositive();
        assertThat(e.get("bytes").asLong()).as(ip).isGreaterThan(e.get("packets").asLong());
        JsonNode devices = e.get("devices");
        assertThat(devices.size()).as(ip).isPositive().isLessThanOrEqualTo(20);
        assertThat(e.get("deviceCount").asInt()).as(ip).isGreaterThanOrEqualTo(devices.size());
        long deviceFlows = 0;
        for (JsonNode d : devices) {
          assertThat(d.get("name").asString()).isNotBlank();
          assertThat(d.get("key").asString()).startsWith("mac:");
          deviceFlows += d.get("flows").asLong();
        }
        if (devices.size() == e.get("deviceCount").asInt()) {
          assertThat(deviceFlows)
              .as(ip + ": its devices' flows")
              .isEqualTo(e.get("flows").asLong());
        }
        assertThat(Instant.parse(e.get("firstSeen").asString()))
            .isBeforeOrEqualTo(Instant.parse(e.get("lastSeen").asString()));
        // Seen in one or both of the two captures uploaded.
        assertThat(e.get("captures").asInt()).as(ip + " captures").isBetween(1, 2);
        sightings += e.get("captures").asInt();
        lastSeen.add(Instant.parse(e.get("lastSeen").asString()));
      }
      List<Instant> newestFirst = new ArrayList<>(lastSeen);
      newestFirst.sort(java.util.Comparator.reverseOrder());
      assertThat(lastSeen).isEqualTo(newestFirst);
      assertThat(sightings).isEqualTo(server.count("external_endpoint_sighting"));
      // Seen on both days: the first day's first sighting, the second day's last, two captures.
      assertThat(all)
          .anySatisfy(
              e -> {
                assertThat(
                        Instant.parse(e.get("lastSeen").asString()).toEpochMilli()
                            - Instant.parse(e.get("firstSeen").asString()).toEpochMilli())
                    .isGreaterThan(86_400_000L - 3 * 60_000L);
                assertThat(e.get("captures").asInt()).isEqualTo(2);
              });
    }

    @Test
    void shouldWalkEveryEndpointOnceThroughCursorPagesInEachOrder() throws Exception {
      long total =
          ok(auditor.get("/api/v1/external-endpoints?limit=1&total=true")).get("total").asLong();
      for (String sort : List.of("last-seen", "flows", "bytes", "devices")) {
        for (String order : List.of("desc", "asc")) {
          Set<Long> seen = new HashSet<>();
          List<Long> values = new ArrayList<>();
          String cursor = null;
          int pages = 0;
          do {
            JsonNode page =
                ok(
                    auditor.get(
                        "/api/v1/external-endpoints?limit=2&sort="
                            + sort
                            + "&order="
                            + order
                            + (cursor == null ? "" : "&cursor=" + cursor)));
            for (JsonNode e : page.get("items")) {
              assertThat(seen.add(e.get("id").asLong())).as(sort + " " + order).isTrue();
              values.add(value(e, sort));
            }
            cursor = page.get("nextCursor").isNull() ? null : page.get("nextCursor").asString();
            pages++;
          } while (cursor != null && pages < 1_000);
          assertThat((long) seen.size()).as(sort + " " + order).isEqualTo(total);
          List<Long> sorted = new ArrayList<>(values);
          sorted.sort(
              order.equals("desc")
                  ? java.util.Comparator.reverseOrder()
                  : java.util.Comparator.naturalOrder());
          assertThat(values).as(sort + " " + order).isEqualTo(sorted);
        }
      }
    }

    static long value(JsonNode e, String sort) {
      return switch (sort) {
        case "flows" -> e.get("flows").asLong();
        case "bytes" -> e.get("bytes").asLong();
        case "devices" -> e.get("deviceCount").asLong();
        default -> Instant.parse(e.get("lastSeen").asString()).toEpochMilli();
      };
    }

    @Test
    void shouldFilterByTextDeviceAndSite() throws Exception {
      List<JsonNode> all = items(ok(auditor.get("/api/v1/external-endpoints?limit=500")));
      JsonNode first = all.get(0);
      String name = first.get("hostnames").get(0).asString();
      String word = name.substring(0, name.indexOf('.'));
      List<JsonNode> byName =
          items(ok(auditor.get("/api/v1/external-endpoints?q=" + encoded(word.toUpperCase()))));
      assertThat(byName).extracting(e -> e.get("id").asLong()).contains(first.get("id").asLong());
      assertThat(byName)
          .allSatisfy(
              e ->
                  assertThat(e.get("ip").asString() + e.get("hostnames"))
                      .containsIgnoringCase(word));
      List<JsonNode> byIp =
          items(ok(auditor.get("/api/v1/external-endpoints?q=" + first.get("ip").asString())));
      assertThat(byIp).extracting(e -> e.get("ip").asString()).contains(first.get("ip").asString());
      assertThat(items(ok(auditor.get("/api/v1/external-endpoints?q=no-such-host")))).isEmpty();

      // A device's endpoints: exactly those listing it, as its detail says.
      long device = first.get("devices").get(0).get("id").asLong();
      Set<Long> expected = new HashSet<>();
      for (JsonNode e : all) {
        JsonNode one = ok(auditor.get("/api/v1/external-endpoints/" + e.get("id").asLong()));
        for (JsonNode d : one.get("devices")) {
          if (d.get("id").asLong() == device) {
            expected.add(e.get("id").asLong());
          }
        }
      }
      List<JsonNode> ofDevice =
          items(ok(auditor.get("/api/v1/external-endpoints?limit=500&deviceId=" + device)));
      assertThat(ofDevice)
          .extracting(e -> e.get("id").asLong())
          .containsExactlyInAnyOrderElementsOf(expected);
      JsonNode detail = ok(clinical.get("/api/v1/devices/" + device));
      assertThat(detail.get("externalEndpoints").findValuesAsString("ip"))
          .containsExactlyInAnyOrderElementsOf(
              ofDevice.stream().map(e -> e.get("ip").asString()).toList());

      // A site's endpoints: those its devices talked with (sites come from CMDB locations).
      server
          .jdbc()
          .sql("INSERT INTO site (name, created_at) VALUES ('Cardiology', CURRENT_TIMESTAMP)")
          .update();
      long site =
          server
              .jdbc()
              .sql("SELECT id FROM site WHERE name = 'Cardiology'")
              .query(Long.class)
              .single();
      server.jdbc().sql("UPDATE device SET site_id = ? WHERE id = ?").params(site, device).update();
      assertThat(items(ok(auditor.get("/api/v1/external-endpoints?limit=500&site=" + site))))
          .extracting(e -> e.get("id").asLong())
          .containsExactlyInAnyOrderElementsOf(expected);
      assertThat(items(ok(auditor.get("/api/v1/external-endpoints?site=999999")))).isEmpty();
    }

    @Test
    void shouldGiveOneEndpointWithAllItsDevicesAndTheirOwnTraffic() throws Exception {
      JsonNode busiest =
          items(ok(auditor.get("/api/v1/external-endpoints?sort=devices&limit=1"))).get(0);
      JsonNode one = ok(auditor.get("/api/v1/external-endpoints/" + busiest.get("id").asLong()));
      assertThat(one.get("ip").asString()).isEqualTo(busiest.get("ip").asString());
      assertThat(one.get("captures").asInt())
          .isEqualTo(busiest.get("captures").asInt())
          .isPositive();
      assertThat(one.get("devices").size()).isEqualTo(busiest.get("deviceCount").asInt());
      long flows = 0;
      for (JsonNode d : one.get("devices")) {
        flows += d.get("flows").asLong();
        // Each device's detail names the endpoint, with the same traffic.
        JsonNode detail = ok(auditor.get("/api/v1/devices/" + d.get("id").asLong()));
        JsonNode contact = null;
        for (JsonNode c : detail.get("externalEndpoints")) {
          if (c.get("id").asLong() == one.get("id").asLong()) {
            contact = c;
          }
        }
        assertThat(contact).as("device " + d.get("id")).isNotNull();
        assertThat(contact.get("flows").asLong()).isEqualTo(d.get("flows").asLong());
        assertThat(contact.get("bytes").asLong()).isEqualTo(d.get("bytes").asLong());
        assertThat(contact.get("deviceCount").asInt()).isEqualTo(one.get("deviceCount").asInt());
      }
      assertThat(flows).isEqualTo(one.get("flows").asLong());
      JsonNode limited =
          ok(auditor.get("/api/v1/external-endpoints/" + one.get("id").asLong() + "?limit=1"));
      assertThat(limited.get("devices").size()).isEqualTo(1);
    }

    @Test
    void shouldGiveADeviceWithoutInternetTrafficNoExternalEndpoints() throws Exception {
      Long quiet =
          server
              .jdbc()
              .sql(
                  "SELECT MIN(id) FROM device WHERE id NOT IN"
                      + " (SELECT device_id FROM external_endpoint_device)")
              .query(Long.class)
              .single();
      JsonNode detail = ok(auditor.get("/api/v1/devices/" + quiet));
      assertThat(detail.get("externalEndpoints").isArray()).isTrue();
      assertThat(detail.get("externalEndpoints")).isEmpty();
      assertThat(detail.get("evidence").size()).isPositive();
    }

    @Test
    void shouldRefuseBadParametersWithAProblemAndAMissingEndpointWith404() throws Exception {
      for (String query :
          List.of(
              "sort=ip",
              "order=sideways",
              "limit=0",
              "limit=501",
              "cursor=not-a-cursor",
              "deviceId=abc")) {
        HttpResponse<String> r = auditor.get("/api/v1/external-endpoints?" + query);
        ApiContract.assertProblem(r, 400);
      }
      String cursor =
          ok(auditor.get("/api/v1/external-endpoints?limit=1&sort=flows"))
              .get("nextCursor")
              .asString();
      ApiContract.assertProblem(
          auditor.get("/api/v1/external-endpoints?limit=1&sort=bytes&cursor=" + cursor), 400);
      ApiContract.assertProblem(auditor.get("/api/v1/external-endpoints/999999"), 404);
    }

    @Test
    void shouldLetEveryRoleReadAndNoOneWithoutCredentials() throws Exception {
      for (Role role : Role.values()) {
        HttpResponse<String> r =
            Http.bearer(server.url(), server.token(role)).get("/api/v1/external-endpoints");
        assertThat(r.statusCode()).as(role.id()).isEqualTo(200);
      }
      assertThat(Http.anonymous(server.url()).get("/api/v1/external-endpoints").statusCode())
          .isEqualTo(401);
      assertThat(Http.anonymous(server.url()).get("/api/v1/external-endpoints/1").statusCode())
          .isEqualTo(401);
    }

    @Test
    void shouldDescribeTheEndpointsAndTheDeviceDetailInTheOpenApiDocument() throws Exception {
      JsonNode doc = ok(auditor.get("/v3/api-docs"));
      String list = doc.get("paths").get("/api/v1/external-endpoints").get("get").toString();
      assertThat(list).contains("deviceId").contains("site").contains("cursor").contains("sort");
      assertThat(doc.get("paths").has("/api/v1/external-endpoints/{id}")).isTrue();
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
          .contains("device", "evidence", "cmdbConflicts", "externalEndpoints")
          .doesNotContain("detail");
    }
  }
}

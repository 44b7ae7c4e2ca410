package io.ward.server.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.ward.capture.ProgressListener;
import io.ward.inventory.KnowledgeBase;
import io.ward.model.ExternalEndpoint;
import io.ward.model.IpNetwork;
import io.ward.server.RunningServer;
import io.ward.server.api.Fixtures;
import io.ward.server.api.Http;
import io.ward.server.api.SharedServer;
import io.ward.server.inventory.CaptureFacts;
import io.ward.server.inventory.ExternalTrafficRow;
import io.ward.server.inventory.InventoryWriter;
import io.ward.server.security.Role;
import io.ward.simulate.HospitalSimulator;
import io.ward.simulate.SimulationConfig;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import tools.jackson.databind.JsonNode;

/**
 * A server that stored internet hosts as devices before external endpoints were told apart, then
 * ingests a capture that shows them as external endpoints: each stale device is moved to its
 * endpoint with its traffic, unless people attached work to it or it spoke a clinical protocol; and
 * a later capture that finds a device at an endpoint's address removes the endpoint. Over real
 * HTTP, on H2 and on PostgreSQL ({@code WARD_TEST_POSTGRES=1}).
 *
 * <p>The old server's rows are written as it wrote them: the same simulated hospital analysed
 * without external endpoints (its internet ranges declared internal, which keeps every host a
 * device, as before the split) and merged through {@link InventoryWriter}, flow hours and all.
 */
class ExternalEndpointReconciliationTest {
  /** The simulated hospital's internet services live in these two ranges. */
  static final List<IpNetwork> INTERNET =
      List.of(IpNetwork.parse("203.0.113.0/24"), IpNetwork.parse("198.51.100.0/24"));

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

  /** A stale device as the old server left it: its row and its flow hours, by peer device key. */
  record Stale(
      long id,
      String key,
      String ip,
      Set<String> hostnames,
      Instant firstSeen,
      Instant lastSeen,
      Map<String, long[]> peers) {

    long[] total() {
      long[] t = new long[3];
      peers.values().forEach(p -> add(t, p));
      return t;
    }
  }

  static void add(long[] sum, long[] more) {
    for (int i = 0; i < sum.length; i++) {
      sum[i] += more[i];
    }
  }

  @TestInstance(TestInstance.Lifecycle.PER_CLASS)
  @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
  abstract static class Contract {
    SharedServer server;
    Http analyst;
    Http auditor;
    Path dir;

    /** The old server's internet-host devices, by address. */
    final Map<String, Stale> stale = new TreeMap<>();

    /** What `ward analyze` finds in Monday's capture: its endpoints, by address. */
    final Map<String, ExternalEndpoint> monday = new TreeMap<>();

    /** Monday's traffic of each device with each endpoint: address, then device key. */
    final Map<String, Map<String, long[]>> mondayTraffic = new HashMap<>();

    String remediated;
    String cmdbPlaced;
    String referenced;
    String clinical;
    String vulnerable;
    List<String> moved;
    long devicesBefore;
    JsonNode mondayJob;

    abstract boolean postgres();

    @BeforeAll
    void oldServerStoredInternetHostsAsDevices() throws Exception {
      server = SharedServer.own(postgres());
      analyst = Http.bearer(server.url(), server.token(Role.SECURITY_ANALYST));
      auditor = Http.bearer(server.url(), server.token(Role.AUDITOR));
      dir = Files.createTempDirectory("ward-reconcile-");

      Path saturday = simulate("saturday.pcap", 7, -2);
      CapturePipeline.Result old = analyse(saturday, INTERNET);
      assertThat(old.external()).as("no endpoint with the internet declared internal").isEmpty();
      server
          .server()
          .context()
          .getBean(InventoryWriter.class)
          .merge(facts(saturday, old), old.devices(), old.flowHours(), 0, "old-server");
      readStaleDevices();

      CapturePipeline.Result now = analyse(simulate("monday.pcap", 7, 0), List.of());
      now.external().forEach(e -> monday.put(e.ip().toString(), e));
      for (ExternalTrafficRow t : now.externalSeen().traffic()) {
        mondayTraffic
            .computeIfAbsent(t.ip().toString(), k -> new HashMap<>())
            .put(t.deviceKey(), new long[] {t.flows(), t.packets(), t.bytes()});
      }
      List<String> both = stale.keySet().stream().filter(monday::containsKey).toList();
      assertThat(both).as("stale devices that Monday shows as endpoints").hasSizeGreaterThan(6);
      stale.keySet().retainAll(both);
      remediated = both.get(0);
      cmdbPlaced = both.get(1);
      referenced = both.get(2);
      clinical = both.get(3);
      vulnerable = both.get(4);
      moved = both.subList(5, both.size());
    }

    @AfterAll
    void stop() {
      if (server != null) {
        server.server().close();
      }
    }

    Path simulate(String name, long seed, long days) throws Exception {
      Path pcap = dir.resolve(name);
      try (var out = Files.newOutputStream(pcap)) {
        new HospitalSimulator(
                new SimulationConfig(
                    80,
                    3,
                    seed,
                    List.of(),
                    SimulationConfig.DEFAULT_START_EPOCH_MILLIS + days * 86_400_000L))
            .run(out, Optional.empty());
      }
      return pcap;
    }

    static CapturePipeline.Result analyse(Path pcap, List<IpNetwork> internal) throws Exception {
      return new CapturePipeline(KnowledgeBase.load(Optional.empty()), 1, internal)
          .analyze(pcap, pcap.getFileName().toString(), ProgressListener.NONE);
    }

    static CaptureFacts facts(Path pcap, CapturePipeline.Result r) throws Exception {
      String sha =
          java.util.HexFormat.of()
              .formatHex(
                  java.security.MessageDigest.getInstance("SHA-256")
                      .digest(Files.readAllBytes(pcap)));
      return new CaptureFacts(
          sha,
          sha,
          pcap.getFileName().toString(),
          Files.size(pcap),
          r.summary().format(),
          false,
          r.summary().packets(),
          r.summary().bytes(),
          r.summary().flows(),
          r.observations(),
          Optional.empty(),
          Optional.empty(),
          List.of());
    }

    void readStaleDevices() {
      server
          .jdbc()
          .sql(
              "SELECT id, device_key, hostnames, first_seen, last_seen FROM device"
                  + " WHERE device_key LIKE 'ip:%' AND mac = ''")
          .query(
              rs -> {
                String key = rs.getString("device_key");
                String ip = key.substring(3);
                if (INTERNET.stream()
                    .anyMatch(n -> n.contains(io.ward.model.IpAddress.parse(ip)))) {
                  stale.put(
                      ip,
                      new Stale(
                          rs.getLong("id"),
                          key,
                          ip,
                          set(rs.getString("hostnames")),
                          instant(rs.getObject("first_seen", OffsetDateTime.class)),
                          instant(rs.getObject("last_seen", OffsetDateTime.class)),
                          new HashMap<>()));
                }
              });
      for (Stale s : stale.values()) {
        server
            .jdbc()
            .sql(
                "SELECT d.device_key, f.flows, f.packets, f.bytes FROM flow_hour f JOIN device d"
                    + " ON d.id = CASE WHEN f.client_device_id = ? THEN f.server_device_id"
                    + " ELSE f.client_device_id END"
                    + " WHERE f.client_device_id = ? OR f.server_device_id = ?")
            .params(s.id(), s.id(), s.id())
            .query(
                rs -> {
                  long[] t = {rs.getLong(2), rs.getLong(3), rs.getLong(4)};
                  add(s.peers().computeIfAbsent(rs.getString(1), k -> new long[3]), t);
                });
      }
      assertThat(stale.values())
          .as("the old server's internet hosts and their traffic with the devices")
          .isNotEmpty()
          .allSatisfy(s -> assertThat(s.peers()).isNotEmpty());
    }

    static Set<String> set(String csv) {
      return csv.isEmpty() ? new TreeSet<>() : new TreeSet<>(List.of(csv.split(",")));
    }

    static Instant instant(OffsetDateTime t) {
      return t.toInstant();
    }

    JsonNode ok(HttpResponse<String> r) {
      assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
      return Http.json(r.body());
    }

    long id(String ip) {
      return stale.get(ip).id();
    }

    JsonNode upload(Http http, Path pcap) throws Exception {
      HttpResponse<String> r =
          http.upload(
              "/api/v1/captures", "file", pcap.getFileName().toString(), Files.readAllBytes(pcap));
      assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
      JsonNode job = Fixtures.awaitJob(http, Http.json(r.body()).get("id").asLong());
      assertThat(job.get("state").asString()).as(job.toString()).isEqualTo("succeeded");
      return job;
    }

    long devicesInApi() throws Exception {
      return ok(auditor.get("/api/v1/devices?limit=1&total=true")).get("total").asLong();
    }

    Map<String, JsonNode> endpointsInApi() throws Exception {
      JsonNode page = ok(auditor.get("/api/v1/external-endpoints?limit=500&total=true"));
      Map<String, JsonNode> out = new TreeMap<>();
      page.get("items").forEach(e -> out.put(e.get("ip").asString(), e));
      assertThat(page.get("total").asLong()).isEqualTo(out.size());
      return out;
    }

    boolean deviceStored(String key) {
      return server
              .jdbc()
              .sql("SELECT COUNT(*) FROM device WHERE device_key = ?")
              .param(key)
              .query(Long.class)
              .single()
          > 0;
    }

    List<String> audited(String action, String target) {
      return server
          .jdbc()
          .sql(
              "SELECT detail FROM audit_log WHERE actor = 'system' AND action = ? AND target = ?"
                  + " ORDER BY seq")
          .params(action, target)
          .query(String.class)
          .list();
    }

    /** The captures that showed the endpoint at {@code ip} (its sightings). */
    long captures(String ip) {
      return server
          .jdbc()
          .sql(
              "SELECT COUNT(*) FROM external_endpoint_sighting s JOIN external_endpoint e"
                  + " ON e.id = s.endpoint_id WHERE e.ip = ?")
          .param(ip)
          .query(Long.class)
          .single();
    }

    /** The links of the endpoint at {@code ip}: device key to flows, packets, bytes. */
    Map<String, long[]> links(String ip) {
      Map<String, long[]> out = new TreeMap<>();
      server
          .jdbc()
          .sql(
              "SELECT d.device_key, l.flows, l.packets, l.bytes FROM external_endpoint_device l"
                  + " JOIN device d ON d.id = l.device_id"
                  + " JOIN external_endpoint e ON e.id = l.endpoint_id WHERE e.ip = ?")
          .param(ip)
          .query(
              rs -> {
                out.put(rs.getString(1), new long[] {rs.getLong(2), rs.getLong(3), rs.getLong(4)});
              });
      return out;
    }

    @Test
    @Order(1)
    void shouldMoveStaleInternetHostDevicesToTheirExternalEndpointsWithTheirTraffic()
        throws Exception {
      // Work people attached: a remediation record, a site from the CMDB, and rows of a table
      // this version does not know (a later one's, say) that refer to the device.
      HttpResponse<String> r =
          analyst.json(
              "POST",
              "/api/v1/remediations",
              Http.json(
                  Map.of(
                      "title", "Check what talks to " + remediated,
                      "findingIds", List.of(),
                      "deviceIds", List.of(id(remediated)))));
      assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
      server
          .jdbc()
          .sql("INSERT INTO site (name, created_at) VALUES ('Data centre', CURRENT_TIMESTAMP)")
          .update();
      server
          .jdbc()
          .sql("UPDATE device SET site_id = (SELECT id FROM site WHERE name = ?) WHERE id = ?")
          .params("Data centre", id(cmdbPlaced))
          .update();
      server
          .jdbc()
          .sql("CREATE TABLE later_device_tag (device_id BIGINT NOT NULL REFERENCES device (id))")
          .update();
      server
          .jdbc()
          .sql("INSERT INTO later_device_tag (device_id) VALUES (?)")
          .param(id(referenced))
          .update();
      // An internet host the old server saw speak HL7 (a cloud interface engine): a device.
      server
          .jdbc()
          .sql(
              "UPDATE device SET protocols_server = CASE WHEN protocols_server = '' THEN 'hl7'"
                  + " ELSE protocols_server || ',hl7' END WHERE id = ?")
          .param(id(clinical))
          .update();
      // An open finding: the host may be a vulnerable device in a range nobody declared internal.
      io.ward.server.api.Fixtures.finding(server, id(vulnerable), "CVE-2099-5501", 70, false);
      devicesBefore = devicesInApi();

      mondayJob = upload(analyst, dir.resolve("monday.pcap"));

      String message = mondayJob.get("message").asString();
      assertThat(message)
          .contains(moved.size() + " stale internet-host devices moved to external endpoints")
          .contains("4 internet-host devices kept for the work attached to them: ")
          .contains("ip:" + vulnerable + " (open findings)")
          .contains("ip:" + remediated + " (remediation records)")
          .contains("ip:" + cmdbPlaced + " (CMDB data)")
          .contains("ip:" + referenced + " (other records referring to it)")
          // The clinical device held its address already: no endpoint was stored there.
          .doesNotContain("removed, a device holds");
      for (String ip : moved) {
        Stale s = stale.get(ip);
        assertThat(deviceStored(s.key())).as(s.key()).isFalse();
        for (String table :
            List.of("device_sighting", "device_evidence", "device_change", "device_hour")) {
          assertThat(
                  server
                      .jdbc()
                      .sql("SELECT COUNT(*) FROM " + table + " WHERE device_id = ?")
                      .param(s.id())
                      .query(Long.class)
                      .single())
              .as(table + " of " + s.key())
              .isZero();
        }
        assertThat(
                server
                    .jdbc()
                    .sql(
                        "SELECT COUNT(*) FROM flow_hour WHERE client_device_id = ?"
                            + " OR server_device_id = ?")
                    .params(s.id(), s.id())
                    .query(Long.class)
                    .single())
            .isZero();

        // The endpoint holds Monday's traffic and the old device's, with each device.
        ExternalEndpoint e = monday.get(ip);
        Map<String, long[]> expected = new TreeMap<>();
        e.deviceIds().forEach(k -> expected.put(k, new long[3]));
        mondayTraffic
            .getOrDefault(ip, Map.of())
            .forEach((k, t) -> add(expected.computeIfAbsent(k, x -> new long[3]), t));
        s.peers().forEach((k, t) -> add(expected.computeIfAbsent(k, x -> new long[3]), t));
        Map<String, long[]> links = links(ip);
        assertThat(links.keySet()).as(ip).isEqualTo(expected.keySet());
        expected.forEach(
            (k, t) -> assertThat(links.get(k)).as(ip + " with " + k).containsExactly(t));
        long[] total = s.total();
        Map<String, Object> row =
            server
                .jdbc()
                .sql(
                    "SELECT flows, packets, bytes, device_count, hostnames, first_seen, last_seen"
                        + " FROM external_endpoint WHERE ip = ?")
                .param(ip)
                .query()
                .singleRow();
        assertThat(List.of(row.get("flows"), row.get("packets"), row.get("bytes")))
            .as(ip + " flows, packets, bytes")
            .containsExactly(e.flows() + total[0], e.packets() + total[1], e.bytes() + total[2]);
        assertThat(((Number) row.get("device_count")).intValue()).isEqualTo(expected.size());
        assertThat(captures(ip)).as("captures of " + ip + ": Saturday's and Monday's").isEqualTo(2);
        assertThat(set((String) row.get("hostnames")))
            .containsAll(s.hostnames())
            .containsAll(e.hostnames());
        Instant first = ExternalEndpointIngestTest.micros(e.firstSeenEpochNanos());
        Instant last = ExternalEndpointIngestTest.micros(e.lastSeenEpochNanos());
        assertThat(timestamp(row.get("first_seen")))
            .isEqualTo(first.isBefore(s.firstSeen()) ? first : s.firstSeen());
        assertThat(timestamp(row.get("last_seen")))
            .isEqualTo(last.isAfter(s.lastSeen()) ? last : s.lastSeen());

        assertThat(audited("device.remove", "device:" + s.id()))
            .singleElement()
            .asString()
            .startsWith(s.key() + " moved to the external endpoints: monday.pcap (capture ")
            .contains(ip + " is an internet host")
            .contains(
                "its traffic with "
                    + s.peers().size()
                    + " devices ("
                    + total[0]
                    + " flows, "
                    + total[1]
                    + " packets, "
                    + total[2]
                    + " bytes)");
      }
      assertThat(
              server
                  .jdbc()
                  .sql(
                      "SELECT COUNT(*) FROM audit_log WHERE action = 'ingest.capture' AND detail"
                          + " LIKE ?")
                  .param("%stale internet-host devices moved to external endpoints%")
                  .query(Long.class)
                  .single())
          .isEqualTo(1);
    }

    static Instant timestamp(Object value) {
      return value instanceof OffsetDateTime t
          ? t.toInstant()
          : ((java.sql.Timestamp) value).toInstant().truncatedTo(ChronoUnit.MICROS);
    }

    @Test
    @Order(2)
    void shouldKeepDevicesPeopleWorkedOnAndTheirEndpointsAsTheCaptureShowedThem() throws Exception {
      for (String ip : List.of(remediated, cmdbPlaced, referenced, vulnerable)) {
        Stale s = stale.get(ip);
        assertThat(deviceStored(s.key())).as(s.key()).isTrue();
        assertThat(audited("device.remove", "device:" + s.id())).isEmpty();
        // The endpoint is Monday's alone: nothing of the device was added to it.
        ExternalEndpoint e = monday.get(ip);
        assertThat(
                server
                    .jdbc()
                    .sql("SELECT flows FROM external_endpoint WHERE ip = ?")
                    .param(ip)
                    .query(Long.class)
                    .single())
            .as(ip)
            .isEqualTo(e.flows());
        assertThat(
                server
                    .jdbc()
                    .sql(
                        "SELECT COUNT(*) FROM flow_hour WHERE client_device_id = ?"
                            + " OR server_device_id = ?")
                    .params(s.id(), s.id())
                    .query(Long.class)
                    .single())
            .as("flow hours of " + s.key())
            .isPositive();
      }
      for (String ip : List.of(remediated, cmdbPlaced, referenced, vulnerable)) {
        assertThat(captures(ip)).as("captures of the endpoint at " + ip).isEqualTo(1);
      }
      JsonNode device = ok(auditor.get("/api/v1/devices/" + id(remediated)));
      assertThat(device.get("device").get("key").asString()).isEqualTo("ip:" + remediated);
      assertThat(
              server
                  .jdbc()
                  .sql("SELECT COUNT(*) FROM remediation_device WHERE device_id = ?")
                  .param(id(remediated))
                  .query(Long.class)
                  .single())
          .isEqualTo(1);
    }

    @Test
    @Order(3)
    void shouldStoreNoEndpointAtAnAddressAClinicalDeviceHolds() throws Exception {
      Stale s = stale.get(clinical);
      assertThat(deviceStored(s.key())).isTrue();
      assertThat(
              server
                  .jdbc()
                  .sql("SELECT COUNT(*) FROM external_endpoint WHERE ip = ?")
                  .param(clinical)
                  .query(Long.class)
                  .single())
          .isZero();
      // Held by the device before Monday showed it behind the router: never stored, so neither
      // removed nor audited.
      assertThat(
              server
                  .jdbc()
                  .sql(
                      "SELECT detail FROM audit_log WHERE actor = 'system'"
                          + " AND action = 'external-endpoint.remove' AND detail LIKE ?")
                  .param(clinical + " %")
                  .query(String.class)
                  .list())
          .isEmpty();
      assertThat(captures(clinical)).isZero();
    }

    @Test
    @Order(4)
    void shouldCountInTheApiWhatIsStored() throws Exception {
      assertThat(devicesInApi())
          .isEqualTo(devicesBefore + mondayJob.get("devicesAdded").asLong() - moved.size())
          .isEqualTo(server.count("device"));
      Map<String, JsonNode> endpoints = endpointsInApi();
      Set<String> expected = new TreeSet<>(monday.keySet());
      expected.remove(clinical);
      assertThat(endpoints.keySet()).isEqualTo(expected);
      for (String ip : moved) {
        Map<String, long[]> links = links(ip);
        long flows = links.values().stream().mapToLong(t -> t[0]).sum();
        assertThat(endpoints.get(ip).get("flows").asLong()).as(ip).isEqualTo(flows);
        assertThat(endpoints.get(ip).get("deviceCount").asInt()).as(ip).isEqualTo(links.size());
        // Saturday's capture saw the host as a device, Monday's as the endpoint: both count.
        assertThat(endpoints.get(ip).get("captures").asInt()).as(ip).isEqualTo(2);
      }
      // A moved host's address finds no device, and its endpoint.
      String ip = moved.get(0);
      assertThat(ok(auditor.get("/api/v1/devices?q=" + ip + "&total=true")).get("total").asLong())
          .isZero();
      assertThat(
              ok(auditor.get("/api/v1/external-endpoints?q=" + ip + "&total=true"))
                  .get("total")
                  .asLong())
          .isEqualTo(1);
    }

    @Test
    @Order(5)
    void shouldNameAKeptDeviceAgainOnlyWhenTheWorkKeepingItChanges() throws Exception {
      // Monday kept each for its work, named in its job message, and audited that once.
      for (String ip : List.of(remediated, cmdbPlaced, referenced, vulnerable)) {
        assertThat(audited("device.keep", "device:" + id(ip)))
            .as(ip)
            .singleElement()
            .asString()
            .startsWith("ip:" + ip + " kept as a device for the work attached to it (")
            .contains("although monday.pcap (capture " + mondayJob.get("captureId").asLong())
            .contains(ip + " is an internet host");
      }
      Set<String> kept = Set.of(remediated, cmdbPlaced, referenced, vulnerable);
      Path wednesday = simulate("wednesday.pcap", 7, 2);
      Set<String> shown = new TreeSet<>();
      analyse(wednesday, List.of()).external().forEach(e -> shown.add(e.ip().toString()));
      assertThat(shown).as("Wednesday shows the kept devices' addresses again").containsAll(kept);

      JsonNode job = upload(analyst, wednesday);

      assertThat(job.get("message").asString()).doesNotContain("kept for the work");
      for (String ip : kept) {
        assertThat(deviceStored("ip:" + ip)).as(ip).isTrue();
        assertThat(audited("device.keep", "device:" + id(ip))).as(ip).hasSize(1);
      }

      // Other work on one of them: named again, with all its work, and audited.
      io.ward.server.api.Fixtures.finding(server, id(remediated), "CVE-2099-5502", 70, false);
      Path thursday = simulate("thursday.pcap", 7, 3);

      job = upload(analyst, thursday);

      assertThat(job.get("message").asString())
          .contains(
              "1 internet-host device kept for the work attached to it: ip:"
                  + remediated
                  + " (remediation records, open findings)");
      assertThat(audited("device.keep", "device:" + id(remediated)))
          .hasSize(2)
          .last()
          .asString()
          .contains("(remediation records, open findings; it was kept for other work before)")
          .contains("thursday.pcap (capture " + job.get("captureId").asLong() + ")");
      for (String ip : List.of(cmdbPlaced, referenced, vulnerable)) {
        assertThat(audited("device.keep", "device:" + id(ip))).as(ip).hasSize(1);
      }
    }

    @Test
    @Order(6)
    void shouldRemoveAnEndpointWhenALaterCaptureFindsADeviceAtItsAddress() throws Exception {
      // The operator declares the Windows cloud range internal: its hosts are devices from now on.
      IpNetwork declared = INTERNET.get(0);
      Path tuesday = simulate("tuesday.pcap", 8, 1);
      CapturePipeline.Result analysed = analyse(tuesday, List.of(declared));
      Set<String> found = new TreeSet<>();
      for (var d : analysed.devices()) {
        if (d.id().startsWith("ip:")
            && declared.contains(io.ward.model.IpAddress.parse(d.id().substring(3)))) {
          found.add(d.id().substring(3));
        }
      }
      Map<String, JsonNode> before = endpointsInApi();
      Set<String> held = new TreeSet<>(found);
      held.retainAll(before.keySet());
      assertThat(held).as("endpoints Tuesday finds as devices").isNotEmpty();
      // The clinical device's address, behind the router again, is still the device's: no
      // endpoint is stored there, so none is removed.
      Set<String> removed = new TreeSet<>(held);

      JsonNode job;
      try (RunningServer declaring =
          server.another(Map.of("ward.ingest.internal-nets", declared.toString()))) {
        job = upload(Http.bearer(declaring.url(), server.token(Role.SECURITY_ANALYST)), tuesday);
      }

      assertThat(job.get("message").asString())
          .contains(
              removed.size()
                  + (removed.size() == 1
                      ? " external endpoint removed, a device holds its address: "
                      : " external endpoints removed, devices hold their addresses: ")
                  + String.join(", ", removed));
      Map<String, JsonNode> after = endpointsInApi();
      assertThat(after.keySet()).doesNotContainAnyElementsOf(removed).doesNotContain(clinical);
      assertThat(
              server
                  .jdbc()
                  .sql(
                      "SELECT COUNT(*) FROM audit_log WHERE action = 'external-endpoint.remove'"
                          + " AND detail LIKE ?")
                  .param(clinical + " %")
                  .query(Long.class)
                  .single())
          .as("removals of an endpoint at the clinical device's address")
          .isZero();
      for (String ip : held) {
        assertThat(deviceStored("ip:" + ip)).as(ip).isTrue();
        long endpointId = before.get(ip).get("id").asLong();
        assertThat(audited("external-endpoint.remove", "external-endpoint:" + endpointId))
            .singleElement()
            .asString()
            .startsWith(ip + " (")
            .contains(
                "tuesday.pcap (capture "
                    + job.get("captureId").asLong()
                    + ") found device ip:"
                    + ip
                    + " there (it lies in "
                    + declared
                    + ", declared internal)")
            .contains(before.get(ip).get("flows").asLong() + " flows");
      }
      assertThat(
              ok(auditor.get("/api/v1/external-endpoints?limit=1&total=true"))
                  .get("total")
                  .asLong())
          .isEqualTo(server.count("external_endpoint"));
      assertThat(devicesInApi()).isEqualTo(server.count("device"));
    }
  }
}

package io.ward.server.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.ward.model.Category;
import io.ward.model.Criticality;
import io.ward.server.RunningServer;
import io.ward.server.TestStore;
import io.ward.server.WardServer;
import io.ward.server.audit.Actor;
import io.ward.server.inventory.StoredDevices;
import io.ward.server.security.Role;
import io.ward.server.security.TokenService;
import io.ward.server.security.UserService;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code POST /api/v1/cmdb} with a column mapping in the part {@code mapping}: an export whose
 * headers neither bundled mapping knows (semicolons, "Maker", "Type"…) is read by the mapping sent
 * with it; a mapping that cannot be read fails the job, naming the mapping file, and nothing stored
 * changes. Each database gets a server of its own, since a CMDB import replaces the conflicts of
 * the previous one.
 */
class CmdbMappingApiTest {
  static final String MAC = "00:0a:0b:00:61:01";
  static final String EXPORT =
      "Tag;Maker;Type;Serial;Network card\n"
          + "A-61;Philips;IntelliVue MX450;SN-6101;00:0A:0B:00:61:01\n"
          + "A-62;GE;Carescape B650;SN-6102;02:00:00:61:61:62\n";
  static final String MAPPING =
      "name: biomed-sheet\n"
          + "delimiter: \";\"\n"
          + "columns:\n"
          + "  assetTag: Tag\n"
          + "  manufacturer: Maker\n"
          + "  model: [Type, \"Model number\"]\n"
          + "  serial: Serial\n"
          + "  mac: Network card\n";

  @Nested
  class OnH2 extends Contract {
    @Override
    TestStoreSettings settings(Path dir) {
      return new TestStoreSettings(TestStore.h2Settings(dir), Optional.empty());
    }
  }

  @Nested
  @EnabledIfEnvironmentVariable(named = "WARD_TEST_POSTGRES", matches = "1")
  class OnPostgres extends Contract {
    @Override
    TestStoreSettings settings(Path dir) {
      String schema = TestStore.newSchemaName();
      return new TestStoreSettings(TestStore.postgresSettings(dir, schema), Optional.of(schema));
    }
  }

  record TestStoreSettings(io.ward.server.ServerSettings settings, Optional<String> schema) {}

  @TestInstance(TestInstance.Lifecycle.PER_CLASS)
  abstract static class Contract {
    final HttpClient client = HttpClient.newHttpClient();
    RunningServer server;
    Optional<String> schema;
    String token;

    abstract TestStoreSettings settings(Path dir);

    @BeforeAll
    void start() throws Exception {
      TestStoreSettings s = settings(Files.createTempDirectory("ward-cmdb-mapping-"));
      schema = s.schema();
      server = WardServer.start(s.settings());
      String name = "t-analyst";
      server
          .context()
          .getBean(UserService.class)
          .create(name, "correct horse battery staple", Role.SECURITY_ANALYST, Actor.system());
      token =
          server
              .context()
              .getBean(TokenService.class)
              .create(name, "tests", Actor.system())
              .secret();
      server
          .context()
          .getBean(io.ward.server.inventory.InventoryWriter.class)
          .merge(
              StoredDevices.capture("6".repeat(64)),
              List.of(
                  StoredDevices.device(
                      MAC,
                      "10.61.0.1",
                      "Philips",
                      null,
                      null,
                      Category.PATIENT_MONITOR,
                      Criticality.HIGH,
                      1_600_000_000_000_000_000L,
                      List.of())),
              List.of(),
              0,
              "tester");
    }

    @AfterAll
    void stop() throws Exception {
      server.close();
      if (schema.isPresent()) {
        TestStore.dropSchema(schema.get());
      }
    }

    JdbcClient jdbc() {
      return server.context().getBean(JdbcClient.class);
    }

    /** Posts the files (part name to file name and content) as one multipart request. */
    HttpResponse<String> post(Map<String, Map.Entry<String, String>> parts) throws Exception {
      String boundary = "----ward" + UUID.randomUUID().toString().replace("-", "");
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      parts.forEach(
          (part, file) ->
              out.writeBytes(
                  ("--"
                          + boundary
                          + "\r\nContent-Disposition: form-data; name=\""
                          + part
                          + "\"; filename=\""
                          + file.getKey()
                          + "\"\r\nContent-Type: application/octet-stream\r\n\r\n"
                          + file.getValue()
                          + "\r\n")
                      .getBytes(StandardCharsets.UTF_8)));
      out.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
      return client.send(
          HttpRequest.newBuilder(URI.create(server.url() + "/api/v1/cmdb"))
              .header("Authorization", "Bearer " + token)
              .header("Accept", "application/json")
              .header("Content-Type", "multipart/form-data; boundary=" + boundary)
              .POST(HttpRequest.BodyPublishers.ofByteArray(out.toByteArray()))
              .build(),
          HttpResponse.BodyHandlers.ofString());
    }

    /** Uploads the export with a mapping (or none) and waits for the job; returns it as JSON. */
    JsonNode importWith(String mappingName, String mapping) throws Exception {
      Map<String, Map.Entry<String, String>> parts = new LinkedHashMap<>();
      parts.put("file", Map.entry("biomed-export.csv", EXPORT));
      if (mappingName != null) {
        parts.put("mapping", Map.entry(mappingName, mapping));
      }
      HttpResponse<String> r = post(parts);
      assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
      long id = JsonMapper.builder().build().readTree(r.body()).get("id").asLong();
      Job done = server.context().getBean(JobService.class).await(id, Duration.ofMinutes(5)).get();
      assertThat(done.state().finished()).as(done.toString()).isTrue();
      HttpResponse<String> job =
          client.send(
              HttpRequest.newBuilder(URI.create(server.url() + "/api/v1/jobs/" + id))
                  .header("Authorization", "Bearer " + token)
                  .header("Accept", "application/json")
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      return JsonMapper.builder().build().readTree(job.body());
    }

    /** What a CMDB import can change, to compare before and after a failed one. */
    List<Map<String, Object>> stored() {
      return List.of(
          jdbc()
              .sql("SELECT * FROM device WHERE device_key = ?")
              .param("mac:" + MAC)
              .query()
              .singleRow(),
          Map.of(
              "changes",
              jdbc().sql("SELECT COUNT(*) FROM device_change").query(Long.class).single(),
              "evidence",
              jdbc().sql("SELECT COUNT(*) FROM device_evidence").query(Long.class).single(),
              "conflicts",
              jdbc().sql("SELECT COUNT(*) FROM cmdb_conflict").query(Long.class).single()));
    }

    @Test
    void shouldFailABadMappingNamingItAndStoreNothing() throws Exception {
      List<Map<String, Object>> before = stored();

      JsonNode noColumns = importWith("biomed-mapping.yaml", "name: biomed\ndelimiter: \";\"\n");
      assertThat(noColumns.get("state").asString()).isEqualTo("failed");
      assertThat(noColumns.get("message").asString())
          .contains("biomed-mapping.yaml")
          .contains("'columns'")
          .endsWith("nothing was stored");

      JsonNode broken = importWith("broken.yaml", "columns: [Tag, \n  manufacturer: {");
      assertThat(broken.get("state").asString()).isEqualTo("failed");
      assertThat(broken.get("message").asString())
          .contains("broken.yaml")
          .endsWith("nothing was stored");

      JsonNode wideDelimiter =
          importWith("wide.yaml", "delimiter: \";;\"\ncolumns:\n  serial: S\n");
      assertThat(wideDelimiter.get("message").asString())
          .contains("wide.yaml")
          .contains("delimiter must be one character");

      assertThat(stored()).isEqualTo(before);
    }

    @Test
    void shouldReadAnExportWithTheColumnsItsMappingNames() throws Exception {
      // Without the mapping neither bundled one finds the columns: nothing is read.
      JsonNode without = importWith(null, null);
      assertThat(without.get("state").asString()).isEqualTo("failed");
      assertThat(
              jdbc()
                  .sql("SELECT serial FROM device WHERE device_key = ?")
                  .param("mac:" + MAC)
                  .query(String.class)
                  .single())
          .isNotEqualTo("SN-6101");

      JsonNode with = importWith("biomed-mapping.yaml", MAPPING);
      assertThat(with.get("state").asString()).as(with.toString()).isEqualTo("succeeded");
      assertThat(with.get("message").asString())
          .contains("2 CMDB assets")
          .contains("1 matched to devices, 1 not seen on the network");
      Map<String, Object> device =
          jdbc()
              .sql("SELECT serial, model FROM device WHERE device_key = ?")
              .param("mac:" + MAC)
              .query()
              .singleRow();
      assertThat(device.get("serial")).isEqualTo("SN-6101");
      assertThat(device.get("model")).isEqualTo("IntelliVue MX450");
      // The mapping went with its export: nothing of either is left in the uploads.
      Path cmdbUploads =
          server
              .context()
              .getBean(io.ward.server.config.WardProperties.class)
              .dataDirectory()
              .resolve("uploads")
              .resolve(JobKind.CMDB.uploadDir());
      try (var files = Files.list(cmdbUploads)) {
        assertThat(files.toList()).isEmpty();
      }
    }
  }
}

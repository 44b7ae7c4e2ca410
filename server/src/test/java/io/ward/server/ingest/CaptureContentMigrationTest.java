package io.ward.server.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.ward.server.ServerSettings;
import io.ward.server.TestData;
import io.ward.server.TestStore;
import io.ward.server.audit.Actor;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.Optional;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * Captures stored before content hashes (V202612011000): an uncompressed one gets its upload hash
 * as content hash, so the same capture sent gzip-compressed is already ingested; a gzip one keeps
 * none (its upload is gone) and the very same .gz sent again is still found by its upload hash.
 */
class CaptureContentMigrationTest {
  /** The last version before content hashes. */
  static final String BEFORE = "202611301100";

  @Test
  void shouldKeyStoredCapturesByContentOnH2() throws Exception {
    Path dir = Files.createTempDirectory("ward-test-");
    check(TestStore.h2Settings(dir), Optional.empty(), "h2");
  }

  @Test
  @EnabledIfEnvironmentVariable(named = "WARD_TEST_POSTGRES", matches = "1")
  void shouldKeyStoredCapturesByContentOnPostgres() throws Exception {
    Path dir = Files.createTempDirectory("ward-test-");
    String schema = TestStore.newSchemaName();
    check(TestStore.postgresSettings(dir, schema), Optional.of(schema), "postgresql");
  }

  private void check(ServerSettings settings, Optional<String> schema, String vendor)
      throws Exception {
    byte[] modbus = Files.readAllBytes(TestData.file("pcaps/ndpi/modbus.pcap"));
    byte[] hl7Gz = Gzip.plain(Files.readAllBytes(TestData.file("pcaps/ndpi/hl7.pcap")));
    DriverManagerDataSource ds =
        new DriverManagerDataSource(
            settings.dbUrl().orElseThrow(),
            settings.dbUser().orElse(""),
            settings.dbPassword().orElse(""));
    var flyway =
        Flyway.configure()
            .dataSource(ds)
            .locations("classpath:db/migration/common", "classpath:db/migration/" + vendor)
            .target(BEFORE);
    schema.ifPresent(s -> flyway.schemas(s).createSchemas(true));
    flyway.load().migrate();
    String table = schema.map(s -> s + ".capture").orElse("capture");
    JdbcClient jdbc = JdbcClient.create(ds);
    long plain = storedBefore(jdbc, table, "modbus.pcap", sha256(modbus), false);
    long gzip = storedBefore(jdbc, table, "hl7.pcap.gz", sha256(hl7Gz), true);

    try (TestStore store = TestStore.on(settings, schema)) {
      assertThat(contentHash(store, plain)).isEqualTo(sha256(modbus));
      assertThat(contentHash(store, gzip)).isNull();

      Actor actor = new Actor("tester", "127.0.0.1");
      IngestService ingest = store.bean(IngestService.class);
      Job compressed =
          store.finished(
              ingest
                  .submitCapture(
                      new ByteArrayInputStream(Gzip.plain(modbus)), "modbus.pcap.gz", actor)
                  .id());
      assertThat(compressed.message())
          .isEqualTo("already ingested as capture " + plain + "; nothing changed");
      Job again =
          store.finished(
              ingest.submitCapture(new ByteArrayInputStream(hl7Gz), "hl7.pcap.gz", actor).id());
      assertThat(again.message())
          .isEqualTo("already ingested as capture " + gzip + "; nothing changed");
      assertThat(store.count("capture")).isEqualTo(2);
      assertThat(store.count("flow_hour")).isZero();
    }
  }

  /** A capture row as Ward stored it before content hashes. */
  private static long storedBefore(
      JdbcClient jdbc, String table, String filename, String sha256, boolean gzip) {
    jdbc.sql(
            "INSERT INTO "
                + table
                + " (sha256, filename, size_bytes, format, gzip, packets, wire_bytes, flows,"
                + " observations, devices, ingested_by, ingested_at)"
                + " VALUES (?, ?, 100, 'pcap', ?, 1, 100, 1, 1, 1, 'tester', ?)")
        .params(sha256, filename, gzip, OffsetDateTime.now(ZoneOffset.UTC))
        .update();
    return jdbc.sql("SELECT id FROM " + table + " WHERE sha256 = ?")
        .param(sha256)
        .query(Long.class)
        .single();
  }

  private static String contentHash(TestStore store, long id) {
    return store
        .jdbc()
        .sql("SELECT content_sha256 FROM capture WHERE id = ?")
        .param(id)
        .query(String.class)
        .list()
        .get(0);
  }

  private static String sha256(byte[] bytes) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
  }
}

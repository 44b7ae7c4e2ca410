package io.ward.server;

import io.ward.server.ingest.Job;
import io.ward.server.ingest.JobService;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A store of its own for one test class: an in-memory H2 database, or a fresh schema in the real
 * PostgreSQL (127.0.0.1:5432, database {@code test}, trust auth), dropped on close. PostgreSQL runs
 * when {@code WARD_TEST_POSTGRES=1}; then an unreachable server fails the test, never skips it.
 */
public final class TestStore implements AutoCloseable {
  /** The PostgreSQL test database. */
  public static final String PG_URL = "jdbc:postgresql://127.0.0.1:5432/test";

  private final ConfigurableApplicationContext context;
  private final ServerSettings settings;
  private final Optional<String> pgSchema;
  private final Path dataDir;

  private TestStore(ServerSettings settings, Optional<String> pgSchema, Path dataDir)
      throws ServerStartException {
    this(settings, pgSchema, dataDir, Map.of());
  }

  private TestStore(
      ServerSettings settings, Optional<String> pgSchema, Path dataDir, Map<String, String> more)
      throws ServerStartException {
    this.settings = settings;
    this.pgSchema = pgSchema;
    this.dataDir = dataDir;
    Map<String, Object> props = WardServer.properties(settings);
    props.put("ward.background", "false");
    props.put("ward.db.pool-size", "4");
    props.putAll(more);
    this.context = WardServer.run(settings, WebApplicationType.NONE, props);
  }

  /**
   * Another Ward process on this store's database, as a restart would start it (background work on:
   * recovery of jobs left unfinished); the caller closes it.
   */
  public ConfigurableApplicationContext startAnotherProcess() throws ServerStartException {
    Map<String, Object> props = WardServer.properties(settings);
    props.put("ward.background", "true");
    props.put("ward.feeds.refresh", "0s");
    props.put("ward.db.pool-size", "2");
    return WardServer.run(settings, WebApplicationType.NONE, props);
  }

  /** True when the PostgreSQL runs are asked for. */
  public static boolean postgresEnabled() {
    return "1".equals(System.getenv("WARD_TEST_POSTGRES"));
  }

  /** The PostgreSQL user: {@code WARD_TEST_PG_USER}, else {@code postgres}. */
  public static String pgUser() {
    return Optional.ofNullable(System.getenv("WARD_TEST_PG_USER")).orElse("postgres");
  }

  /** Settings for an in-memory H2 database of its own. */
  public static ServerSettings h2Settings(Path dataDir) {
    String name = "ward_" + UUID.randomUUID().toString().replace("-", "");
    return ServerSettings.fromEnvironment()
        .withPort(0)
        .withDataDir(dataDir)
        .withDatabase(
            "jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE",
            Optional.empty(),
            Optional.empty());
  }

  /** Settings for a new schema of its own in the test PostgreSQL. */
  public static ServerSettings postgresSettings(Path dataDir, String schema) {
    return ServerSettings.fromEnvironment()
        .withPort(0)
        .withDataDir(dataDir)
        .withDatabase(PG_URL, Optional.of(pgUser()), Optional.empty())
        .withSchema(schema);
  }

  /** A store on H2. */
  public static TestStore h2() throws Exception {
    Path dir = Files.createTempDirectory("ward-test-");
    return new TestStore(h2Settings(dir), Optional.empty(), dir);
  }

  /** A store in a new PostgreSQL schema. */
  public static TestStore postgres() throws Exception {
    Path dir = Files.createTempDirectory("ward-test-");
    String schema = newSchemaName();
    return new TestStore(postgresSettings(dir, schema), Optional.of(schema), dir);
  }

  /**
   * A store on PostgreSQL (a new schema) or H2 with further {@code ward.*} settings, e.g. {@code
   * ward.ingest.threads}.
   */
  public static TestStore open(boolean postgres, Map<String, String> more) throws Exception {
    Path dir = Files.createTempDirectory("ward-test-");
    if (!postgres) {
      return new TestStore(h2Settings(dir), Optional.empty(), dir, more);
    }
    String schema = newSchemaName();
    return new TestStore(postgresSettings(dir, schema), Optional.of(schema), dir, more);
  }

  /**
   * A store on a database a test prepared beforehand (migrated to an older version, say): the
   * in-memory H2 or PostgreSQL schema {@code settings} name, the schema dropped on close.
   */
  public static TestStore on(ServerSettings settings, Optional<String> pgSchema) throws Exception {
    return on(settings, pgSchema, Map.of());
  }

  /**
   * A store as {@link #on(ServerSettings, Optional)} opens it, with further {@code ward.*}
   * settings.
   */
  public static TestStore on(
      ServerSettings settings, Optional<String> pgSchema, Map<String, String> more)
      throws Exception {
    return new TestStore(settings, pgSchema, settings.dataDir().orElseThrow(), more);
  }

  /** A random schema name for one test class. */
  public static String newSchemaName() {
    return "ward_t_"
        + UUID.randomUUID().toString().replace("-", "").substring(0, 16).toLowerCase(Locale.ROOT);
  }

  /** Drops a PostgreSQL test schema. */
  public static void dropSchema(String schema) throws SQLException {
    try (Connection c = DriverManager.getConnection(PG_URL, pgUser(), "")) {
      c.createStatement().execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
    }
  }

  /** True on PostgreSQL. */
  public boolean isPostgres() {
    return pgSchema.isPresent();
  }

  /** A bean of the context. */
  public <T> T bean(Class<T> type) {
    return context.getBean(type);
  }

  /** SQL against the store. */
  public JdbcClient jdbc() {
    return context.getBean(JdbcClient.class);
  }

  /** The settings the store was opened with. */
  public ServerSettings settings() {
    return settings;
  }

  /** The data directory (a temporary one). */
  public Path dataDir() {
    return dataDir;
  }

  /** A job once it has finished (waiting at most ten minutes); fails the test otherwise. */
  public Job finished(long jobId) throws InterruptedException {
    Job done = bean(JobService.class).await(jobId, Duration.ofMinutes(10)).orElseThrow();
    if (!done.state().finished()) {
      throw new AssertionError("job " + jobId + " did not finish: " + done);
    }
    return done;
  }

  /** Rows in a table. */
  public long count(String table) {
    return jdbc().sql("SELECT COUNT(*) FROM " + table).query(Long.class).single();
  }

  @Override
  public void close() throws Exception {
    context.close();
    if (pgSchema.isPresent()) {
      dropSchema(pgSchema.get());
    }
  }
}

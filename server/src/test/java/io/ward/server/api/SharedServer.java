package io.ward.server.api;

import io.ward.server.RunningServer;
import io.ward.server.ServerSettings;
import io.ward.server.TestStore;
import io.ward.server.WardServer;
import io.ward.server.audit.Actor;
import io.ward.server.security.Role;
import io.ward.server.security.TokenService;
import io.ward.server.security.UserService;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * One running Ward server per database for all HTTP tests of the API and console (a server starts
 * in seconds; starting one per class would cost minutes), with one user and API token per role. The
 * H2 server always runs; the PostgreSQL one (a schema of its own in the test database) when {@code
 * WARD_TEST_POSTGRES=1}, and then an unreachable PostgreSQL fails the tests.
 */
public final class SharedServer {
  /** The password of every test user. */
  public static final String PASSWORD = "correct horse battery staple";

  private static SharedServer h2;
  private static SharedServer postgres;

  private final RunningServer server;
  private final ServerSettings settings;
  private final Map<Role, String> tokens = new EnumMap<>(Role.class);
  private final boolean isPostgres;

  private SharedServer(RunningServer server, ServerSettings settings, boolean isPostgres) {
    this.server = server;
    this.settings = settings;
    this.isPostgres = isPostgres;
    UserService users = server.context().getBean(UserService.class);
    TokenService tokenService = server.context().getBean(TokenService.class);
    for (Role role : Role.values()) {
      String name = userName(role);
      users.create(name, PASSWORD, role, Actor.system());
      tokens.put(role, tokenService.create(name, "tests", Actor.system()).secret());
    }
  }

  /** The server on an in-memory H2 database. */
  public static synchronized SharedServer h2() throws Exception {
    if (h2 == null) {
      Path dir = Files.createTempDirectory("ward-api-h2-");
      h2 = start(TestStore.h2Settings(dir), Optional.empty());
    }
    return h2;
  }

  /** The server on a schema of its own in the test PostgreSQL. */
  public static synchronized SharedServer postgres() throws Exception {
    if (postgres == null) {
      Path dir = Files.createTempDirectory("ward-api-pg-");
      String schema = TestStore.newSchemaName();
      postgres = start(TestStore.postgresSettings(dir, schema), Optional.of(schema));
    }
    return postgres;
  }

  /** The server for a test variant: PostgreSQL when asked for, else H2. */
  public static SharedServer of(boolean postgresVariant) throws Exception {
    return postgresVariant ? postgres() : h2();
  }

  /**
   * A server of its own, not shared, on PostgreSQL when asked for (a schema of its own) or H2, with
   * the same users and tokens: for a test class whose data would change what the others read.
   */
  public static SharedServer own(boolean postgresVariant) throws Exception {
    if (!postgresVariant) {
      return start(
          TestStore.h2Settings(Files.createTempDirectory("ward-api-own-h2-")), Optional.empty());
    }
    String schema = TestStore.newSchemaName();
    return start(
        TestStore.postgresSettings(Files.createTempDirectory("ward-api-own-pg-"), schema),
        Optional.of(schema));
  }

  private static SharedServer start(ServerSettings settings, Optional<String> schema)
      throws Exception {
    RunningServer s = WardServer.start(settings);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  s.close();
                  schema.ifPresent(
                      x -> {
                        try {
                          TestStore.dropSchema(x);
                        } catch (java.sql.SQLException e) {
                          System.err.println("could not drop test schema " + x + ": " + e);
                        }
                      });
                }));
    return new SharedServer(s, settings, schema.isPresent());
  }

  /** The test user's name for a role, e.g. {@code t-security-analyst}. */
  public static String userName(Role role) {
    return "t-" + role.id();
  }

  /**
   * Another server on this one's database and data directory, as a restart with other {@code
   * ward.*} settings would start it, while this one still runs (no start-up recovery of unfinished
   * jobs: this one's may be running); the users and tokens are the same. The caller closes it.
   */
  public RunningServer another(Map<String, String> more) throws Exception {
    Map<String, String> props = new java.util.HashMap<>(more);
    props.put("ward.background", "false");
    return WardServer.start(settings, props);
  }

  /** The base URL. */
  public String url() {
    return server.url();
  }

  /** The API token of the role's test user. */
  public String token(Role role) {
    return tokens.get(role);
  }

  /** The running server. */
  public RunningServer server() {
    return server;
  }

  /** SQL against the server's store. */
  public JdbcClient jdbc() {
    return server.context().getBean(JdbcClient.class);
  }

  /** Rows in a table. */
  public long count(String table) {
    return jdbc().sql("SELECT COUNT(*) FROM " + table).query(Long.class).single();
  }

  /** True on PostgreSQL. */
  public boolean isPostgres() {
    return isPostgres;
  }
}

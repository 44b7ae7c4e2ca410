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
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A Ward server per database of its own for the tests that store a {@link GroupFixtures} fleet:
 * those devices carry no evidence, history or capture, and tests on the {@link SharedServer} read
 * every device listed and expect each to have come from a capture. Same users and tokens as there.
 */
public final class FleetServer {
  private static FleetServer h2;
  private static FleetServer postgres;

  private final RunningServer server;
  private final Map<Role, String> tokens = new EnumMap<>(Role.class);

  private FleetServer(RunningServer server) {
    this.server = server;
    UserService users = server.context().getBean(UserService.class);
    TokenService tokenService = server.context().getBean(TokenService.class);
    for (Role role : Role.values()) {
      String name = SharedServer.userName(role);
      users.create(name, SharedServer.PASSWORD, role, Actor.system());
      tokens.put(role, tokenService.create(name, "tests", Actor.system()).secret());
    }
  }

  /** The server on PostgreSQL when asked for (a schema of its own), else on H2. */
  public static synchronized FleetServer of(boolean onPostgres) throws Exception {
    if (onPostgres) {
      if (postgres == null) {
        String schema = TestStore.newSchemaName();
        postgres =
            start(
                TestStore.postgresSettings(Files.createTempDirectory("ward-fleet-pg-"), schema),
                Optional.of(schema));
      }
      return postgres;
    }
    if (h2 == null) {
      h2 =
          start(
              TestStore.h2Settings(Files.createTempDirectory("ward-fleet-h2-")), Optional.empty());
    }
    return h2;
  }

  private static FleetServer start(ServerSettings settings, Optional<String> schema)
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
    return new FleetServer(s);
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
}

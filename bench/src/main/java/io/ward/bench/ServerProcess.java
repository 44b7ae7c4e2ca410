package io.ward.bench;

import io.ward.server.RunningServer;
import io.ward.server.ServerSettings;
import io.ward.server.WardServer;
import io.ward.server.audit.Actor;
import io.ward.server.security.Role;
import io.ward.server.security.TokenService;
import io.ward.server.security.UserService;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * The server under test, in a JVM of its own with the JVM's default options (as {@code ward serve}
 * runs): started with {@link WardServer#start} on the benchmark's database, so Flyway makes the
 * schema; then it creates one security analyst with an API token per load client, writes the tokens
 * to a file only its owner can read, prints {@value #READY} and its URL, and serves until its
 * standard input closes.
 *
 * <p>Arguments: {@code DB_URL DB_USER DATA_DIR TOKENS TOKEN_FILE}.
 */
public final class ServerProcess {

  /** The line that tells the benchmark the server answers. */
  static final String READY = "ward-bench-server-ready";

  private ServerProcess() {}

  /** Runs the server until standard input closes. */
  public static void main(String[] args) throws Exception {
    if (args.length != 5) {
      System.err.println("usage: ServerProcess DB_URL DB_USER DATA_DIR TOKENS TOKEN_FILE");
      System.exit(2);
    }
    ServerSettings settings = settings(args[0], args[1], Path.of(args[2]), Optional.empty());
    try (RunningServer server = WardServer.start(settings)) {
      List<String> tokens = tokens(server, Integer.parseInt(args[3]));
      writePrivately(Path.of(args[4]), String.join("\n", tokens) + "\n");
      System.out.println(READY + " " + server.url());
      System.out.flush();
      waitForEndOfInput(System.in);
    }
    System.exit(0);
  }

  /** Loopback on a free port, plain HTTP, the given database and data directory. */
  static ServerSettings settings(String dbUrl, String dbUser, Path dataDir, Optional<String> schema)
      throws IOException {
    Files.createDirectories(dataDir);
    return new ServerSettings(
        0,
        "127.0.0.1",
        Optional.of(dataDir),
        Optional.of(dbUrl),
        Optional.of(dbUser),
        Optional.empty(),
        schema,
        Optional.empty(),
        false);
  }

  /**
   * One security analyst (kept from an earlier run on a reused database) and {@code n} new API
   * tokens of theirs, made as an administrator would.
   */
  private static List<String> tokens(RunningServer server, int n) {
    byte[] bytes = new byte[24];
    new SecureRandom().nextBytes(bytes);
    String password = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    UserService users = server.context().getBean(UserService.class);
    if (users.find("bench-analyst").isEmpty()) {
      users.create("bench-analyst", password, Role.SECURITY_ANALYST, Actor.cli());
    }
    TokenService tokens = server.context().getBean(TokenService.class);
    List<String> secrets = new ArrayList<>();
    for (int i = 1; i <= n; i++) {
      secrets.add(tokens.create("bench-analyst", "load client " + i, Actor.cli()).secret());
    }
    return secrets;
  }

  private static void writePrivately(Path file, String text) throws IOException {
    Files.deleteIfExists(file);
    Files.createFile(
        file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    Files.writeString(file, text);
  }

  private static void waitForEndOfInput(InputStream in) throws IOException {
    byte[] buffer = new byte[256];
    while (in.read(buffer) >= 0) {
      // Nothing to read; the benchmark closes the pipe when it is done.
    }
  }
}

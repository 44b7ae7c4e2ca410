package io.ward.cli;

import io.ward.server.ServerSettings;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import picocli.CommandLine.Option;

/**
 * Where Ward's store is, shared by {@code serve}, {@code users}, {@code tokens} and {@code audit}:
 * the embedded database under {@code --data-dir}, or PostgreSQL at {@code --db-url} (password from
 * {@code WARD_DB_PASSWORD}, never on the command line).
 */
final class StoreOptions {

  @Option(
      names = "--data-dir",
      paramLabel = "DIR",
      description = "data directory (default: $WARD_DATA_DIR, else ~/.ward)")
  Optional<Path> dataDir = Optional.empty();

  @Option(
      names = "--db-url",
      paramLabel = "URL",
      description = "PostgreSQL JDBC URL (default: $WARD_DB_URL, else the embedded database)")
  Optional<String> dbUrl = Optional.empty();

  @Option(
      names = "--db-user",
      paramLabel = "USER",
      description =
          "database user (default: $WARD_DB_USER); the password comes from $WARD_DB_PASSWORD")
  Optional<String> dbUser = Optional.empty();

  /**
   * The settings: these options over the {@code WARD_*} environment over the defaults. A variable
   * that cannot be used is a user's error (one line, exit code 3) for every command that reads
   * them, not only {@code serve}: {@code ward audit verify} answered {@code WARD_PORT=abc} with an
   * internal error and a stack trace.
   */
  ServerSettings settings() {
    return settings(Set.of());
  }

  /**
   * The settings, as {@link #settings()}, for a command whose own options replace the variables
   * named in {@code replaced}: those are not read, nor are the ones these options replace, so an
   * option given wins even over a variable whose value could not be used.
   */
  ServerSettings settings(Set<String> replaced) {
    Set<String> unread = new HashSet<>(replaced);
    dataDir.ifPresent(d -> unread.add("WARD_DATA_DIR"));
    dbUrl.ifPresent(u -> unread.add("WARD_DB_URL"));
    dbUser.ifPresent(u -> unread.add("WARD_DB_USER"));
    ServerSettings s;
    try {
      s = ServerSettings.fromEnvironment(unread);
    } catch (IllegalArgumentException e) {
      throw new UserInputException("bad configuration: " + e.getMessage());
    }
    if (dataDir.isPresent()) {
      s = s.withDataDir(dataDir.get());
    }
    if (dbUrl.isPresent()) {
      s = s.withDatabase(dbUrl.get(), dbUser.or(s::dbUser), s.dbPassword());
    } else if (dbUser.isPresent()) {
      s = s.withDatabase(s.dbUrl().orElse(""), dbUser, s.dbPassword());
    }
    return s;
  }
}

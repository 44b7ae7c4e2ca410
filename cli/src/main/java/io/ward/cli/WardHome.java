package io.ward.cli;

import java.nio.file.Path;

/** Where Ward keeps its files unless told otherwise: {@code $WARD_HOME} or {@code ~/.ward}. */
final class WardHome {
  private WardHome() {}

  static Path dir() {
    String env = System.getenv("WARD_HOME");
    return env != null && !env.isBlank()
        ? Path.of(env)
        : Path.of(System.getProperty("user.home"), ".ward");
  }

  /** The offline feed store that {@code ward feeds} fills and {@code ward vulns} reads. */
  static Path feeds() {
    return dir().resolve("feeds");
  }
}

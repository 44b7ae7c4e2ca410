package io.ward.exposure.feeds;

import java.nio.file.Path;

/** Locates the shared real test data: {@code $WARD_TESTDATA}, else {@code ../../shared/data}. */
public final class TestData {

  private TestData() {}

  /** The test data root. */
  public static Path root() {
    String env = System.getenv("WARD_TESTDATA");
    return env != null && !env.isBlank() ? Path.of(env) : Path.of("../../shared/data");
  }

  /** A path below the test data root. */
  public static Path path(String relative) {
    return root().resolve(relative);
  }
}

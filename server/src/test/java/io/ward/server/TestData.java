package io.ward.server;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** The shared real test data ({@code WARD_TESTDATA}, else {@code ../../shared/data}). */
public final class TestData {
  private TestData() {}

  /** The data root. */
  public static Path root() {
    return Optional.ofNullable(System.getenv("WARD_TESTDATA"))
        .map(Path::of)
        .orElse(Path.of("../../shared/data"));
  }

  /** A file below the root; fails the test when it is missing. */
  public static Path file(String relative) {
    Path p = root().resolve(relative);
    if (!Files.isRegularFile(p)) {
      throw new AssertionError("test data missing: " + p.toAbsolutePath());
    }
    return p;
  }
}

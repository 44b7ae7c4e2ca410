package io.ward.capture.dissect.testing;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the shared real test data lives: {@code $WARD_TESTDATA}, else {@code ../../shared/data}
 * relative to the module directory (so {@code /work/shared/data} from {@code /work/main/capture}).
 */
public final class TestData {
  private TestData() {}

  /** The root of the shared test data. */
  public static Path root() {
    String env = System.getenv("WARD_TESTDATA");
    return env != null && !env.isBlank() ? Path.of(env) : Path.of("../../shared/data");
  }

  /** A file under the root, e.g. {@code pcaps/ndpi/hl7.pcap}; fails loudly when it is missing. */
  public static Path file(String relative) {
    Path p = root().resolve(relative);
    if (!Files.isRegularFile(p)) {
      throw new IllegalStateException("test data missing: " + p.toAbsolutePath());
    }
    return p;
  }
}

package io.ward.exposure.match;

import io.ward.exposure.feeds.FeedResult;
import io.ward.exposure.feeds.csaf.CsafReader;
import io.ward.model.exposure.Advisory;
import java.nio.file.Path;

/** Reads the real CISA CSAF advisories under {@code $WARD_TESTDATA} with the feeds' reader. */
public final class RealAdvisories {

  private RealAdvisories() {}

  /** The test data directory. */
  public static Path testData() {
    String env = System.getenv("WARD_TESTDATA");
    return env != null ? Path.of(env) : Path.of("../../shared/data");
  }

  /** One ICSMA advisory, e.g. {@code icsma-23-194-01}. */
  public static Advisory icsma(String name) {
    Path file = testData().resolve("advisories/cisa-csaf/medical-icsma/" + name + ".json");
    FeedResult<Advisory> r = new CsafReader(false).read(file);
    if (r.items().isEmpty()) {
      throw new IllegalStateException("could not read " + file + ": " + r.problems());
    }
    return r.items().get(0);
  }
}

package io.ward.exposure.feeds.csaf;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.ward.exposure.feeds.FeedResult;
import io.ward.model.exposure.Advisory;
import java.nio.file.Path;

/** Any bytes given as a CSAF document: a result with at most one advisory, never an exception. */
class CsafReaderFuzzTest {

  private static final CsafReader READER = new CsafReader();

  @FuzzTest(maxDuration = "5m")
  void fuzz(byte[] data) {
    FeedResult<Advisory> result = READER.read(data, Path.of("fuzz.json"));

    assertThat(result.items()).hasSizeLessThanOrEqualTo(1);
    result.items().forEach(CsafVex::statements);
  }
}

package io.ward.capture.dissect.http;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.ward.capture.dissect.testing.StreamFuzz;

class HttpDissectorFuzzTest {

  /** One direction of an HTTP stream, cut into pieces (see {@link StreamFuzz}). */
  @FuzzTest(maxDuration = "5m")
  void fuzzDissector(byte[] input) {
    StreamFuzz.feed(new HttpDissector(), input);
  }
}

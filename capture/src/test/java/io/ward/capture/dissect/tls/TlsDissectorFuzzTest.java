package io.ward.capture.dissect.tls;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.ward.capture.dissect.testing.StreamFuzz;

class TlsDissectorFuzzTest {

  /** One direction of a TLS stream, cut into pieces (see {@link StreamFuzz}). */
  @FuzzTest(maxDuration = "5m")
  void fuzzDissector(byte[] input) {
    StreamFuzz.feed(new TlsDissector(), input);
  }
}

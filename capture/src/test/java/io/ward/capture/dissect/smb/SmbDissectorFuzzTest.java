package io.ward.capture.dissect.smb;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.ward.capture.dissect.testing.StreamFuzz;

class SmbDissectorFuzzTest {

  /** One direction of an SMB stream, cut into pieces (see {@link StreamFuzz}). */
  @FuzzTest(maxDuration = "5m")
  void fuzzDissector(byte[] input) {
    StreamFuzz.feed(new SmbDissector(), input);
  }
}

package io.ward.capture.dissect.ftp;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.ward.capture.dissect.testing.DissectorExercise;

/**
 * Jazzer fuzz test of the ftp dissector: probe, session in both directions, gap and close on any
 * bytes. Seeds (real or standard-shaped payloads, first byte = chunking choice) live in {@code
 * FtpDissectorFuzzTestInputs/fuzzDissector/} and run in every build.
 */
class FtpDissectorFuzzTest {

  @FuzzTest(maxDuration = "5m")
  void fuzzDissector(byte[] data) {
    DissectorExercise.runChecked(new FtpDissector(), 21, data);
  }
}

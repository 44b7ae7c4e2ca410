package io.ward.capture.dissect.poct;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.ward.capture.dissect.testing.DissectorExercise;

/**
 * Jazzer fuzz test of the poct dissector: probe, session in both directions, gap and close on any
 * bytes. Seeds (real or standard-shaped payloads, first byte = chunking choice) live in {@code
 * PoctDissectorFuzzTestInputs/fuzzDissector/} and run in every build.
 */
class PoctDissectorFuzzTest {

  @FuzzTest(maxDuration = "5m")
  void fuzzDissector(byte[] data) {
    DissectorExercise.runChecked(new PoctDissector(), 7001, data);
  }
}

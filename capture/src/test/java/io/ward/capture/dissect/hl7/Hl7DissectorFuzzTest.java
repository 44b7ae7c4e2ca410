package io.ward.capture.dissect.hl7;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.ward.capture.dissect.testing.DissectorExercise;

/**
 * Jazzer fuzz test of the hl7 dissector: probe, session in both directions, gap and close on any
 * bytes. Seeds (real or standard-shaped payloads, first byte = chunking choice) live in {@code
 * Hl7DissectorFuzzTestInputs/fuzzDissector/} and run in every build.
 */
class Hl7DissectorFuzzTest {

  @FuzzTest(maxDuration = "5m")
  void fuzzDissector(byte[] data) {
    DissectorExercise.runChecked(new Hl7Dissector(), 6661, data);
  }
}

package io.ward.capture.dissect.telnet;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.ward.capture.dissect.testing.DissectorExercise;

/**
 * Jazzer fuzz test of the telnet dissector: probe, session in both directions, gap and close on any
 * bytes. Seeds (real or standard-shaped payloads, first byte = chunking choice) live in {@code
 * TelnetDissectorFuzzTestInputs/fuzzDissector/} and run in every build.
 */
class TelnetDissectorFuzzTest {

  @FuzzTest(maxDuration = "5m")
  void fuzzDissector(byte[] data) {
    DissectorExercise.runChecked(new TelnetDissector(), 23, data);
  }
}

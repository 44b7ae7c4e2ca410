package io.ward.capture.dissect.dicom;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.ward.capture.dissect.testing.DissectorExercise;

/**
 * Jazzer fuzz test of the dicom dissector: probe, session in both directions, gap and close on any
 * bytes. Seeds (real or standard-shaped payloads, first byte = chunking choice) live in {@code
 * DicomDissectorFuzzTestInputs/fuzzDissector/} and run in every build.
 */
class DicomDissectorFuzzTest {

  @FuzzTest(maxDuration = "5m")
  void fuzzDissector(byte[] data) {
    DissectorExercise.runChecked(new DicomDissector(), 104, data);
  }
}

package io.ward.capture;

import com.code_intelligence.jazzer.junit.FuzzTest;

/** Any bytes given as a pcapng capture: a summary, or a {@link CaptureFormatException}. */
class PcapngReaderFuzzTest {

  @FuzzTest(maxDuration = "5m")
  void fuzz(byte[] data) {
    FuzzSupport.analyze(data);
  }
}

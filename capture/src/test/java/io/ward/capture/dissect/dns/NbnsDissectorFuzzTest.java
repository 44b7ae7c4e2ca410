package io.ward.capture.dissect.dns;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.ward.capture.dissect.testing.DissectorDriver;
import io.ward.capture.dissect.testing.RecordingFlowContext;

class NbnsDissectorFuzzTest {

  /** One datagram through the NBNS dissector: nothing may escape. */
  @FuzzTest(maxDuration = "5m")
  void fuzzDissector(byte[] datagram) {
    DissectorDriver driver =
        new DissectorDriver(new NbnsDissector(), RecordingFlowContext.between(137, 137));
    driver.feedUnprobed(datagram.length % 2 == 0, 1L, datagram);
    driver.close();
  }
}

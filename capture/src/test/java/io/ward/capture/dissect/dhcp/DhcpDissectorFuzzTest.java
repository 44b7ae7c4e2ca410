package io.ward.capture.dissect.dhcp;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.ward.capture.dissect.testing.DissectorDriver;
import io.ward.capture.dissect.testing.RecordingFlowContext;

class DhcpDissectorFuzzTest {

  /** One datagram through probe, open and onData: nothing may escape. */
  @FuzzTest(maxDuration = "5m")
  void fuzzDissector(byte[] datagram) {
    DissectorDriver driver =
        new DissectorDriver(new DhcpDissector(), RecordingFlowContext.between(68, 67));
    driver.feedUnprobed(datagram.length % 2 == 0, 1L, datagram);
    driver.close();
  }
}

package io.ward.capture.dissect.dns;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.ward.capture.dissect.testing.DissectorDriver;
import io.ward.capture.dissect.testing.RecordingFlowContext;

class NetbiosDatagramDissectorFuzzTest {

  /** One datagram through the NetBIOS datagram dissector: nothing may escape. */
  @FuzzTest(maxDuration = "5m")
  void fuzzDissector(byte[] datagram) {
    DissectorDriver driver =
        new DissectorDriver(new NetbiosDatagramDissector(), RecordingFlowContext.between(138, 138));
    driver.feedUnprobed(datagram.length % 2 == 0, 1L, datagram);
    driver.close();
  }
}

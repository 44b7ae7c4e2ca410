package io.ward.capture.dissect.ssdp;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.ward.capture.dissect.testing.DissectorDriver;
import io.ward.capture.dissect.testing.RecordingFlowContext;

class SsdpDissectorFuzzTest {

  /** One datagram through the SSDP dissector: nothing may escape. */
  @FuzzTest(maxDuration = "5m")
  void fuzzDissector(byte[] datagram) {
    DissectorDriver d =
        new DissectorDriver(new SsdpDissector(), RecordingFlowContext.between(1900, 1900));
    d.feedUnprobed(datagram.length % 2 == 0, 1L, datagram);
    d.close();
  }
}

package io.ward.capture.dissect.dns;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.ward.capture.dissect.testing.DissectorDriver;
import io.ward.capture.dissect.testing.RecordingFlowContext;

class DnsDissectorFuzzTest {

  /** One datagram through each of the DNS, mDNS and LLMNR dissectors: nothing may escape. */
  @FuzzTest(maxDuration = "5m")
  void fuzzDissector(byte[] datagram) {
    for (DnsDissector d :
        new DnsDissector[] {DnsDissector.dns(), DnsDissector.mdns(), DnsDissector.llmnr()}) {
      DissectorDriver driver = new DissectorDriver(d, RecordingFlowContext.between(5353, 5353));
      driver.feedUnprobed(datagram.length % 2 == 0, 1L, datagram);
      driver.close();
    }
  }
}

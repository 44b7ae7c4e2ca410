package io.ward.capture.dissect.astm;

import static io.ward.capture.dissect.astm.AstmDissectorTest.HEADER;
import static io.ward.capture.dissect.astm.AstmDissectorTest.PATIENT;
import static io.ward.capture.dissect.astm.AstmDissectorTest.RESULT;
import static io.ward.capture.dissect.astm.AstmDissectorTest.TERMINATOR;
import static io.ward.capture.dissect.astm.AstmDissectorTest.frame;
import static org.assertj.core.api.Assertions.assertThat;

import io.ward.capture.dissect.DissectorRegistry;
import io.ward.capture.dissect.testing.EngineRun;
import io.ward.capture.dissect.testing.TcpPcapBuilder;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * No public ASTM capture exists: an E1381 session following the standard's message layout (analyzer
 * 10.1.1.20 connects to the LIS on port 4001) is written as a pcap and analysed with the full
 * registry, so the payload heuristic has to find it.
 */
class AstmCaptureTest {

  @Test
  void shouldFindAstmByPayloadAndMatchGoldenObservations() {
    TcpPcapBuilder b = new TcpPcapBuilder("10.1.1.20", 50123, "10.1.1.5", 4001);
    b.client(new byte[] {0x05}).server(new byte[] {0x06});
    String[] records = {HEADER, PATIENT, RESULT, TERMINATOR};
    for (int i = 0; i < records.length; i++) {
      b.client(frame(i + 1, records[i] + "\r", true)).server(new byte[] {0x06});
    }
    b.client(new byte[] {0x04});
    Path pcap = b.write(Path.of("target", "astm-e1381-crafted.pcap"));

    EngineRun.Result r = EngineRun.analyze(pcap, DissectorRegistry.all());

    assertThat(r.summary().flowsByProtocol()).containsEntry("astm", 1L);
    EngineRun.assertGolden(getClass(), "astm_e1381_crafted.golden.json", r.observations());
    assertThat(r.about("10.1.1.20")).hasSize(6);
  }
}

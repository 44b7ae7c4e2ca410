package io.ward.capture.dissect.poct;

import static org.assertj.core.api.Assertions.assertThat;

import io.ward.capture.dissect.DissectorRegistry;
import io.ward.capture.dissect.testing.EngineRun;
import io.ward.capture.dissect.testing.TcpPcapBuilder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * No public POCT1-A capture exists: a device conversation shaped like the POCT1-A2 examples
 * (HEL.R01, ACK.R01, DST.R01, OBS.R01, EOT.R01; device 10.1.1.30 to data manager port 7001) is
 * written as a pcap and analysed with the full registry.
 */
class PoctCaptureTest {

  @Test
  void shouldFindPoctByPayloadAndMatchGoldenObservations() {
    byte[] ack =
        "<ACK.R01><HDR><HDR.control_id V=\"5001\"/></HDR><ACK><ACK.type_cd V=\"AA\"/></ACK></ACK.R01>"
            .getBytes(StandardCharsets.UTF_8);
    String status =
        "<DST.R01><HDR><HDR.control_id V=\"10002\"/></HDR><DST><DST.new_observations_qty V=\"1\"/>"
            + "</DST></DST.R01>";
    String eot = "<EOT.R01><HDR><HDR.control_id V=\"10004\"/></HDR></EOT.R01>";
    Path pcap =
        new TcpPcapBuilder("10.1.1.30", 40444, "10.1.1.6", 7001)
            .client(PoctDissectorTest.HELLO.getBytes(StandardCharsets.UTF_8))
            .server(ack)
            .client(status.getBytes(StandardCharsets.UTF_8))
            .server(ack)
            .client(PoctDissectorTest.OBSERVATION.getBytes(StandardCharsets.UTF_8))
            .server(ack)
            .client(eot.getBytes(StandardCharsets.UTF_8))
            .write(Path.of("target", "poct1a-crafted.pcap"));

    EngineRun.Result r = EngineRun.analyze(pcap, DissectorRegistry.all());

    assertThat(r.summary().flowsByProtocol()).containsEntry("poct1a", 1L);
    EngineRun.assertGolden(getClass(), "poct1a_crafted.golden.json", r.observations());
    assertThat(r.observations()).noneMatch(o -> o.value().contains("MRN-55512"));
  }
}

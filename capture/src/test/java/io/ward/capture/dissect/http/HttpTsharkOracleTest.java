package io.ward.capture.dissect.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.ward.capture.dissect.testing.CaptureRun;
import io.ward.capture.dissect.testing.Tshark;
import io.ward.model.ObservationFields;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** tshark 4.0 as the oracle for HTTP heads (decoded as HTTP on the capture's port 2082). */
class HttpTsharkOracleTest {

  @BeforeAll
  static void needsTshark() {
    assumeTrue(Tshark.available(), "tshark not installed");
  }

  @Test
  void shouldAgreeWithTsharkOnHostUserAgentServerAndAuthScheme() {
    String pcap = "arkime/http-basicauth.pcap";
    CaptureRun run = CaptureRun.of(pcap, new HttpDissector());
    Tshark.Table t =
        Tshark.fields(
            pcap,
            List.of("-d", "tcp.port==2082,http"),
            "http.host",
            "http.user_agent",
            "http.server",
            "http.authorization",
            "http.www_authenticate");

    assertThat(run.values(ObservationFields.HTTP_HOST))
        .containsExactlyInAnyOrderElementsOf(t.perPacket("http.host"));
    assertThat(run.values(ObservationFields.HTTP_USER_AGENT))
        .containsExactlyInAnyOrderElementsOf(t.perPacket("http.user_agent"));
    assertThat(run.values(ObservationFields.HTTP_SERVER))
        .containsExactlyInAnyOrderElementsOf(t.perPacket("http.server"));
    List<String> schemes =
        java.util.stream.Stream.concat(
                t.perPacket("http.authorization").stream(),
                t.perPacket("http.www_authenticate").stream())
            .map(v -> v.split(" ")[0])
            .distinct()
            .toList();
    assertThat(run.values(ObservationFields.HTTP_AUTH_SCHEME))
        .containsExactlyInAnyOrderElementsOf(schemes);
  }
}

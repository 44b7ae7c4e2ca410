package io.ward.capture.dissect.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.ward.capture.dissect.testing.CaptureRun;
import io.ward.capture.dissect.testing.Golden;
import io.ward.model.ObservationFields;
import org.junit.jupiter.api.Test;

/** A real HTTP capture (Basic auth on port 2082, found by the heuristic) through the engine. */
class HttpCaptureTest {

  @Test
  void shouldMatchGoldenAndKeepCredentialsOut() {
    CaptureRun run = CaptureRun.of("arkime/http-basicauth.pcap", new HttpDissector());

    Golden.assertMatches(getClass(), "arkime-http-basicauth", run.fields("http."));
    assertThat(run.values(ObservationFields.HTTP_AUTH_SCHEME)).containsExactly("Basic");
    assertThat(run.observations()).noneMatch(o -> o.value().contains("dXNlcnJycnI6"));
    assertThat(run.flows()).anySatisfy(f -> assertThat(f.appProtocol()).contains("http"));
  }
}

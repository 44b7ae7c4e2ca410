package io.ward.capture.dissect.mqtt;

import static org.assertj.core.api.Assertions.assertThat;

import io.ward.capture.dissect.testing.DissectorDriver;
import io.ward.capture.dissect.testing.EngineRun;
import io.ward.capture.dissect.testing.RecordingFlowContext;
import io.ward.capture.dissect.testing.TestData;
import io.ward.model.Observation;
import io.ward.model.ObservationFields;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class MqttDissectorTest {

  /** A CONNECT for protocol level 4 (3.1.1) or 5, with optional user name and password. */
  static byte[] connect(int level, String clientId, String user, String password) {
    ByteArrayOutputStream v = new ByteArrayOutputStream();
    str(v, "MQTT");
    v.write(level);
    v.write((user != null ? 0x80 : 0) | (password != null ? 0x40 : 0) | 0x02);
    v.write(0);
    v.write(60);
    if (level == 5) {
      v.write(5); // properties length
      v.writeBytes(new byte[] {0x11, 0, 0, 0, 10}); // session expiry interval
    }
    str(v, clientId);
    if (user != null) {
      str(v, user);
    }
    if (password != null) {
      str(v, password);
    }
    byte[] body = v.toByteArray();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(0x10);
    int rem = body.length;
    do {
      int digit = rem % 128;
      rem /= 128;
      out.write(rem > 0 ? digit | 0x80 : digit);
    } while (rem > 0);
    out.writeBytes(body);
    return out.toByteArray();
  }

  private static void str(ByteArrayOutputStream out, String s) {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    out.write(b.length >>> 8);
    out.write(b.length);
    out.writeBytes(b);
  }

  private static DissectorDriver driver() {
    return new DissectorDriver(new MqttDissector(), RecordingFlowContext.between(40000, 1883));
  }

  @Test
  void shouldReportClientIdAndVersionButNeverCredentials() {
    DissectorDriver d = driver();
    boolean more = d.feed(true, 1L, connect(4, "pump-0042", "nurse", "s3cret"));
    RecordingFlowContext ctx = d.context();

    assertThat(more).isFalse();
    assertThat(ctx.about(ctx.client()))
        .extracting(Observation::field, Observation::value)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(ObservationFields.MQTT_CLIENT_ID, "pump-0042"),
            org.assertj.core.groups.Tuple.tuple(MqttDissector.VERSION, "3.1.1"));
    assertThat(ctx.values(MqttDissector.LOGIN)).containsExactly("seen");
    assertThat(ctx.observations())
        .extracting(Observation::value)
        .noneMatch(v -> v.contains("nurse") || v.contains("s3cret"));
  }

  @Test
  void shouldSkipVersion5PropertiesAndReassembleSplitConnect() {
    byte[] c = connect(5, "monitor-7", null, null);
    DissectorDriver d = driver();
    d.feed(true, 1L, Arrays.copyOf(c, 12));
    d.feed(true, 2L, Arrays.copyOfRange(c, 12, c.length));
    assertThat(d.context().values(ObservationFields.MQTT_CLIENT_ID)).containsExactly("monitor-7");
    assertThat(d.context().values(MqttDissector.VERSION)).containsExactly("5.0");
    assertThat(d.context().values(MqttDissector.LOGIN)).isEmpty();
  }

  @Test
  void shouldProbeOnlyConnect() {
    MqttDissector m = new MqttDissector();
    byte[] ok = connect(4, "x", null, null);
    assertThat(m.probe(ok, 0, ok.length, true)).isTrue();
    byte[] publish = ok.clone();
    publish[0] = 0x30;
    assertThat(m.probe(publish, 0, publish.length, true)).isFalse();
    byte[] badName = ok.clone();
    badName[4] = 'X';
    assertThat(m.probe(badName, 0, badName.length, true)).isFalse();
    assertThat(
            m.probe(
                new byte[] {0x10, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF}, 0, 5, true))
        .isFalse();
  }

  @Test
  void shouldCountClientIdLongerThanPacket() {
    byte[] c = connect(4, "abc", null, null);
    c[c.length - 4] = 0x7F; // client id length points past the end
    DissectorDriver d = driver();
    d.feedUnprobed(true, 1L, c);
    assertThat(d.context().anomalies()).containsEntry("mqtt.bad_connect", 1);
    assertThat(d.context().observations()).isEmpty();
  }

  @Test
  void shouldMatchGoldenObservationsOfRealCapture() {
    EngineRun.Result r =
        EngineRun.analyze(TestData.file("pcaps/ndpi/mqtt.pcap"), List.of(new MqttDissector()));
    EngineRun.assertGolden(getClass(), "mqtt.golden.json", r.observations());
    org.junit.jupiter.api.Assumptions.assumeTrue(
        EngineRun.hasTool("tshark", "--version"), "tshark not installed");
    List<String> ids =
        EngineRun.run(
            "tshark",
            "-r",
            TestData.file("pcaps/ndpi/mqtt.pcap").toString(),
            "-Y",
            "mqtt.clientid",
            "-T",
            "fields",
            "-e",
            "mqtt.clientid");
    assertThat(new TreeSet<>(r.values(ObservationFields.MQTT_CLIENT_ID)))
        .isEqualTo(new TreeSet<>(ids));
  }
}

package io.ward.capture.dissect.telnet;

import static org.assertj.core.api.Assertions.assertThat;

import io.ward.capture.dissect.testing.DissectorDriver;
import io.ward.capture.dissect.testing.EngineRun;
import io.ward.capture.dissect.testing.RecordingFlowContext;
import io.ward.capture.dissect.testing.TestData;
import io.ward.model.Observation;
import io.ward.model.ObservationFields;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class TelnetDissectorTest {

  private static byte[] bytes(int... b) {
    byte[] out = new byte[b.length];
    for (int i = 0; i < b.length; i++) {
      out[i] = (byte) b[i];
    }
    return out;
  }

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.ISO_8859_1);
  }

  private static DissectorDriver driver() {
    return new DissectorDriver(new TelnetDissector(), RecordingFlowContext.between(40000, 23));
  }

  @Test
  void shouldStripNegotiationAndReportBannerAndLogin() {
    DissectorDriver d = driver();
    d.feed(
        false, 1L, bytes(0xFF, 0xFD, 0x18, 0xFF, 0xFA, 0x18, 0x01, 0xFF, 0xF0, 0xFF, 0xFB, 0x01));
    d.feed(false, 2L, ascii("\r\nUser Access Verification\r\n\r\nUsername: "));
    d.feed(true, 3L, ascii("admin\r\n"));
    d.feed(false, 4L, ascii("Password: "));
    boolean more = d.feed(true, 5L, ascii("cisco\r\n"));
    RecordingFlowContext ctx = d.context();

    assertThat(ctx.values(ObservationFields.TELNET_BANNER))
        .containsExactly("User Access Verification");
    assertThat(ctx.values(ObservationFields.TELNET_LOGIN)).containsExactly("seen");
    assertThat(more).isFalse();
    assertThat(ctx.observations())
        .extracting(Observation::value)
        .noneMatch(v -> v.contains("admin") || v.contains("cisco"));
  }

  @Test
  void shouldHandleNegotiationSplitAcrossSegmentsAndEscapedIac() {
    DissectorDriver d = driver();
    d.feed(false, 1L, bytes(0xFF, 0xFB));
    d.feed(
        false,
        2L,
        bytes(0x03, 'M', 'e', 'd', 0xFF, 0xFF, 'X', '\r', '\n', 'l', 'o', 'g', 'i', 'n', ':', ' '));
    d.close();
    assertThat(d.context().values(ObservationFields.TELNET_BANNER)).containsExactly("Med X");
    assertThat(d.context().values(ObservationFields.TELNET_LOGIN)).isEmpty();
  }

  @Test
  void shouldEmitBannerAtCloseWhenNoPromptCame() {
    DissectorDriver d = driver();
    d.feed(false, 1L, ascii("Welcome to ventilator service port\r\n"));
    d.close();
    assertThat(d.context().values(ObservationFields.TELNET_BANNER))
        .containsExactly("Welcome to ventilator service port");
  }

  @Test
  void shouldRecogniseLoginPromptsOnly() {
    assertThat(TelnetSession.isPrompt("login: ")).isTrue();
    assertThat(TelnetSession.isPrompt("User Name:")).isTrue();
    assertThat(TelnetSession.isPrompt("Password:")).isTrue();
    assertThat(TelnetSession.isPrompt("router1 login:")).isTrue();
    assertThat(TelnetSession.isPrompt("Last login: Sat Nov 27")).isFalse();
    assertThat(TelnetSession.isPrompt("Time: ")).isFalse();
    assertThat(TelnetSession.isPrompt(":")).isFalse();
  }

  @Test
  void shouldProbeNegotiationOrText() {
    TelnetDissector t = new TelnetDissector();
    assertThat(t.probe(bytes(0xFF, 0xFD, 0x18), 0, 3, false)).isTrue();
    assertThat(t.probe(ascii("login: "), 0, 7, false)).isTrue();
    assertThat(t.probe(bytes(0xFF, 0x01), 0, 2, false)).isFalse();
    assertThat(t.probe(bytes(0x16, 0x03, 0x01, 0x00, 0xA5, 0x01, 0x00), 0, 7, true)).isFalse();
  }

  @Test
  void shouldMatchGoldenObservationsOfOpenBsdSession() {
    EngineRun.Result r =
        EngineRun.analyze(TestData.file("pcaps/ndpi/telnet.pcap"), List.of(new TelnetDissector()));
    EngineRun.assertGolden(getClass(), "telnet.golden.json", r.observations());
    assertThat(r.values(ObservationFields.TELNET_BANNER))
        .containsExactly("OpenBSD/i386 (oof) (ttyp2)");
    assertThat(r.values(ObservationFields.TELNET_LOGIN)).containsExactly("seen");
    assertThat(r.observations())
        .extracting(Observation::value)
        .noneMatch(v -> v.contains("fake") || v.contains("user"));
  }

  /** tshark's telnet.data of the server before the login prompt carries the same banner line. */
  @Test
  void shouldAgreeWithTsharkOnBanner() {
    org.junit.jupiter.api.Assumptions.assumeTrue(
        EngineRun.hasTool("tshark", "--version"), "tshark not installed");
    List<String> data =
        EngineRun.run(
            "tshark",
            "-r",
            TestData.file("pcaps/ndpi/telnet.pcap").toString(),
            "-Y",
            "telnet.data && tcp.srcport == 23",
            "-T",
            "fields",
            "-E",
            "occurrence=a",
            "-E",
            "aggregator=|",
            "-e",
            "telnet.data");
    List<String> lines = new java.util.ArrayList<>();
    for (String l :
        String.join("\n", data)
            .replace("|", "")
            .replace("\\r", "\n")
            .replace("\\n", "\n")
            .split("[\r\n]+")) {
      if (l.contains("login:")) {
        break;
      }
      if (!l.isBlank()) {
        lines.add(l.strip());
      }
    }
    String beforeLogin = String.join("\n", lines);
    EngineRun.Result r =
        EngineRun.analyze(TestData.file("pcaps/ndpi/telnet.pcap"), List.of(new TelnetDissector()));
    assertThat(beforeLogin.strip()).isEqualTo(r.values(ObservationFields.TELNET_BANNER).get(0));
  }
}

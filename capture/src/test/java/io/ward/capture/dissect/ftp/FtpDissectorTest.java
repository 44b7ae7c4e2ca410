package io.ward.capture.dissect.ftp;

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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FtpDissectorTest {

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.ISO_8859_1);
  }

  private static DissectorDriver driver() {
    return new DissectorDriver(new FtpDissector(), RecordingFlowContext.between(40000, 21));
  }

  @Test
  void shouldReportBannerLoginAndFailuresButNeverCredentials() {
    DissectorDriver d = driver();
    d.feed(false, 1L, ascii("220-Welcome to the PACS export host\r\n220 vsFTPd 3.0.3 ready\r\n"));
    d.feed(true, 2L, ascii("USER radiology\r\n"));
    d.feed(false, 3L, ascii("331 Please specify the password.\r\n"));
    d.feed(true, 4L, ascii("PASS hunter2\r\n"));
    d.feed(false, 5L, ascii("530 Login incorrect.\r\n"));
    d.feed(true, 6L, ascii("USER radiology\r\nPASS hunter3\r\n"));
    d.feed(false, 7L, ascii("331 Please specify the password.\r\n530 Login incorrect.\r\n"));
    d.feed(true, 8L, ascii("SYST\r\n"));
    d.feed(false, 9L, ascii("215 UNIX Type: L8\r\n"));
    d.close();
    RecordingFlowContext ctx = d.context();

    assertThat(ctx.values(ObservationFields.FTP_BANNER))
        .containsExactly("Welcome to the PACS export host\nvsFTPd 3.0.3 ready");
    assertThat(ctx.values(ObservationFields.FTP_LOGIN)).containsExactly("seen");
    assertThat(ctx.values(FtpDissector.SYSTEM)).containsExactly("UNIX Type: L8");
    assertThat(ctx.values(FtpDissector.LOGIN_FAILURES)).containsExactly("2");
    assertThat(ctx.observations()).allMatch(o -> o.subject().equals(ctx.server()));
    assertThat(ctx.observations())
        .extracting(Observation::value)
        .noneMatch(v -> v.contains("radiology") || v.contains("hunter"));
  }

  @Test
  void shouldStopAndMarkEncryptedAfterAuthTls() {
    DissectorDriver d = driver();
    d.feed(false, 1L, ascii("220 ready\r\n"));
    d.feed(true, 2L, ascii("AUTH TLS\r\n"));
    boolean more = d.feed(false, 3L, ascii("234 Proceed with negotiation.\r\n"));
    assertThat(more).isFalse();
    assertThat(d.context().encrypted()).isTrue();
  }

  @Test
  void shouldProbeRepliesAndCommandsOnly() {
    FtpDissector f = new FtpDissector();
    assertThat(f.probe(ascii("220 hi\r\n"), 0, 8, false)).isTrue();
    assertThat(f.probe(ascii("220-hi\r\n"), 0, 8, false)).isTrue();
    assertThat(f.probe(ascii("USER x\r\n"), 0, 8, true)).isTrue();
    assertThat(f.probe(ascii("\u0016\u0003\u0001\u0002\u0000"), 0, 5, true)).isFalse();
    assertThat(f.probe(ascii("2201hi"), 0, 6, false)).isFalse();
  }

  @Test
  void shouldCutOverlongLineAndCountIt() {
    DissectorDriver d = driver();
    d.feed(false, 1L, ascii("220 ok\r\n"));
    byte[] longLine = new byte[LineReader.MAX_LINE_BYTES * 3];
    java.util.Arrays.fill(longLine, (byte) 'A');
    d.feed(true, 2L, longLine);
    d.feed(true, 3L, ascii("\r\nUSER x\r\n"));
    assertThat(d.context().anomalies()).containsEntry("ftp.long_line", 1);
    assertThat(d.context().values(ObservationFields.FTP_LOGIN)).containsExactly("seen");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "arkime/ftp.pcap",
        "ndpi/ftp_failed.pcap",
        "zeek/ftp_ftp-password-pass-command.pcap",
        "zeek/ftp_bruteforce.pcap"
      })
  void shouldMatchGoldenObservationsOfRealCaptures(String pcap) {
    EngineRun.Result r =
        EngineRun.analyze(TestData.file("pcaps/" + pcap), List.of(new FtpDissector()));
    String golden = pcap.substring(pcap.indexOf('/') + 1).replace(".pcap", ".golden.json");
    EngineRun.assertGolden(getClass(), golden, r.observations());
    assertThat(r.values(ObservationFields.FTP_BANNER)).isNotEmpty();
    assertThat(r.values(ObservationFields.FTP_LOGIN)).isNotEmpty().containsOnly("seen");
  }

  @Test
  void shouldCountEveryBruteForceFailureLikeTshark() {
    EngineRun.Result r =
        EngineRun.analyze(
            TestData.file("pcaps/zeek/ftp_bruteforce.pcap"), List.of(new FtpDissector()));
    int ours = r.values(FtpDissector.LOGIN_FAILURES).stream().mapToInt(Integer::parseInt).sum();
    org.junit.jupiter.api.Assumptions.assumeTrue(
        EngineRun.hasTool("tshark", "--version"), "tshark not installed");
    List<String> tshark =
        EngineRun.run(
            "tshark",
            "-r",
            TestData.file("pcaps/zeek/ftp_bruteforce.pcap").toString(),
            "-Y",
            "ftp.response.code == 530",
            "-T",
            "fields",
            "-e",
            "frame.number");
    assertThat(ours).isEqualTo(tshark.size()).isPositive();
    List<String> banners =
        EngineRun.run(
            "tshark",
            "-r",
            TestData.file("pcaps/zeek/ftp_bruteforce.pcap").toString(),
            "-Y",
            "ftp.response.code == 220",
            "-T",
            "fields",
            "-e",
            "ftp.response.arg");
    assertThat(r.values(ObservationFields.FTP_BANNER))
        .hasSameSizeAs(banners)
        .containsOnly(banners.get(0).strip());
  }
}

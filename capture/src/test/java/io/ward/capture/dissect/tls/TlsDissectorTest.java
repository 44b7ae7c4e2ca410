package io.ward.capture.dissect.tls;

import static org.assertj.core.api.Assertions.assertThat;

import io.ward.capture.dissect.testing.DissectorDriver;
import io.ward.capture.dissect.testing.RecordingFlowContext;
import io.ward.model.ObservationFields;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class TlsDissectorTest {

  private final RecordingFlowContext ctx = RecordingFlowContext.between(50000, 443);
  private final DissectorDriver driver = new DissectorDriver(new TlsDissector(), ctx);

  private static byte[] clientHelloRecord() {
    byte[] body =
        TlsBytes.clientHelloBody(
            0x0303,
            new int[] {0x1301, 0xc02f},
            TlsBytes.extension(0, TlsBytes.sni("pacs.example")),
            TlsBytes.extension(43, TlsBytes.u16List(1, 0x0304, 0x0303)));
    return TlsBytes.record(22, TlsBytes.handshake(1, body));
  }

  @Test
  void shouldReportClientHelloFromRecordSplitIntoOneByteSegments() {
    byte[] record = clientHelloRecord();

    for (int i = 0; i < record.length; i++) {
      byte[] one = {record[i]};
      if (i == 0) {
        // the probe needs the record header and handshake type
        driver.feed(true, 1L, Arrays.copyOf(record, 6));
        i = 5;
        continue;
      }
      driver.feed(true, 1L, one);
    }

    assertThat(ctx.values(ObservationFields.TLS_SNI)).containsExactly("pacs.example");
    assertThat(ctx.values(ObservationFields.TLS_CLIENT_VERSION)).containsExactly("TLS 1.3");
    assertThat(ctx.values(ObservationFields.TLS_JA4))
        .singleElement()
        .asString()
        .startsWith("t13d0202");
    assertThat(ctx.about(ctx.server()))
        .extracting(o -> o.field())
        .containsExactly(ObservationFields.TLS_SNI);
  }

  @Test
  void shouldReassembleHandshakeMessageSpanningTwoRecords() {
    byte[] hello = TlsBytes.handshake(1, TlsBytes.clientHelloBody(0x0303, new int[] {0x002f}));
    byte[] first = TlsBytes.record(22, Arrays.copyOf(hello, 10));
    byte[] second = TlsBytes.record(22, Arrays.copyOfRange(hello, 10, hello.length));

    driver.feed(true, 1L, first);
    driver.feed(true, 2L, second);

    assertThat(ctx.values(ObservationFields.TLS_CLIENT_VERSION)).containsExactly("TLS 1.2");
  }

  @Test
  void shouldReportChosenCipherAndStopAfterTls13ServerHello() {
    driver.feed(true, 1L, clientHelloRecord());
    byte[] serverHello =
        TlsBytes.record(
            22,
            TlsBytes.handshake(
                2,
                TlsBytes.serverHelloBody(
                    0x0303, 0x1302, TlsBytes.extension(43, new byte[] {3, 4}))));

    boolean more = driver.feed(false, 2L, serverHello);

    assertThat(more).isFalse();
    assertThat(ctx.values(ObservationFields.TLS_SERVER_VERSION)).containsExactly("TLS 1.3");
    assertThat(ctx.values(ObservationFields.TLS_CIPHER)).containsExactly("TLS_AES_256_GCM_SHA384");
    assertThat(ctx.values(TlsSession.TLS_CERT_ENCRYPTED)).containsExactly("true");
  }

  @Test
  void shouldFingerprintOnlyTheFirstClientHelloOfAConnection() {
    byte[] retry =
        TlsBytes.record(
            22,
            TlsBytes.handshake(
                1,
                TlsBytes.clientHelloBody(
                    0x0303,
                    new int[] {0x1301},
                    TlsBytes.extension(44, new byte[] {0, 0}),
                    TlsBytes.extension(43, TlsBytes.u16List(1, 0x0304)))));

    driver.feed(true, 1L, clientHelloRecord());
    driver.feed(true, 2L, retry);

    assertThat(ctx.values(ObservationFields.TLS_JA3)).hasSize(1);
    assertThat(ctx.values(ObservationFields.TLS_SNI)).containsExactly("pacs.example");
  }

  @Test
  void shouldNameUnknownCipherInHex() {
    driver.feed(true, 1L, clientHelloRecord());
    driver.feed(
        false,
        2L,
        TlsBytes.record(22, TlsBytes.handshake(2, TlsBytes.serverHelloBody(0x0303, 0xeeee))));

    assertThat(ctx.values(ObservationFields.TLS_CIPHER)).containsExactly("0xeeee");
  }

  @Test
  void shouldFlagHeartbeatClaimingMoreThanItCarries() {
    driver.feed(true, 1L, clientHelloRecord());
    driver.feed(true, 2L, TlsBytes.record(24, new byte[] {1, 0x40, 0x00}));

    assertThat(ctx.anomalies()).containsEntry("tls.heartbeat_overflow", 1);
  }

  @Test
  void shouldGiveUpOnRecordLongerThanTheLimit() {
    driver.feed(true, 1L, clientHelloRecord());
    byte[] hostile = {22, 3, 3, (byte) 0xFF, (byte) 0xFF};

    driver.feed(true, 2L, hostile);

    assertThat(ctx.anomalies()).containsEntry("tls.record_too_long", 1);
  }

  @Test
  void shouldGiveUpOnHandshakeMessageLongerThanTheLimit() {
    byte[] header = {1, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF};
    byte[] record = TlsBytes.record(22, header);

    driver.feedUnprobed(true, 1L, record);

    assertThat(ctx.anomalies()).containsEntry("tls.handshake_too_long", 1);
  }

  @Test
  void shouldCountUnreadableCertificate() {
    driver.feed(true, 1L, clientHelloRecord());
    driver.feed(
        false,
        2L,
        TlsBytes.record(22, TlsBytes.handshake(2, TlsBytes.serverHelloBody(0x0303, 0xc02f))));
    byte[] chain = new TlsBytes().u24(7).u24(4).bytes(new byte[] {0x30, 0x02, 0x01, 0x00}).build();

    driver.feed(false, 3L, TlsBytes.record(22, TlsBytes.handshake(11, chain)));

    assertThat(ctx.anomalies()).containsEntry("tls.bad_certificate", 1);
    assertThat(ctx.values(ObservationFields.TLS_CERT_SUBJECT)).isEmpty();
  }

  @Test
  void shouldProbeClientAndServerHellosAndSslv2ButNotHttp() {
    TlsDissector d = new TlsDissector();
    byte[] ch = clientHelloRecord();
    byte[] sslv2 = {(byte) 0x80, 0x2e, 0x01, 0x00, 0x02, 0x00, 0x15};
    byte[] http = "GET / HTTP/1.1\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    assertThat(d.probe(ch, 0, ch.length, true)).isTrue();
    assertThat(d.probe(sslv2, 0, sslv2.length, true)).isTrue();
    assertThat(d.probe(http, 0, http.length, true)).isFalse();
    assertThat(d.probe(ch, 0, 5, true)).isFalse();
  }
}

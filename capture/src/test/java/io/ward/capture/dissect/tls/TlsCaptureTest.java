package io.ward.capture.dissect.tls;

import static org.assertj.core.api.Assertions.assertThat;

import io.ward.capture.dissect.testing.CaptureRun;
import io.ward.capture.dissect.testing.Golden;
import io.ward.model.ObservationFields;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Real TLS captures through the capture engine, against golden files. */
class TlsCaptureTest {

  static CaptureRun run(String pcap) {
    return CaptureRun.of(pcap, new TlsDissector());
  }

  @ParameterizedTest
  @CsvSource({
    "arkime/openssl-ssl3.pcap, arkime-openssl-ssl3",
    "arkime/openssl-tls1.pcap, arkime-openssl-tls1",
    "arkime/openssl-tls1_1.pcap, arkime-openssl-tls1_1",
    "arkime/openssl-tls1_2.pcap, arkime-openssl-tls1_2",
    "arkime/tls13.pcap, arkime-tls13",
    "arkime/ssl-selfsign.pcap, arkime-ssl-selfsign",
    "zeek/tls_ssl-v2.pcap, zeek-tls-ssl-v2",
    "zeek/tls_tls-expired-cert.pcap, zeek-tls-expired-cert",
    "zeek/tls_cert-no-cn.pcap, zeek-tls-cert-no-cn",
    "zeek/tls_tls1.2.pcap, zeek-tls1.2",
    "zeek/tls_dhe.pcap, zeek-tls-dhe",
    "zeek/tls_heartbleed.pcap, zeek-tls-heartbleed",
    "ndpi/tls_1.2_unidirectional_server.pcapng, ndpi-tls-unidirectional-server",
    "ndpi/tls_malicious_sha1.pcapng, ndpi-tls-malicious-sha1",
    "dcmtk-loopback-generated/dicom_tls_dcmtk_loopback.pcapng, dcmtk-dicom-tls"
  })
  void shouldMatchGoldenObservations(String pcap, String golden) {
    CaptureRun run = run(pcap);

    assertThat(run.fields("tls.")).isNotEmpty();
    Golden.assertMatches(TlsCaptureTest.class, golden, run.fields("tls."));
  }

  @Test
  void shouldSayTheCertificateIsEncryptedInTls13DicomAssociation() {
    CaptureRun run = run("dcmtk-loopback-generated/dicom_tls_dcmtk_loopback.pcapng");

    assertThat(run.values(ObservationFields.TLS_SERVER_VERSION)).containsExactly("TLS 1.3");
    assertThat(run.values(ObservationFields.TLS_CIPHER)).containsExactly("TLS_AES_256_GCM_SHA384");
    assertThat(run.values(TlsSession.TLS_CERT_ENCRYPTED)).containsExactly("true");
    assertThat(run.values(ObservationFields.TLS_CERT_SUBJECT)).isEmpty();
    assertThat(run.flows()).anySatisfy(f -> assertThat(f.encrypted()).isTrue());
  }

  @Test
  void shouldReadSelfSignedCertificateOfSsl3Server() {
    CaptureRun run = run("arkime/ssl-selfsign.pcap");

    assertThat(run.values(ObservationFields.TLS_SERVER_VERSION)).containsExactly("SSL 3.0");
    assertThat(run.values(ObservationFields.TLS_CIPHER))
        .containsExactly("TLS_RSA_WITH_AES_256_CBC_SHA");
    assertThat(run.values(ObservationFields.TLS_CERT_SUBJECT)).containsExactly("CN=molochftw");
    assertThat(run.values(TlsSession.TLS_CERT_SELF_SIGNED)).containsExactly("true");
  }

  @Test
  void shouldReadSslv2HelloAndServerCertificate() {
    CaptureRun run = run("zeek/tls_ssl-v2.pcap");

    assertThat(run.values(ObservationFields.TLS_CLIENT_VERSION)).containsExactly("SSL 2.0");
    assertThat(run.values(ObservationFields.TLS_SERVER_VERSION)).containsExactly("SSL 2.0");
    assertThat(run.values(ObservationFields.TLS_CERT_SUBJECT)).hasSize(1);
  }

  @Test
  void shouldFlagHeartbleedRequest() {
    CaptureRun run = run("zeek/tls_heartbleed.pcap");

    assertThat(run.summary().anomalies()).containsKey("tls.heartbeat_overflow");
  }

  @Test
  void shouldReadServerSideOfOneSidedCapture() {
    CaptureRun run = run("ndpi/tls_1.2_unidirectional_server.pcapng");

    assertThat(run.values(ObservationFields.TLS_CIPHER))
        .containsExactly("TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256");
    assertThat(run.values(ObservationFields.TLS_CERT_KEY)).containsExactly("EC-256");
  }
}

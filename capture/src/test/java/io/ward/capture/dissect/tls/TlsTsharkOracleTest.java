package io.ward.capture.dissect.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.ward.capture.dissect.testing.CaptureRun;
import io.ward.capture.dissect.testing.Tshark;
import io.ward.model.ObservationFields;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.security.auth.x500.X500Principal;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * tshark 4.0 as the oracle for TLS: the same JA3, SNI, versions, chosen cipher and leaf
 * certificates (subject DN and notAfter) on every real TLS capture, from one {@code tshark -T pdml}
 * run per capture. (tshark 4.0 has no JA4; JA4 is checked against the spec's own examples in {@link
 * FingerprintsTest}.)
 */
class TlsTsharkOracleTest {
  private static final DateTimeFormatter UTC_TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

  /** Hellos, certificates, and SSLv2 SERVER-HELLO (type 4 only with record version 2). */
  private static final String FILTER =
      "tls.handshake.type == 1 || tls.handshake.type == 2 || tls.handshake.type == 11"
          + " || (tls.handshake.type == 4 && tls.record.version == 0x0002)";

  private static final String TYPE = "tls.handshake.type";
  private static final String JA3 = "tls.handshake.ja3";
  private static final String SNI = "tls.handshake.extensions_server_name";
  private static final String VERSION = "tls.handshake.version";
  private static final String SUPPORTED = "tls.handshake.extensions.supported_version";
  private static final String RECORD_VERSION = "tls.record.version";
  private static final String CIPHER = "tls.handshake.ciphersuite";
  private static final String SUBJECT = "x509af.subject";
  private static final String UTC = "x509af.utcTime";

  @BeforeAll
  static void needsTshark() {
    assumeTrue(Tshark.available(), "tshark not installed");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "arkime/openssl-ssl3.pcap",
        "arkime/openssl-tls1.pcap",
        "arkime/openssl-tls1_1.pcap",
        "arkime/openssl-tls1_2.pcap",
        "arkime/tls13.pcap",
        "arkime/ssl-selfsign.pcap",
        "zeek/tls_ssl-v2.pcap",
        "zeek/tls_tls-expired-cert.pcap",
        "zeek/tls_cert-no-cn.pcap",
        "zeek/tls_tls1.2.pcap",
        "zeek/tls_dhe.pcap",
        "zeek/tls_heartbleed.pcap",
        "ndpi/tls_1.2_unidirectional_server.pcapng",
        "ndpi/tls_malicious_sha1.pcapng",
        "dcmtk-loopback-generated/dicom_tls_dcmtk_loopback.pcapng"
      })
  void shouldAgreeWithTshark(String pcap) {
    CaptureRun run = CaptureRun.of(pcap, new TlsDissector());
    Set<String> ja3 = new LinkedHashSet<>();
    Set<String> sni = new LinkedHashSet<>();
    Set<String> clientVersions = new LinkedHashSet<>();
    Set<String> serverVersions = new LinkedHashSet<>();
    Set<String> ciphers = new LinkedHashSet<>();
    Set<String> subjects = new LinkedHashSet<>();
    Set<String> notAfters = new LinkedHashSet<>();
    Set<String> wanted =
        Set.of(TYPE, JA3, SNI, VERSION, SUPPORTED, RECORD_VERSION, CIPHER, SUBJECT, UTC);
    for (Map<String, List<Tshark.PdmlField>> p : Tshark.pdmlPackets(pcap, FILTER, wanted)) {
      List<String> types = shows(p, TYPE);
      // In SSLv2, type 2 is CLIENT-MASTER-KEY and type 4 SERVER-HELLO.
      boolean v2 = shows(p, RECORD_VERSION).contains("0x0002");
      if (types.contains("1")) {
        ja3.addAll(shows(p, JA3));
        sni.addAll(shows(p, SNI));
        clientVersions.add(TlsVersion.name(clientVersion(p)));
      } else if (v2 ? types.contains("4") : types.contains("2")) {
        List<String> supported = shows(p, SUPPORTED);
        String v = supported.isEmpty() ? shows(p, VERSION).get(0) : supported.get(0);
        serverVersions.add(TlsVersion.name(Integer.decode(v)));
        for (String c : shows(p, CIPHER)) {
          ciphers.add(CipherSuites.name(Integer.decode(c)));
        }
      }
      if (types.contains("11") || (v2 && types.contains("4"))) {
        certificate(p, subjects, notAfters);
      }
    }

    assertThat(run.values(ObservationFields.TLS_JA3)).containsExactlyInAnyOrderElementsOf(ja3);
    assertThat(run.values(ObservationFields.TLS_SNI)).containsExactlyInAnyOrderElementsOf(sni);
    assertThat(run.values(ObservationFields.TLS_CLIENT_VERSION))
        .containsExactlyInAnyOrderElementsOf(clientVersions);
    assertThat(run.values(ObservationFields.TLS_SERVER_VERSION))
        .containsExactlyInAnyOrderElementsOf(serverVersions);
    if (!pcap.contains("ssl-v2")) {
      // SSLv2 has no chosen suite in the SERVER-HELLO: the client names it in CLIENT-MASTER-KEY.
      assertThat(run.values(ObservationFields.TLS_CIPHER))
          .containsExactlyInAnyOrderElementsOf(ciphers);
    }
    assertThat(union(run, ObservationFields.TLS_CERT_SUBJECT, TlsSession.TLS_CLIENT_CERT_SUBJECT))
        .containsExactlyInAnyOrderElementsOf(subjects);
    assertThat(
            union(run, ObservationFields.TLS_CERT_NOT_AFTER, TlsSession.TLS_CLIENT_CERT_NOT_AFTER))
        .containsExactlyInAnyOrderElementsOf(notAfters);
  }

  /**
   * The first certificate of a Certificate message (the server's, or with mutual TLS the client's):
   * subject from tshark's DER bytes, notAfter from its text (the second UTCTime).
   */
  private static void certificate(
      Map<String, List<Tshark.PdmlField>> p, Set<String> subjects, Set<String> notAfters) {
    List<Tshark.PdmlField> subject = p.getOrDefault(SUBJECT, List.of());
    if (!subject.isEmpty()) {
      byte[] der = HexFormat.of().parseHex(subject.get(0).value());
      subjects.add(CertificateParser.distinguishedName(new X500Principal(der)));
    }
    List<String> times = shows(p, UTC);
    if (times.size() >= 2) {
      String text = times.get(1).replace(" (UTC)", "");
      notAfters.add(LocalDateTime.parse(text, UTC_TIME).toInstant(ZoneOffset.UTC).toString());
    }
  }

  private static Set<String> union(CaptureRun run, String a, String b) {
    Set<String> out = new LinkedHashSet<>(run.values(a));
    out.addAll(run.values(b));
    return out;
  }

  /**
   * Highest offered: the largest non-GREASE supported_versions entry, else the hello version, else
   * (an SSLv2 CLIENT-HELLO) tshark's record version.
   */
  private static int clientVersion(Map<String, List<Tshark.PdmlField>> p) {
    int best = -1;
    for (String v : shows(p, SUPPORTED)) {
      int x = Integer.decode(v);
      if (!TlsVersion.isGrease(x) && (best < 0 || rank(x) > rank(best))) {
        best = x;
      }
    }
    if (best < 0 && !shows(p, VERSION).isEmpty()) {
      best = Integer.decode(shows(p, VERSION).get(0));
    }
    if (best < 0) {
      best = Integer.decode(shows(p, RECORD_VERSION).get(0));
    }
    return best;
  }

  private static int rank(int v) {
    return TlsVersion.isDraft13(v) ? 0x0303 * 256 + (v & 0xFF) : v * 256;
  }

  private static List<String> shows(Map<String, List<Tshark.PdmlField>> p, String field) {
    return p.getOrDefault(field, List.of()).stream().map(Tshark.PdmlField::show).toList();
  }
}

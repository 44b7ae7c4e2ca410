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
import java.util.Set;
import javax.security.auth.x500.X500Principal;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * tshark 4.0 as the oracle for TLS: the same JA3, SNI, versions, chosen cipher and leaf certificate
 * (subject DN and notAfter) on every real TLS capture. (tshark 4.0 has no JA4; JA4 is checked
 * against the spec's own examples in {@link FingerprintsTest}.)
 */
class TlsTsharkOracleTest {
  private static final DateTimeFormatter UTC_TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

  /** Frames carrying a cleartext certificate: TLS Certificate, or SSLv2 SERVER-HELLO. */
  private static final String CERTIFICATE_FRAMES =
      "tls.handshake.type == 11 || (tls.handshake.type == 4 && tls.record.version == 0x0002)";

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
    Tshark.Table t =
        Tshark.fields(
            pcap,
            List.of(
                "-Y",
                "tls.handshake.type == 1 || tls.handshake.type == 2 || "
                    + "(tls.handshake.type == 4 && tls.record.version == 0x0002)"),
            "tls.handshake.type",
            "tls.handshake.ja3",
            "tls.handshake.extensions_server_name",
            "tls.handshake.version",
            "tls.handshake.extensions.supported_version",
            "tls.record.version",
            "tls.handshake.ciphersuite");
    Set<String> ja3 = new LinkedHashSet<>();
    Set<String> sni = new LinkedHashSet<>();
    Set<String> clientVersions = new LinkedHashSet<>();
    Set<String> serverVersions = new LinkedHashSet<>();
    Set<String> ciphers = new LinkedHashSet<>();
    for (String[] row : t.rows()) {
      List<String> types = List.of(cells(row[0]));
      // In SSLv2, type 2 is CLIENT-MASTER-KEY and type 4 SERVER-HELLO.
      boolean v2 = List.of(cells(row[5])).contains("0x0002");
      if (types.contains("1")) {
        ja3.addAll(List.of(cells(row[1])));
        sni.addAll(List.of(cells(row[2])));
        clientVersions.add(TlsVersion.name(clientVersion(row)));
      } else if (v2 ? types.contains("4") : types.contains("2")) {
        String[] supported = cells(row[4]);
        String v = supported.length > 0 ? supported[0] : cells(row[3])[0];
        serverVersions.add(TlsVersion.name(Integer.decode(v)));
        for (String c : cells(row[6])) {
          ciphers.add(CipherSuites.name(Integer.decode(c)));
        }
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
        .containsExactlyInAnyOrderElementsOf(leafSubjects(pcap));
    assertThat(
            union(run, ObservationFields.TLS_CERT_NOT_AFTER, TlsSession.TLS_CLIENT_CERT_NOT_AFTER))
        .containsExactlyInAnyOrderElementsOf(leafNotAfters(pcap));
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
  private static int clientVersion(String[] row) {
    int best = -1;
    for (String v : cells(row[4])) {
      int x = Integer.decode(v);
      if (!TlsVersion.isGrease(x) && (best < 0 || rank(x) > rank(best))) {
        best = x;
      }
    }
    if (best < 0 && cells(row[3]).length > 0) {
      best = Integer.decode(cells(row[3])[0]);
    }
    if (best < 0) {
      best = Integer.decode(cells(row[5])[0]);
    }
    return best;
  }

  private static int rank(int v) {
    return TlsVersion.isDraft13(v) ? 0x0303 * 256 + (v & 0xFF) : v * 256;
  }

  private static String[] cells(String cell) {
    return cell == null || cell.isEmpty() ? new String[0] : cell.split(",");
  }

  /**
   * The first certificate of each Certificate message (server's and, with mutual TLS, client's):
   * subject from tshark's DER bytes, notAfter from its text (the second UTCTime of the packet).
   */
  private static Set<String> leafSubjects(String pcap) {
    Set<String> out = new LinkedHashSet<>();
    int last = -1;
    for (Tshark.PdmlField f : Tshark.pdml(pcap, CERTIFICATE_FRAMES, "x509af.subject")) {
      if (f.packet() != last) {
        last = f.packet();
        byte[] der = HexFormat.of().parseHex(f.value());
        out.add(CertificateParser.distinguishedName(new X500Principal(der)));
      }
    }
    return out;
  }

  private static Set<String> leafNotAfters(String pcap) {
    Set<String> out = new LinkedHashSet<>();
    List<Tshark.PdmlField> times = Tshark.pdml(pcap, CERTIFICATE_FRAMES, "x509af.utcTime");
    for (int i = 0; i + 1 < times.size(); i++) {
      boolean firstOfPacket = i == 0 || times.get(i - 1).packet() != times.get(i).packet();
      if (firstOfPacket && times.get(i + 1).packet() == times.get(i).packet()) {
        String shown = times.get(i + 1).show().replace(" (UTC)", "");
        out.add(LocalDateTime.parse(shown, UTC_TIME).toInstant(ZoneOffset.UTC).toString());
      }
    }
    return out;
  }
}

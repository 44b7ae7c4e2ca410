package io.ward.capture.dissect.tls;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** JA3 and JA4 against the published examples (FoxIO JA4 technical details, Salesforce JA3). */
class FingerprintsTest {

  private static List<Integer> hex(String commaSeparated) {
    return Arrays.stream(commaSeparated.split(",")).map(s -> Integer.parseInt(s, 16)).toList();
  }

  /** The ClientHello behind the JA4 spec's JA4_ro example, with GREASE values added. */
  private static ClientHello specExample(List<Integer> signatureAlgorithms) {
    List<Integer> ciphers =
        new java.util.ArrayList<>(
            hex("1301,1302,1303,c02b,c02f,c02c,c030,cca9,cca8,c013,c014,009c,009d,002f,0035"));
    ciphers.add(0, 0x0a0a);
    List<Integer> extensions =
        new java.util.ArrayList<>(
            hex("001b,0000,0033,0010,4469,0017,002d,000d,0005,0023,0012,002b,ff01,000b,000a,0015"));
    extensions.add(0, 0x2a2a);
    return new ClientHello(
        0x0303,
        ciphers,
        extensions,
        Optional.of("example.com"),
        List.of(0x1a1a, 0x0304, 0x0303),
        List.of(0x3a3a, 0x001d, 0x0017),
        List.of(0),
        signatureAlgorithms,
        List.of("h2", "http/1.1"),
        false);
  }

  @Test
  void shouldGiveTheSamePrintsFromTheCacheForEveryServerName() {
    ClientHello h = specExample(hex("0403,0804,0401,0503,0805,0501,0806,0601"));
    ClientHelloPrints direct = ClientHelloPrints.compute(h);
    assertThat(direct.ja4()).contains("t13d1516h2_8daaf6152771_e5627efa2ab1");
    assertThat(direct.ja3()).contains(Fingerprints.ja3(h));
    assertThat(direct.ciphers())
        .isEqualTo("1301,1302,1303,c02b,c02f,c02c,c030,cca9,cca8,c013,c014,009c,009d,002f,0035");
    assertThat(ClientHelloPrints.of(h)).isEqualTo(direct);
    assertThat(ClientHelloPrints.of(h)).isEqualTo(direct); // now from the cache
    ClientHello otherServer =
        new ClientHello(
            h.legacyVersion(),
            h.ciphers(),
            h.extensions(),
            Optional.of("pacs.example.org"),
            h.supportedVersions(),
            h.groups(),
            h.pointFormats(),
            h.signatureAlgorithms(),
            h.alpn(),
            false);
    assertThat(ClientHelloPrints.of(otherServer)).isEqualTo(direct);
    // A different offer is not mistaken for a cached one.
    ClientHello noSigs = specExample(List.of());
    assertThat(ClientHelloPrints.of(noSigs).ja4()).contains("t13d1516h2_8daaf6152771_6d807ffa2a79");
  }

  @Test
  void shouldHashSortedCiphersLikeTheJa4Spec() {
    assertThat(
            Fingerprints.truncatedSha256(
                "002f,0035,009c,009d,1301,1302,1303,c013,c014,c02b,c02c,c02f,c030,cca8,cca9"))
        .isEqualTo("8daaf6152771");
  }

  @Test
  void shouldComputeJa4OfTheSpecExample() {
    ClientHello h = specExample(hex("0403,0804,0401,0503,0805,0501,0806,0601"));

    assertThat(Fingerprints.ja4(h)).isEqualTo("t13d1516h2_8daaf6152771_e5627efa2ab1");
  }

  @Test
  void shouldEndExtensionStringWithoutUnderscoreWhenNoSignatureAlgorithms() {
    assertThat(Fingerprints.ja4(specExample(List.of())))
        .isEqualTo("t13d1516h2_8daaf6152771_6d807ffa2a79");
  }

  @Test
  void shouldUseIpMarkerAndLegacyVersionWithoutSniOrSupportedVersions() {
    ClientHello h =
        new ClientHello(
            0x0301,
            hex("0035"),
            List.of(),
            Optional.empty(),
            List.of(),
            List.of(),
            List.of(),
            List.of(),
            List.of(),
            false);

    assertThat(Fingerprints.ja4(h)).startsWith("t10i010000_").endsWith("_000000000000");
  }

  @Test
  void shouldUseHexOfAlpnWhenItsEndsAreNotAlphanumeric() {
    assertThat(Fingerprints.ja4Alpn(List.of("h2"))).isEqualTo("h2");
    assertThat(Fingerprints.ja4Alpn(List.of("http/1.1"))).isEqualTo("h1");
    assertThat(Fingerprints.ja4Alpn(List.of("\u00ab\u00cd"))).isEqualTo("ad");
    assertThat(Fingerprints.ja4Alpn(List.of())).isEqualTo("00");
  }

  @Test
  void shouldBuildJa3StringWithoutGrease() {
    ClientHello h = specExample(List.of());

    assertThat(Fingerprints.ja3String(h))
        .isEqualTo(
            "771,4865-4866-4867-49195-49199-49196-49200-52393-52392-49171-49172-156-157-47-53,"
                + "27-0-51-16-17513-23-45-13-5-35-18-43-65281-11-10-21,29-23,0");
    assertThat(Fingerprints.ja3(h)).hasSize(32).matches("[0-9a-f]{32}");
  }

  @Test
  void shouldRecogniseGrease() {
    assertThat(TlsVersion.isGrease(0x0a0a)).isTrue();
    assertThat(TlsVersion.isGrease(0xfafa)).isTrue();
    assertThat(TlsVersion.isGrease(0x0a1a)).isFalse();
    assertThat(TlsVersion.isGrease(0x1301)).isFalse();
  }
}

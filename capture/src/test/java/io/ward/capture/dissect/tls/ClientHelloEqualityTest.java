package io.ward.capture.dissect.tls;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * ClientHello writes out equals and hashCode (for speed under the C1 compiler); offers are the keys
 * of the fingerprint cache, so two offers must be equal exactly when every component is.
 */
class ClientHelloEqualityTest {

  private static final ClientHello OFFER =
      new ClientHello(
          0x0303,
          List.of(0x1301, 0x1302),
          List.of(0, 10, 11, 13, 16, 43),
          Optional.of("pacs.hospital.example"),
          List.of(0x0304, 0x0303),
          List.of(29, 23),
          List.of(0),
          List.of(0x0403, 0x0804),
          List.of("h2", "http/1.1"),
          false);

  @Test
  void anEqualOfferIsEqualWithTheSameHash() {
    ClientHello same =
        new ClientHello(
            0x0303,
            new ArrayList<>(List.of(0x1301, 0x1302)),
            List.of(0, 10, 11, 13, 16, 43),
            Optional.of("pacs.hospital.example"),
            List.of(0x0304, 0x0303),
            List.of(29, 23),
            List.of(0),
            List.of(0x0403, 0x0804),
            List.of("h2", "http/1.1"),
            false);
    assertThat(same).isEqualTo(OFFER).hasSameHashCodeAs(OFFER);
    assertThat(OFFER).isNotEqualTo(null).isNotEqualTo("an offer");
  }

  @Test
  void anOfferDiffersInEveryComponent() {
    List<UnaryOperator<ClientHello>> changes =
        List.of(
            h -> with(h, 0x0301, h.ciphers(), h.sni(), h.alpn(), h.sslv2(), 0),
            h -> with(h, h.legacyVersion(), List.of(0x1301), h.sni(), h.alpn(), h.sslv2(), 0),
            h -> with(h, h.legacyVersion(), h.ciphers(), Optional.empty(), h.alpn(), h.sslv2(), 0),
            h -> with(h, h.legacyVersion(), h.ciphers(), h.sni(), List.of("h2"), h.sslv2(), 0),
            h -> with(h, h.legacyVersion(), h.ciphers(), h.sni(), h.alpn(), true, 0),
            h -> with(h, h.legacyVersion(), h.ciphers(), h.sni(), h.alpn(), h.sslv2(), 1),
            h -> with(h, h.legacyVersion(), h.ciphers(), h.sni(), h.alpn(), h.sslv2(), 2),
            h -> with(h, h.legacyVersion(), h.ciphers(), h.sni(), h.alpn(), h.sslv2(), 3),
            h -> with(h, h.legacyVersion(), h.ciphers(), h.sni(), h.alpn(), h.sslv2(), 4),
            h -> with(h, h.legacyVersion(), h.ciphers(), h.sni(), h.alpn(), h.sslv2(), 5));
    for (UnaryOperator<ClientHello> change : changes) {
      ClientHello other = change.apply(OFFER);
      assertThat(other).isNotEqualTo(OFFER);
      assertThat(OFFER).isNotEqualTo(other);
    }
  }

  /**
   * {@code h} with the given fields, and with list number {@code altered} (1 extensions, 2
   * supported versions, 3 groups, 4 point formats, 5 signature algorithms; 0 none) given one more
   * value.
   */
  private static ClientHello with(
      ClientHello h,
      int version,
      List<Integer> ciphers,
      Optional<String> sni,
      List<String> alpn,
      boolean sslv2,
      int altered) {
    return new ClientHello(
        version,
        ciphers,
        plusOne(h.extensions(), altered == 1),
        sni,
        plusOne(h.supportedVersions(), altered == 2),
        plusOne(h.groups(), altered == 3),
        plusOne(h.pointFormats(), altered == 4),
        plusOne(h.signatureAlgorithms(), altered == 5),
        alpn,
        sslv2);
  }

  private static List<Integer> plusOne(List<Integer> values, boolean alter) {
    if (!alter) {
      return values;
    }
    List<Integer> more = new ArrayList<>(values);
    more.add(0xFFFF);
    return more;
  }
}

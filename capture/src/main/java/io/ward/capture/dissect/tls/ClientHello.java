package io.ward.capture.dissect.tls;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a client offered (RFC 8446 §4.1.2, RFC 5246 §7.4.1.2, or an SSLv2 CLIENT-HELLO), lists in
 * wire order with GREASE values kept (fingerprints drop them).
 *
 * @param legacyVersion client_version (for SSLv2, the version field of the CLIENT-HELLO)
 * @param ciphers cipher suites; for SSLv2, 24-bit cipher specs
 * @param extensions extension types in order
 * @param supportedVersions the supported_versions extension (43), empty when absent
 * @param groups supported_groups (10)
 * @param pointFormats ec_point_formats (11)
 * @param signatureAlgorithms signature_algorithms (13)
 * @param alpn application_layer_protocol_negotiation (16) protocol names
 * @param sslv2 true for an SSLv2-format CLIENT-HELLO
 */
record ClientHello(
    int legacyVersion,
    List<Integer> ciphers,
    List<Integer> extensions,
    Optional<String> sni,
    List<Integer> supportedVersions,
    List<Integer> groups,
    List<Integer> pointFormats,
    List<Integer> signatureAlgorithms,
    List<String> alpn,
    boolean sslv2) {

  ClientHello {
    ciphers = List.copyOf(ciphers);
    extensions = List.copyOf(extensions);
    supportedVersions = List.copyOf(supportedVersions);
    groups = List.copyOf(groups);
    pointFormats = List.copyOf(pointFormats);
    signatureAlgorithms = List.copyOf(signatureAlgorithms);
    alpn = List.copyOf(alpn);
  }

  // Written out rather than left to the record: see io.ward.model.MacAddress#equals. Offers are
  // the keys of the fingerprint cache (ClientHelloPrints).
  @Override
  public boolean equals(Object o) {
    if (!(o instanceof ClientHello)) {
      return false;
    }
    ClientHello other = (ClientHello) o;
    return other.legacyVersion == legacyVersion
        && other.sslv2 == sslv2
        && other.ciphers.equals(ciphers)
        && other.extensions.equals(extensions)
        && Objects.equals(other.sni, sni)
        && other.supportedVersions.equals(supportedVersions)
        && other.groups.equals(groups)
        && other.pointFormats.equals(pointFormats)
        && other.signatureAlgorithms.equals(signatureAlgorithms)
        && other.alpn.equals(alpn);
  }

  @Override
  public int hashCode() {
    // In component order, as the record's own would be.
    int h = 31 * legacyVersion + ciphers.hashCode();
    h = 31 * h + extensions.hashCode();
    h = 31 * h + Objects.hashCode(sni);
    h = 31 * h + supportedVersions.hashCode();
    h = 31 * h + groups.hashCode();
    h = 31 * h + pointFormats.hashCode();
    h = 31 * h + signatureAlgorithms.hashCode();
    h = 31 * h + alpn.hashCode();
    return 31 * h + Boolean.hashCode(sslv2);
  }

  /**
   * A measure of the offer's size: the values its lists hold together, plus the characters of its
   * ALPN names (each up to 255 bytes).
   */
  int size() {
    int alpnChars = 0;
    // Indexed: the C1-only JIT Ward runs with allocates an iterator for every for-each.
    for (int i = 0; i < alpn.size(); i++) {
      alpnChars += alpn.get(i).length();
    }
    return ciphers.size()
        + extensions.size()
        + supportedVersions.size()
        + groups.size()
        + pointFormats.size()
        + signatureAlgorithms.size()
        + alpn.size()
        + alpnChars;
  }

  /** The same offer without the server name (which no fingerprint depends on). */
  ClientHello withoutSni() {
    return new ClientHello(
        legacyVersion,
        ciphers,
        extensions,
        Optional.empty(),
        supportedVersions,
        groups,
        pointFormats,
        signatureAlgorithms,
        alpn,
        sslv2);
  }

  /** The highest version offered: the largest non-GREASE supported_versions entry, else legacy. */
  int highestVersion() {
    int best = -1;
    for (int v : supportedVersions) {
      if (!TlsVersion.isGrease(v) && rank(v) > rank(best)) {
        best = v;
      }
    }
    return best >= 0 ? best : legacyVersion;
  }

  /** Orders versions; TLS 1.3 drafts (0x7fXX) rank just below TLS 1.3 itself. */
  private static int rank(int v) {
    if (v < 0) {
      return -1;
    }
    return TlsVersion.isDraft13(v) ? 0x0303 * 256 + (v & 0xFF) : v * 256;
  }
}

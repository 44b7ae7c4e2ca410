package io.ward.capture.dissect.tls;

import java.util.List;
import java.util.Optional;

/**
 * What a server chose (RFC 8446 §4.1.3, RFC 5246 §7.4.1.3, or an SSLv2 SERVER-HELLO).
 *
 * @param cipher the chosen cipher suite; empty for SSLv2, whose server lists specs instead
 * @param selectedVersion the supported_versions extension of a TLS 1.3 ServerHello
 * @param sslv2CipherSpecs the cipher specs an SSLv2 server offers (24-bit)
 * @param sslv2Certificate the DER certificate an SSLv2 SERVER-HELLO carries in clear
 */
record ServerHello(
    int legacyVersion,
    Optional<Integer> cipher,
    Optional<Integer> selectedVersion,
    List<Integer> extensions,
    List<Integer> sslv2CipherSpecs,
    Optional<byte[]> sslv2Certificate) {

  ServerHello {
    extensions = List.copyOf(extensions);
    sslv2CipherSpecs = List.copyOf(sslv2CipherSpecs);
  }

  /** The negotiated version: supported_versions when present (TLS 1.3), else the legacy field. */
  int negotiatedVersion() {
    return selectedVersion.orElse(legacyVersion);
  }
}

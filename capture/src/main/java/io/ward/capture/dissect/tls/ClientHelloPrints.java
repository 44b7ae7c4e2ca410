package io.ward.capture.dissect.tls;

import io.ward.model.Facts;
import io.ward.model.ObservationFields;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What Ward reports about a ClientHello's offer: the cipher list as text, JA3 and JA4. Hospital
 * clients run a handful of TLS stacks that send the same offer connection after connection, and
 * building the fingerprints (decimal and hex text, sorting, MD5 and SHA-256) was a twentieth of the
 * whole analysis on the bench capture; they are remembered per distinct offer.
 *
 * @param ciphers the offered suites, GREASE removed, hex in wire order; empty when none
 * @param ja3 the JA3 fingerprint; empty for SSLv2, which JA3 and JA4 do not describe
 * @param ja4 the JA4 fingerprint; empty for SSLv2
 * @param facts what the offer says about the client, in this order: its highest version, the cipher
 *     list, the ALPN names, JA3 and JA4 (those present); one instance per cached offer, so the
 *     inventory counts a repeat fast (see {@link Facts})
 */
record ClientHelloPrints(String ciphers, Optional<String> ja3, Optional<String> ja4, Facts facts) {

  /** Distinct offers kept; on overflow the cache starts again (bounded against hostile input). */
  static final int MAX_ENTRIES = 1_024;

  /**
   * Offers larger than this ({@link ClientHello#size}: list entries plus ALPN characters) are
   * computed every time rather than kept: real stacks send well under a hundred values and a few
   * short ALPN names, and a hostile hello of thousands must not be pinned in memory.
   */
  static final int MAX_CACHED_SIZE = 512;

  // Shared by the capture workers, like CertificateParser's cache: a concurrent map, cleared when
  // full, since a stale or repeated computation only costs time.
  private static final Map<ClientHello, ClientHelloPrints> CACHE = new ConcurrentHashMap<>();

  /** The prints of {@code h}, computed once per distinct offer. */
  static ClientHelloPrints of(ClientHello h) {
    // The SNI value is not part of any print (JA4 only asks whether the extension is present, which
    // the extension list says), so clients of many servers share one entry.
    if (h.size() > MAX_CACHED_SIZE) {
      return compute(h);
    }
    ClientHello offer = h.sni().isEmpty() ? h : h.withoutSni();
    ClientHelloPrints known = CACHE.get(offer);
    if (known != null) {
      return known;
    }
    ClientHelloPrints computed = compute(offer);
    if (CACHE.size() >= MAX_ENTRIES) {
      CACHE.clear();
    }
    CACHE.put(offer, computed);
    return computed;
  }

  static ClientHelloPrints compute(ClientHello h) {
    StringBuilder ciphers = new StringBuilder();
    for (int c : h.ciphers()) {
      if (!TlsVersion.isGrease(c)) {
        if (ciphers.length() > 0) {
          ciphers.append(',');
        }
        Fingerprints.appendHex(ciphers, c, h.sslv2() ? 6 : 4);
      }
    }
    String list = ciphers.toString();
    Optional<String> ja3 = h.sslv2() ? Optional.empty() : Optional.of(Fingerprints.ja3(h));
    Optional<String> ja4 = h.sslv2() ? Optional.empty() : Optional.of(Fingerprints.ja4(h));
    Facts.Builder facts = Facts.builder();
    facts.add(ObservationFields.TLS_CLIENT_VERSION, TlsVersion.name(h.highestVersion()));
    if (!list.isEmpty()) {
      facts.add(TlsSession.TLS_CLIENT_CIPHERS, list);
    }
    if (!h.alpn().isEmpty()) {
      facts.add(TlsSession.TLS_ALPN, String.join(",", h.alpn()));
    }
    ja3.ifPresent(v -> facts.add(ObservationFields.TLS_JA3, v));
    ja4.ifPresent(v -> facts.add(ObservationFields.TLS_JA4, v));
    return new ClientHelloPrints(list, ja3, ja4, facts.build());
  }
}

package io.ward.capture.dissect.tls;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.Collections;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The certificate cache hashes only part of the DER bytes; it must still never mix two apart. */
class CertificateCacheTest {

  @Test
  void tellsApartBytesThatHashAlikeAndKeepsTheirResults() throws Exception {
    byte[] real = aRealCertificate();
    // Same length and same last bytes (all the hash reads), nothing else in common.
    byte[] forged = new byte[real.length];
    System.arraycopy(real, real.length - 64, forged, real.length - 64, 64);
    BytesKey realKey = BytesKey.hashingTail(real);
    BytesKey forgedKey = BytesKey.hashingTail(forged);
    assertThat(forgedKey.hashCode()).isEqualTo(realKey.hashCode());
    assertThat(forgedKey).isNotEqualTo(realKey);
    assertThat(Integer.signum(forgedKey.compareTo(realKey)))
        .isEqualTo(-Integer.signum(realKey.compareTo(forgedKey)))
        .isNotZero();

    Optional<ServerCertificate> parsed = CertificateParser.parse(real);
    assertThat(parsed).isPresent();
    assertThat(CertificateParser.parse(forged)).isEmpty();
    assertThat(CertificateParser.parse(real.clone())).isEqualTo(parsed);
    assertThat(BytesKey.hashingTail(real.clone())).isEqualTo(realKey);
  }

  /** A CA certificate from the JDK's own trust store, which every JDK has. */
  private static byte[] aRealCertificate() throws Exception {
    Path cacerts = Path.of(System.getProperty("java.home"), "lib", "security", "cacerts");
    KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
    try (InputStream in = Files.newInputStream(cacerts)) {
      store.load(in, null);
    }
    for (String alias : Collections.list(store.aliases())) {
      Certificate c = store.getCertificate(alias);
      if (c != null && c.getEncoded().length > 128) {
        return c.getEncoded();
      }
    }
    throw new AssertionError("no certificate in " + cacerts);
  }
}

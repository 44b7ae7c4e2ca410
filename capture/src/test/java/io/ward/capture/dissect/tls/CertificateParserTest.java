package io.ward.capture.dissect.tls;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.spec.RSAPublicKeySpec;
import org.junit.jupiter.api.Test;

class CertificateParserTest {
  private static final BigInteger MODULUS = BigInteger.ONE.shiftLeft(3071).setBit(0);

  private static PublicKey rsa(BigInteger exponent) throws Exception {
    return KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(MODULUS, exponent));
  }

  @Test
  void shouldCheckSignaturesOfUsualKeysButNotOfRsaKeysWithHugeExponents() throws Exception {
    assertThat(CertificateParser.cheapToVerify(rsa(BigInteger.valueOf(65_537)))).isTrue();
    BigInteger largestChecked =
        BigInteger.ONE
            .shiftLeft(CertificateParser.MAX_VERIFIED_EXPONENT_BITS)
            .subtract(BigInteger.ONE);
    assertThat(CertificateParser.cheapToVerify(rsa(largestChecked))).isTrue();
    // A verification with a 3,000-bit exponent costs about a hundred times one with 65537.
    assertThat(CertificateParser.cheapToVerify(rsa(largestChecked.shiftLeft(1).setBit(0))))
        .isFalse();
    assertThat(CertificateParser.cheapToVerify(rsa(BigInteger.ONE.shiftLeft(2999).setBit(0))))
        .isFalse();
    KeyPairGenerator ec = KeyPairGenerator.getInstance("EC");
    ec.initialize(256);
    assertThat(CertificateParser.cheapToVerify(ec.generateKeyPair().getPublic())).isTrue();
  }
}

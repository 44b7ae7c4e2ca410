package io.ward.server;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ssl.pem.PemContent;

/**
 * Checks PEM certificate and key files before the server starts, so that a wrong file is one clear
 * line naming it (not a stack of the web server's errors) and a key that does not belong to the
 * certificate is refused rather than served.
 */
final class TlsFiles {
  private static final Logger log = LoggerFactory.getLogger(TlsFiles.class);

  private TlsFiles() {}

  /**
   * Checks a PEM pair: the certificate file holds a certificate, the key file a private key, and
   * the key signs what the certificate's public key verifies. Expired or not yet valid certificates
   * are logged.
   *
   * @throws ServerStartException with a one-line reason naming the file
   */
  static void checkPem(Path certificate, Path privateKey) throws ServerStartException {
    List<X509Certificate> chain;
    try {
      chain = read(certificate, "certificate").getCertificates();
    } catch (RuntimeException e) {
      chain = null; // Spring Boot's parser: "Missing certificates or unrecognized format"
    }
    if (chain == null || chain.isEmpty()) {
      throw new ServerStartException(
          "TLS certificate " + certificate + " holds no PEM certificate (BEGIN CERTIFICATE)", null);
    }
    PrivateKey key;
    try {
      key = read(privateKey, "private key").getPrivateKey();
    } catch (RuntimeException e) {
      key = null;
    }
    if (key == null) {
      throw new ServerStartException(
          "TLS private key "
              + privateKey
              + " holds no readable unencrypted PEM private key (PKCS#8, PKCS#1 or SEC 1)",
          null);
    }
    X509Certificate leaf = chain.get(0);
    Optional<Boolean> matches = matches(key, leaf.getPublicKey());
    if (matches.isPresent() && !matches.get()) {
      throw new ServerStartException(
          "TLS private key "
              + privateKey
              + " does not belong to the certificate "
              + certificate
              + " ("
              + leaf.getSubjectX500Principal().getName()
              + ")",
          null);
    }
    try {
      leaf.checkValidity();
    } catch (GeneralSecurityException e) {
      log.warn(
          "TLS certificate {} is not valid now (valid {} to {}); clients will refuse it",
          certificate,
          leaf.getNotBefore().toInstant(),
          leaf.getNotAfter().toInstant());
    }
  }

  private static PemContent read(Path file, String what) throws ServerStartException {
    try {
      if (!Files.isRegularFile(file)) {
        throw new NoSuchFileException(file.toString());
      }
      return PemContent.load(file);
    } catch (NoSuchFileException e) {
      throw new ServerStartException("TLS " + what + " " + file + " does not exist", e);
    } catch (IOException | RuntimeException e) {
      throw new ServerStartException(
          "TLS " + what + " " + file + " cannot be read: " + StartFailures.rootMessage(e), e);
    }
  }

  /** Whether the key signs what the public key verifies; empty for a kind of key not known. */
  private static Optional<Boolean> matches(PrivateKey key, PublicKey publicKey) {
    String algorithm;
    switch (key.getAlgorithm()) {
      case "RSA":
        algorithm = "SHA256withRSA";
        break;
      case "EC":
        algorithm = "SHA256withECDSA";
        break;
      case "Ed25519":
      case "Ed448":
      case "EdDSA":
        algorithm = key.getAlgorithm();
        break;
      default:
        return Optional.empty();
    }
    if (!key.getAlgorithm().equals(publicKey.getAlgorithm())) {
      return Optional.of(false);
    }
    try {
      byte[] challenge = new byte[32];
      new SecureRandom().nextBytes(challenge);
      Signature sign = Signature.getInstance(algorithm);
      sign.initSign(key);
      sign.update(challenge);
      byte[] signature = sign.sign();
      Signature verify = Signature.getInstance(algorithm);
      verify.initVerify(publicKey);
      verify.update(challenge);
      return Optional.of(verify.verify(signature));
    } catch (GeneralSecurityException e) {
      return Optional.of(false);
    }
  }
}

package io.ward.capture.dissect.tls;

/**
 * The server's leaf certificate, as far as Ward reads it.
 *
 * @param subject the subject DN (RFC 2253)
 * @param issuer the issuer DN (RFC 2253)
 * @param notAfter the end of validity, ISO-8601
 * @param key key algorithm and size, e.g. {@code RSA-2048}, {@code EC-256}
 * @param selfSigned subject equals issuer and the signature verifies with the certificate's key
 */
record ServerCertificate(
    String subject, String issuer, String notAfter, String key, boolean selfSigned) {}

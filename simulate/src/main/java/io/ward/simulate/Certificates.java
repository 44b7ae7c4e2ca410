package io.ward.simulate;

import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * X.509 v3 server certificates (RFC 5280 section 4.1) for simulated TLS servers: well-formed DER
 * with subject, issuer, validity, an RSA-2048 key and a subjectAltName, signed with random bytes
 * (no one verifies them; the structure is what a passive tool reads). Deterministic per name.
 */
final class Certificates {
  private static final String SHA256_WITH_RSA = "1.2.840.113549.1.1.11";
  private static final String RSA = "1.2.840.113549.1.1.1";
  private static final String CN = "2.5.4.3";
  private static final String O = "2.5.4.10";
  private static final String C = "2.5.4.6";
  private static final String SUBJECT_ALT_NAME = "2.5.29.17";
  private static final long DAY_MICROS = 86_400_000_000L;

  private final long seed;
  private final long startMicros;
  private final Map<String, byte[]> cache = new HashMap<>();

  Certificates(long seed, long startEpochMillis) {
    this.seed = seed;
    this.startMicros = startEpochMillis * 1000;
  }

  /** The certificate of {@code dnsName}, issued by the hospital CA or a public one. */
  byte[] forName(String dnsName, boolean internal) {
    return cache.computeIfAbsent(dnsName + (internal ? "#i" : "#p"), k -> build(dnsName, internal));
  }

  private byte[] build(String dnsName, boolean internal) {
    SplittableRandom rnd = new SplittableRandom(seed ^ ((long) dnsName.hashCode() << 17) ^ 0xCE27L);
    byte[] algorithm = Der.seq(Der.oid(SHA256_WITH_RSA), Der.nul());
    byte[] issuer =
        internal
            ? name("St Eligius Issuing CA 01", "St Eligius Hospital", "US")
            : name("Simulated Public TLS CA R1", "Ward Simulation Trust Services", "US");
    byte[] subject = name(dnsName, internal ? "St Eligius Hospital" : "Simulated Service", "US");
    long notBefore = startMicros - (60 + rnd.nextInt(300)) * DAY_MICROS;
    long notAfter = notBefore + (internal ? 730 : 397) * DAY_MICROS;
    byte[] validity =
        Der.seq(
            Der.utcTime(CaptureClock.utcTime(notBefore)),
            Der.utcTime(CaptureClock.utcTime(notAfter)));
    byte[] modulus = random(rnd, 256);
    modulus[0] |= (byte) 0x80;
    modulus[255] |= 1;
    byte[] key =
        Der.seq(
            Der.seq(Der.oid(RSA), Der.nul()),
            Der.bits(Der.seq(Der.unsigned(modulus), Der.integer(65537))));
    byte[] san = Der.seq(Der.tlv(0x82, Bytes.text(dnsName))); // dNSName [2] IMPLICIT IA5String
    byte[] extensions =
        Der.explicit(3, Der.seq(Der.seq(Der.oid(SUBJECT_ALT_NAME), Der.octets(san))));
    byte[] serial = random(rnd, 16);
    serial[0] &= 0x7F;
    serial[0] |= 0x10;
    byte[] tbs =
        Der.seq(
            Der.explicit(0, Der.integer(2)),
            Der.unsigned(serial),
            algorithm,
            issuer,
            validity,
            subject,
            key,
            extensions);
    return Der.seq(tbs, algorithm, Der.bits(random(rnd, 256)));
  }

  private static byte[] name(String commonName, String organization, String country) {
    return Der.seq(
        Der.set(Der.seq(Der.oid(C), Der.printable(country))),
        Der.set(Der.seq(Der.oid(O), Der.utf8(organization))),
        Der.set(Der.seq(Der.oid(CN), Der.utf8(commonName))));
  }

  static byte[] random(SplittableRandom rnd, int n) {
    byte[] b = new byte[n];
    int i = 0;
    while (i < n) {
      long v = rnd.nextLong();
      for (int k = 0; k < 8 && i < n; k++, i++) {
        b[i] = (byte) (v >>> (8 * k));
      }
    }
    return b;
  }
}

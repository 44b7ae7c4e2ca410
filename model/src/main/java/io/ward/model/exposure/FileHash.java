package io.ward.model.exposure;

/**
 * A cryptographic hash of a file that identifies a product (CSAF {@code hashes}).
 *
 * @param filename the file the hash was computed over
 * @param algorithm the algorithm name as published, e.g. {@code sha256}
 * @param value the hash in hex
 */
public record FileHash(String filename, String algorithm, String value) {

  public FileHash {
    Checks.text(filename, "filename");
    Checks.text(algorithm, "algorithm");
    Checks.text(value, "value");
  }
}

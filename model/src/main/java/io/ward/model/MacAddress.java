package io.ward.model;

/**
 * A 48-bit IEEE MAC address held in the low bits of a long, so the capture hot path can carry it
 * without allocating.
 */
public record MacAddress(long bits) implements Comparable<MacAddress> {

  public MacAddress {
    if ((bits & ~0xFFFF_FFFF_FFFFL) != 0) {
      throw new IllegalArgumentException(
          "MAC address wider than 48 bits: " + Long.toHexString(bits));
    }
  }

  // equals and hashCode are written out rather than left to the record: a record's come from an
  // invokedynamic bootstrap (ObjectMethods) that spins method-handle classes on first use, and an
  // analysis runs with the C1 compiler alone, which does not inline through those handles; measured
  // about eight times slower per call than these. The model's addresses are hashed per observation.
  @Override
  public boolean equals(Object o) {
    return o instanceof MacAddress && ((MacAddress) o).bits == bits;
  }

  @Override
  public int hashCode() {
    return Long.hashCode(bits);
  }

  /** Reads six bytes at {@code offset}. */
  public static MacAddress of(byte[] bytes, int offset) {
    long v = 0;
    for (int i = 0; i < 6; i++) {
      v = (v << 8) | (bytes[offset + i] & 0xFF);
    }
    return new MacAddress(v);
  }

  /** Parses {@code aa:bb:cc:dd:ee:ff} (also with '-' separators or none). */
  public static MacAddress parse(String text) {
    String hex = text.replace(":", "").replace("-", "").replace(".", "");
    if (hex.length() != 12) {
      throw new IllegalArgumentException("not a MAC address: " + text);
    }
    return new MacAddress(Long.parseLong(hex, 16));
  }

  /** The 24-bit organisationally unique identifier (the first three bytes). */
  public int oui() {
    return (int) (bits >>> 24);
  }

  /** True for group (multicast or broadcast) addresses, which never name one device. */
  public boolean isGroup() {
    return ((bits >>> 40) & 0x01) != 0;
  }

  /** True when the locally-administered bit is set (randomised or software-assigned). */
  public boolean isLocallyAdministered() {
    return ((bits >>> 40) & 0x02) != 0;
  }

  @Override
  public int compareTo(MacAddress o) {
    return Long.compare(bits, o.bits);
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder(17);
    for (int shift = 40; shift >= 0; shift -= 8) {
      int b = (int) ((bits >>> shift) & 0xFF);
      sb.append(Character.forDigit(b >>> 4, 16)).append(Character.forDigit(b & 0xF, 16));
      if (shift > 0) {
        sb.append(':');
      }
    }
    return sb.toString();
  }
}

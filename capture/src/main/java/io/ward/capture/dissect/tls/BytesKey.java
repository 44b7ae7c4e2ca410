package io.ward.capture.dissect.tls;

import java.util.Arrays;

/**
 * Bytes as a key of the TLS caches (certificates, ClientHello offers), compared whole. Keys are
 * also ordered, so that keys crafted to share a hash fall in a tree bin of a {@code HashMap} or
 * {@code ConcurrentHashMap}, searched in logarithmic rather than linear time. Holds the array it is
 * given: pass a copy when the caller reuses it.
 */
final class BytesKey implements Comparable<BytesKey> {
  private static final int HASHED_TAIL_BYTES = 32;

  private final byte[] bytes;
  private final int hash;

  private BytesKey(byte[] bytes, int hash) {
    this.bytes = bytes;
    this.hash = hash;
  }

  /** A key hashed over all its bytes. */
  static BytesKey of(byte[] bytes) {
    return new BytesKey(bytes, Arrays.hashCode(bytes));
  }

  /**
   * A key hashed over its length and last bytes only: for a certificate, whose last bytes are its
   * signature and differ between any two, hashing every byte cost more than the lookup saved.
   */
  static BytesKey hashingTail(byte[] bytes) {
    int h = bytes.length;
    for (int i = Math.max(0, bytes.length - HASHED_TAIL_BYTES); i < bytes.length; i++) {
      h = 31 * h + bytes[i];
    }
    return new BytesKey(bytes, h);
  }

  @Override
  public int hashCode() {
    return hash;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof BytesKey k && hash == k.hash && Arrays.equals(bytes, k.bytes);
  }

  @Override
  public int compareTo(BytesKey o) {
    return Arrays.compare(bytes, o.bytes);
  }
}

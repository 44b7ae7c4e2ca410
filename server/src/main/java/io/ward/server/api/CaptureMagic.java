package io.ward.server.api;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Tells a capture from other files by its first bytes, before anything is stored: pcap (both byte
 * orders, microsecond and nanosecond), pcapng (Section Header Block type 0x0A0D0D0A) or gzip.
 */
public final class CaptureMagic {
  private static final int[][] MAGICS = {
    {0xd4, 0xc3, 0xb2, 0xa1}, // pcap, little-endian, microseconds
    {0xa1, 0xb2, 0xc3, 0xd4}, // pcap, big-endian, microseconds
    {0x4d, 0x3c, 0xb2, 0xa1}, // pcap, little-endian, nanoseconds
    {0xa1, 0xb2, 0x3c, 0x4d}, // pcap, big-endian, nanoseconds
    {0x0a, 0x0d, 0x0d, 0x0a}, // pcapng section header block
    {0x1f, 0x8b} // gzip (RFC 1952 ID1 ID2); its content is checked by the analysis
  };

  private CaptureMagic() {}

  /**
   * Wraps {@code in} so its first bytes can be checked and then read again.
   *
   * @return a stream positioned at the start when the content starts like a capture, else empty
   */
  public static java.util.Optional<InputStream> open(InputStream in) throws IOException {
    BufferedInputStream b = new BufferedInputStream(in, 8192);
    b.mark(8);
    byte[] head = b.readNBytes(4);
    b.reset();
    return matches(head) ? java.util.Optional.of(b) : java.util.Optional.empty();
  }

  /** True when {@code head} starts with a capture or gzip magic number. */
  static boolean matches(byte[] head) {
    for (int[] magic : MAGICS) {
      if (head.length >= magic.length) {
        boolean all = true;
        for (int i = 0; i < magic.length && all; i++) {
          all = (head[i] & 0xff) == magic[i];
        }
        if (all) {
          return true;
        }
      }
    }
    return false;
  }
}

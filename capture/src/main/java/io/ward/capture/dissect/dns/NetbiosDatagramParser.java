package io.ward.capture.dissect.dns;

import io.ward.model.IpAddress;
import java.util.Optional;

/**
 * Finds a browser announcement in a NetBIOS datagram (RFC 1002 §4.4.1): header, source and
 * destination names, then an SMB TRANSACTION ([MS-CIFS] 2.2.4.33) whose data is the browser frame.
 * Total: anything else gives {@link Optional#empty()}.
 */
final class NetbiosDatagramParser {
  private static final int HEADER = 14;
  private static final int SMB_HEADER = 32;
  private static final int SMB_TRANSACTION = 0x25;
  private static final int MIN_ANNOUNCEMENT = 28;

  private NetbiosDatagramParser() {}

  /** A direct unique, direct group or broadcast datagram (types 0x10-0x12). */
  static boolean looksLikeDatagram(byte[] b, int off, int len) {
    if (off < 0 || len < HEADER + 2 || off + len > b.length) {
      return false;
    }
    int type = b[off] & 0xFF;
    return type >= 0x10 && type <= 0x12 && (b[off + HEADER] & 0xFF) == 32;
  }

  static Optional<BrowserAnnouncement> announcement(byte[] b, int off, int len) {
    if (!looksLikeDatagram(b, off, len)) {
      return Optional.empty();
    }
    int end = off + len;
    IpAddress source = IpAddress.of(b, off + 4, 4);
    int p = skipName(b, off + HEADER, end);
    p = p < 0 ? -1 : skipName(b, p, end);
    if (p < 0 || p + SMB_HEADER + 1 + 26 > end) {
      return Optional.empty();
    }
    int smb = p;
    boolean isSmb =
        (b[smb] & 0xFF) == 0xFF && b[smb + 1] == 'S' && b[smb + 2] == 'M' && b[smb + 3] == 'B';
    if (!isSmb || (b[smb + 4] & 0xFF) != SMB_TRANSACTION || (b[smb + SMB_HEADER] & 0xFF) < 14) {
      return Optional.empty();
    }
    int words = smb + SMB_HEADER + 1;
    int dataCount = le16(b, words + 22);
    int data = smb + le16(b, words + 24);
    if (dataCount < MIN_ANNOUNCEMENT || data + MIN_ANNOUNCEMENT > end || data < words) {
      return Optional.empty();
    }
    int opcode = b[data] & 0xFF;
    if (opcode != BrowserAnnouncement.HOST_ANNOUNCEMENT
        && opcode != BrowserAnnouncement.DOMAIN_ANNOUNCEMENT
        && opcode != BrowserAnnouncement.LOCAL_MASTER_ANNOUNCEMENT) {
      return Optional.empty();
    }
    // Opcode, update count, periodicity (4), then the 16-byte NUL-padded server name.
    int nameAt = data + 6;
    int n = 0;
    while (n < 16 && b[nameAt + n] != 0) {
      n++;
    }
    String name = DnsParser.text(b, nameAt, n, false).trim();
    int serverType = le16(b, nameAt + 18) | (le16(b, nameAt + 20) << 16);
    return name.isEmpty()
        ? Optional.empty()
        : Optional.of(
            new BrowserAnnouncement(
                opcode, name, b[nameAt + 16] & 0xFF, b[nameAt + 17] & 0xFF, serverType, source));
  }

  /** Skips an encoded NetBIOS name with its scope labels; -1 when malformed or truncated. */
  private static int skipName(byte[] b, int p, int end) {
    for (int labels = 0; labels < 64; labels++) {
      if (p >= end) {
        return -1;
      }
      int n = b[p] & 0xFF;
      if (n == 0) {
        return p + 1;
      }
      if (n > 63) {
        return -1;
      }
      p += 1 + n;
    }
    return -1;
  }

  private static int le16(byte[] b, int at) {
    return (b[at] & 0xFF) | ((b[at + 1] & 0xFF) << 8);
  }
}

package io.ward.server.api;

import io.ward.server.ingest.JobKind;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;

/**
 * Tells device-record files from others by their first bytes, before anything is stored: a
 * CycloneDX SBOM or VEX is JSON or XML text, an MDS2 form an Excel workbook (xlsx is a zip, xls an
 * OLE2 compound file), a CMDB export text (CSV). Whether the content holds what it should is
 * checked by the job that reads it.
 */
public final class ImportMagic {
  private static final int HEAD = 8192;
  private static final byte[] ZIP = {0x50, 0x4b, 0x03, 0x04};
  private static final byte[] OLE2 = {
    (byte) 0xd0, (byte) 0xcf, 0x11, (byte) 0xe0, (byte) 0xa1, (byte) 0xb1, 0x1a, (byte) 0xe1
  };

  private ImportMagic() {}

  /**
   * Wraps {@code in} so its first bytes can be checked and then read again.
   *
   * @return a stream positioned at the start when the content starts like a file of {@code kind},
   *     else empty
   */
  public static Optional<InputStream> open(InputStream in, JobKind kind) throws IOException {
    BufferedInputStream b = new BufferedInputStream(in, HEAD * 2);
    b.mark(HEAD + 1);
    byte[] head = b.readNBytes(HEAD);
    b.reset();
    return matches(head, kind) ? Optional.of(b) : Optional.empty();
  }

  /** True when {@code head}, a file's first bytes, can start a file of {@code kind}. */
  static boolean matches(byte[] head, JobKind kind) {
    switch (kind) {
      case SBOM:
        int first = firstNonBlank(head);
        return first == '{' || first == '<';
      case MDS2:
        return startsWith(head, ZIP) || startsWith(head, OLE2);
      case CMDB:
        return head.length > 0 && !startsWith(head, ZIP) && !containsNul(head);
      default:
        throw new IllegalArgumentException("not a device-record kind: " + kind);
    }
  }

  /** What {@code kind} files look like, for the refusal message. */
  static String expected(JobKind kind) {
    switch (kind) {
      case SBOM:
        return "a CycloneDX SBOM or VEX document (JSON or XML)";
      case MDS2:
        return "an MDS2 form (an Excel workbook, .xlsx or .xls)";
      case CMDB:
        return "a CMDB or CMMS asset export (CSV text)";
      default:
        return kind.id();
    }
  }

  /** The first byte that is not white space or a UTF-8 byte order mark, or -1. */
  private static int firstNonBlank(byte[] head) {
    int i = 0;
    if (head.length >= 3
        && (head[0] & 0xff) == 0xef
        && (head[1] & 0xff) == 0xbb
        && (head[2] & 0xff) == 0xbf) {
      i = 3;
    }
    for (; i < head.length; i++) {
      int c = head[i] & 0xff;
      if (c != ' ' && c != '\t' && c != '\r' && c != '\n') {
        return c;
      }
    }
    return -1;
  }

  private static boolean startsWith(byte[] head, byte[] magic) {
    if (head.length < magic.length) {
      return false;
    }
    for (int i = 0; i < magic.length; i++) {
      if (head[i] != magic[i]) {
        return false;
      }
    }
    return true;
  }

  private static boolean containsNul(byte[] head) {
    for (byte b : head) {
      if (b == 0) {
        return true;
      }
    }
    return false;
  }
}

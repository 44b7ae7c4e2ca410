package io.ward.capture.dissect.smb;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Parses one SMB message (without its NetBIOS session header). Total: malformed input gives {@link
 * Optional#empty()}; fields that run past the message are left out.
 */
final class SmbParser {
  static final int SMB1_NEGOTIATE = 0x72;
  static final int SMB1_SESSION_SETUP = 0x73;
  static final int SMB2_NEGOTIATE = 0;

  private static final int SMB1_HEADER = 32;
  private static final int SMB2_HEADER = 64;
  private static final int MAX_DIALECTS = 64;
  private static final int MAX_STRING_CHARS = 256;
  private static final int COMPRESSION_CAPABILITIES = 3;

  private SmbParser() {}

  /** True when the message starts with an SMB protocol id (0xFF, 0xFE, 0xFD or 0xFC, "SMB"). */
  static boolean isSmb(byte[] b, int off, int len) {
    if (len < 4) {
      return false;
    }
    int id = b[off] & 0xFF;
    return (id == 0xFF || id == 0xFE || id == 0xFD || id == 0xFC)
        && b[off + 1] == 'S'
        && b[off + 2] == 'M'
        && b[off + 3] == 'B';
  }

  static Optional<SmbMessage> parse(byte[] b, int off, int len) {
    if (!isSmb(b, off, len)) {
      return Optional.empty();
    }
    int id = b[off] & 0xFF;
    if (id == 0xFD || id == 0xFC) {
      return Optional.of(new SmbMessage.Encrypted());
    }
    return id == 0xFF ? smb1(b, off, len) : smb2(b, off, len);
  }

  private static Optional<SmbMessage> smb1(byte[] b, int off, int len) {
    if (len < SMB1_HEADER + 1) {
      return Optional.empty();
    }
    int command = b[off + 4] & 0xFF;
    boolean request = (b[off + 9] & 0x80) == 0;
    boolean unicode = (le16(b, off + 10) & 0x8000) != 0;
    int wordCount = b[off + SMB1_HEADER] & 0xFF;
    int words = off + SMB1_HEADER + 1;
    int byteCountAt = words + 2 * wordCount;
    if (byteCountAt + 2 > off + len) {
      return Optional.of(new SmbMessage.Other(1, command, request));
    }
    int bytes = byteCountAt + 2;
    int bytesEnd = Math.min(off + len, bytes + le16(b, byteCountAt));
    if (command == SMB1_NEGOTIATE) {
      if (request) {
        return Optional.of(
            new SmbMessage.Smb1Negotiate(true, dialectStrings(b, bytes, bytesEnd), -1));
      }
      int index = wordCount >= 1 ? le16(b, words) : 0xFFFF;
      return Optional.of(new SmbMessage.Smb1Negotiate(false, List.of(), index));
    }
    if (command == SMB1_SESSION_SETUP) {
      return Optional.of(sessionSetup(b, off, words, wordCount, bytes, bytesEnd, request, unicode));
    }
    return Optional.of(new SmbMessage.Other(1, command, request));
  }

  /** [MS-CIFS] 2.2.4.52.1: each dialect is 0x02 then a NUL-terminated OEM string. */
  private static List<String> dialectStrings(byte[] b, int from, int to) {
    List<String> out = new ArrayList<>();
    int p = from;
    while (p < to && out.size() < MAX_DIALECTS) {
      if (b[p] != 0x02) {
        break;
      }
      int start = p + 1;
      int end = start;
      while (end < to && b[end] != 0) {
        end++;
      }
      out.add(printable(new String(b, start, end - start, StandardCharsets.ISO_8859_1)));
      p = end + 1;
    }
    return out;
  }

  /**
   * Where NativeOS starts depends on the word count: 12 (request with extended security: blob
   * length at word 7), 13 (NT LM 0.12 request: two password lengths at words 7 and 8, then account
   * name and domain before it), 10 (LANMAN request: one password length at word 7, then account and
   * domain), 4 (response with a security blob, its length at word 3) or 3 (plain response).
   */
  private static SmbMessage sessionSetup(
      byte[] b,
      int hdr,
      int words,
      int wordCount,
      int bytes,
      int end,
      boolean request,
      boolean unicode) {
    int p;
    int skipStrings = 0;
    if (request && wordCount == 12) {
      p = bytes + le16(b, words + 14);
    } else if (request && wordCount == 13) {
      p = bytes + le16(b, words + 14) + le16(b, words + 16);
      skipStrings = 2;
    } else if (request && wordCount == 10) {
      p = bytes + le16(b, words + 14);
      skipStrings = 2;
      unicode = false;
    } else if (!request && wordCount == 4) {
      p = bytes + le16(b, words + 6);
    } else if (!request && wordCount == 3) {
      p = bytes;
    } else {
      return new SmbMessage.Smb1SessionSetup(request, Optional.empty(), Optional.empty());
    }
    Strings s = new Strings(b, hdr, p, end, unicode);
    for (int i = 0; i < skipStrings; i++) {
      s.next();
    }
    Optional<String> os = s.next();
    Optional<String> lanMan = s.next();
    return new SmbMessage.Smb1SessionSetup(request, os, lanMan);
  }

  /** NUL-terminated OEM or UTF-16LE strings; Unicode ones align to 2 bytes from the header. */
  private static final class Strings {
    private final byte[] b;
    private final int header;
    private final int end;
    private final boolean unicode;
    private int p;

    Strings(byte[] b, int header, int from, int end, boolean unicode) {
      this.b = b;
      this.header = header;
      this.p = from;
      this.end = end;
      this.unicode = unicode;
    }

    Optional<String> next() {
      if (p < 0 || p >= end) {
        return Optional.empty();
      }
      if (unicode && ((p - header) & 1) != 0) {
        p++;
      }
      int start = p;
      String s;
      if (unicode) {
        while (p + 1 < end && (b[p] != 0 || b[p + 1] != 0)) {
          p += 2;
        }
        s = new String(b, start, Math.max(0, p - start), StandardCharsets.UTF_16LE);
        p += 2;
      } else {
        while (p < end && b[p] != 0) {
          p++;
        }
        s = new String(b, start, p - start, StandardCharsets.ISO_8859_1);
        p++;
      }
      s = printable(s);
      return s.isEmpty() ? Optional.empty() : Optional.of(s);
    }
  }

  private static Optional<SmbMessage> smb2(byte[] b, int off, int len) {
    if (len < SMB2_HEADER + 8 || le16(b, off + 4) != SMB2_HEADER) {
      return Optional.empty();
    }
    int command = le16(b, off + 12);
    boolean request = (le32(b, off + 16) & 1) == 0;
    if (command != SMB2_NEGOTIATE) {
      return Optional.of(new SmbMessage.Other(2, command, request));
    }
    int body = off + SMB2_HEADER;
    int end = off + len;
    List<Integer> dialects = new ArrayList<>();
    List<Integer> compression = new ArrayList<>();
    if (request) {
      int count = Math.min(le16(b, body + 2), MAX_DIALECTS);
      for (int i = 0; i < count && body + 36 + 2 * i + 2 <= end; i++) {
        dialects.add(le16(b, body + 36 + 2 * i));
      }
      if (body + 34 <= end && dialects.contains(0x0311)) {
        contexts(b, off, off + (int) le32(b, body + 28), le16(b, body + 32), end, compression);
      }
    } else {
      if (body + 8 > end) {
        return Optional.empty();
      }
      dialects.add(le16(b, body + 4));
      if (le16(b, body + 4) == 0x0311 && body + 64 <= end) {
        contexts(b, off, off + (int) le32(b, body + 60), le16(b, body + 6), end, compression);
      }
    }
    return Optional.of(new SmbMessage.Smb2Negotiate(request, dialects, compression));
  }

  /**
   * [MS-SMB2] 2.2.3.1: negotiate contexts, each 8-byte aligned from the SMB2 header: type, data
   * length, reserved, data. Only SMB2_COMPRESSION_CAPABILITIES is read.
   */
  private static void contexts(
      byte[] b, int header, int from, int count, int end, List<Integer> compression) {
    if (from < header) {
      return;
    }
    int p = from;
    for (int i = 0; i < Math.min(count, 16) && p + 8 <= end && p >= header; i++) {
      int type = le16(b, p);
      int length = le16(b, p + 2);
      int data = p + 8;
      if (data + length > end) {
        return;
      }
      if (type == COMPRESSION_CAPABILITIES && length >= 8) {
        int n = le16(b, data);
        for (int k = 0; k < Math.min(n, 16) && data + 8 + 2 * k + 2 <= data + length; k++) {
          compression.add(le16(b, data + 8 + 2 * k));
        }
      }
      p = header + (((data + length - header) + 7) & ~7);
    }
  }

  private static String printable(String s) {
    StringBuilder sb = new StringBuilder(Math.min(s.length(), MAX_STRING_CHARS));
    for (int i = 0; i < s.length() && sb.length() < MAX_STRING_CHARS; i++) {
      char c = s.charAt(i);
      sb.append(Character.isISOControl(c) ? '.' : c);
    }
    return sb.toString().trim();
  }

  static int le16(byte[] b, int at) {
    return (b[at] & 0xFF) | ((b[at + 1] & 0xFF) << 8);
  }

  private static long le32(byte[] b, int at) {
    return (le16(b, at) | ((long) le16(b, at + 2) << 16)) & 0xFFFF_FFFFL;
  }
}

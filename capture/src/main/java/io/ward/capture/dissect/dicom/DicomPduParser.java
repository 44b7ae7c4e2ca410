package io.ward.capture.dissect.dicom;

import io.ward.capture.dissect.dicom.DicomPdus.Associate;
import io.ward.capture.dissect.dicom.DicomPdus.Command;
import io.ward.capture.dissect.dicom.DicomPdus.PresentationContext;
import io.ward.capture.dissect.dicom.DicomPdus.Reject;
import io.ward.capture.dissect.dicom.DicomPdus.UserInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Parses the bodies of DICOM upper-layer PDUs (the bytes after the 6-byte PDU header) into {@link
 * DicomPdus} records. Every length is checked against the bytes present; a malformed item ends the
 * parse of its PDU with an empty result or skips just that item.
 */
final class DicomPduParser {

  static final int TYPE_ASSOCIATE_RQ = 0x01;
  static final int TYPE_ASSOCIATE_AC = 0x02;
  static final int TYPE_ASSOCIATE_RJ = 0x03;
  static final int TYPE_P_DATA = 0x04;
  static final int TYPE_RELEASE_RQ = 0x05;
  static final int TYPE_RELEASE_RP = 0x06;
  static final int TYPE_ABORT = 0x07;

  /** Fixed part of A-ASSOCIATE-RQ/AC: version, reserved, two AE titles, 32 reserved bytes. */
  static final int ASSOCIATE_FIXED_BYTES = 68;

  /** Presentation context ids are odd numbers 1 to 255, so at most 128 per association. */
  static final int MAX_CONTEXTS = 128;

  private static final int MAX_TRANSFER_SYNTAXES = 32;

  private DicomPduParser() {}

  /** A-ASSOCIATE-RQ ({@code request}) or AC body, or empty when its fixed part is truncated. */
  static Optional<Associate> associate(byte[] b, int off, int len, boolean request) {
    if (len < ASSOCIATE_FIXED_BYTES) {
      return Optional.empty();
    }
    int version = u16(b, off);
    String called = text(b, off + 4, 16);
    String calling = text(b, off + 20, 16);
    Optional<String> appContext = Optional.empty();
    List<PresentationContext> contexts = new ArrayList<>();
    UserInfo userInfo = UserInfo.NONE;
    int p = off + ASSOCIATE_FIXED_BYTES;
    int end = off + len;
    while (end - p >= 4) {
      int type = b[p] & 0xFF;
      int itemLength = u16(b, p + 2);
      int value = p + 4;
      if (itemLength > end - value) {
        break;
      }
      if (type == 0x10) {
        appContext = Optional.of(uid(b, value, itemLength));
      } else if ((type == 0x20 || type == 0x21) && contexts.size() < MAX_CONTEXTS) {
        presentationContext(b, value, itemLength).ifPresent(contexts::add);
      } else if (type == 0x50) {
        userInfo = userInfo(b, value, itemLength);
      }
      p = value + itemLength;
    }
    return Optional.of(
        new Associate(request, version, called, calling, appContext, contexts, userInfo));
  }

  /** A-ASSOCIATE-RJ body (4 bytes), or empty when short. */
  static Optional<Reject> reject(byte[] b, int off, int len) {
    if (len < 4) {
      return Optional.empty();
    }
    return Optional.of(new Reject(b[off + 1] & 0xFF, b[off + 2] & 0xFF, b[off + 3] & 0xFF));
  }

  /**
   * A command set in implicit VR little endian (PS3.7 section 6.3.1), or empty when it holds no
   * CommandField.
   */
  static Optional<Command> command(byte[] b, int off, int len) {
    int p = off;
    int end = off + len;
    Integer commandField = null;
    String affected = null;
    String requested = null;
    Integer status = null;
    while (end - p >= 8) {
      int group = u16le(b, p);
      int element = u16le(b, p + 2);
      long valueLength = u32le(b, p + 4);
      int value = p + 8;
      if (group != 0x0000 || valueLength > end - value) {
        break;
      }
      int vl = (int) valueLength;
      if (element == 0x0100 && vl == 2) {
        commandField = u16le(b, value);
      } else if (element == 0x0002) {
        affected = uid(b, value, vl);
      } else if (element == 0x0003) {
        requested = uid(b, value, vl);
      } else if (element == 0x0900 && vl == 2) {
        status = u16le(b, value);
      }
      p = value + vl;
    }
    if (commandField == null) {
      return Optional.empty();
    }
    Optional<String> sop =
        affected != null && !affected.isEmpty()
            ? Optional.of(affected)
            : Optional.ofNullable(requested).filter(s -> !s.isEmpty());
    return Optional.of(new Command(commandField, sop, Optional.ofNullable(status)));
  }

  private static Optional<PresentationContext> presentationContext(byte[] b, int off, int len) {
    if (len < 4) {
      return Optional.empty();
    }
    int id = b[off] & 0xFF;
    int result = b[off + 2] & 0xFF;
    Optional<String> abstractSyntax = Optional.empty();
    List<String> transfer = new ArrayList<>();
    int p = off + 4;
    int end = off + len;
    while (end - p >= 4) {
      int type = b[p] & 0xFF;
      int subLength = u16(b, p + 2);
      int value = p + 4;
      if (subLength > end - value) {
        break;
      }
      if (type == 0x30) {
        abstractSyntax = Optional.of(uid(b, value, subLength));
      } else if (type == 0x40 && transfer.size() < MAX_TRANSFER_SYNTAXES) {
        transfer.add(uid(b, value, subLength));
      }
      p = value + subLength;
    }
    return Optional.of(new PresentationContext(id, abstractSyntax, result, transfer));
  }

  private static UserInfo userInfo(byte[] b, int off, int len) {
    long maxPdu = 0;
    Optional<String> implUid = Optional.empty();
    Optional<String> implVersion = Optional.empty();
    Optional<Integer> identity = Optional.empty();
    int p = off;
    int end = off + len;
    while (end - p >= 4) {
      int type = b[p] & 0xFF;
      int subLength = u16(b, p + 2);
      int value = p + 4;
      if (subLength > end - value) {
        break;
      }
      if (type == 0x51 && subLength == 4) {
        maxPdu = u32(b, value);
      } else if (type == 0x52) {
        implUid = Optional.of(uid(b, value, subLength));
      } else if (type == 0x55) {
        implVersion = Optional.of(text(b, value, subLength));
      } else if (type == 0x58 && subLength >= 1) {
        // User Identity Negotiation (PS3.7 D.3.3.7): keep the type, never the identity.
        identity = Optional.of(b[value] & 0xFF);
      }
      p = value + subLength;
    }
    return new UserInfo(maxPdu, implUid, implVersion, identity);
  }

  /** A UID value: ASCII digits and dots, padded with NUL or space to an even length. */
  static String uid(byte[] b, int off, int len) {
    return text(b, off, len);
  }

  /** Printable ASCII of a fixed or padded field, without padding and control bytes. */
  static String text(byte[] b, int off, int len) {
    StringBuilder sb = new StringBuilder(len);
    for (int i = off; i < off + len; i++) {
      int c = b[i] & 0xFF;
      if (c >= 0x20 && c < 0x7F) {
        sb.append((char) c);
      }
    }
    return sb.toString().strip();
  }

  static int u16(byte[] b, int off) {
    return ((b[off] & 0xFF) << 8) | (b[off + 1] & 0xFF);
  }

  static long u32(byte[] b, int off) {
    return ((long) (b[off] & 0xFF) << 24)
        | ((b[off + 1] & 0xFF) << 16)
        | ((b[off + 2] & 0xFF) << 8)
        | (b[off + 3] & 0xFF);
  }

  private static int u16le(byte[] b, int off) {
    return (b[off] & 0xFF) | ((b[off + 1] & 0xFF) << 8);
  }

  private static long u32le(byte[] b, int off) {
    return (b[off] & 0xFFL)
        | ((b[off + 1] & 0xFFL) << 8)
        | ((b[off + 2] & 0xFFL) << 16)
        | ((b[off + 3] & 0xFFL) << 24);
  }
}

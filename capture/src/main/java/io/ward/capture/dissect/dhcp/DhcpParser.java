package io.ward.capture.dissect.dhcp;

import io.ward.model.IpAddress;
import io.ward.model.MacAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * Turns the bytes of one UDP datagram into a {@link DhcpMessage}. Pure and total: any input gives a
 * message or {@link Optional#empty()}, never an exception.
 */
final class DhcpParser {

  /** BOOTP fixed header (RFC 951 / RFC 2131 §2) up to the options field. */
  static final int FIXED_LENGTH = 236;

  private static final int SNAME_OFFSET = 44;
  private static final int SNAME_LENGTH = 64;
  private static final int FILE_OFFSET = 108;
  private static final int FILE_LENGTH = 128;
  private static final int MAGIC_COOKIE = 0x63825363;

  private static final int OPT_PAD = 0;
  private static final int OPT_END = 255;
  private static final int OPT_HOSTNAME = 12;
  private static final int OPT_REQUESTED_IP = 50;
  private static final int OPT_OVERLOAD = 52;
  private static final int OPT_MESSAGE_TYPE = 53;
  private static final int OPT_PARAM_LIST = 55;
  private static final int OPT_VENDOR_CLASS = 60;
  private static final int OPT_CLIENT_ID = 61;
  private static final int OPT_USER_CLASS = 77;
  private static final int OPT_FQDN = 81;
  private static final int OPT_MUD_URL = 161;

  private DhcpParser() {}

  /** True when the datagram has a BOOTP header and the DHCP magic cookie (RFC 2131 §3). */
  static boolean looksLikeDhcp(byte[] buf, int offset, int length) {
    if (length < FIXED_LENGTH + 4 || offset < 0 || offset + length > buf.length) {
      return false;
    }
    int op = buf[offset] & 0xFF;
    int hlen = buf[offset + 2] & 0xFF;
    return (op == 1 || op == 2)
        && hlen <= 16
        && readInt(buf, offset + FIXED_LENGTH) == MAGIC_COOKIE;
  }

  /** Parses one datagram; empty when it is not DHCP at all. */
  static Optional<DhcpMessage> parse(byte[] buf, int offset, int length) {
    if (!looksLikeDhcp(buf, offset, length)) {
      return Optional.empty();
    }
    Options options = new Options();
    int end = offset + length;
    int overload = options.read(buf, offset + FIXED_LENGTH + 4, end);
    // RFC 2131 §4.1 / RFC 2132 §9.3: option 52 says the file and/or sname fields carry options too,
    // read after the options field, file before sname.
    if ((overload & 1) != 0) {
      options.read(buf, offset + FILE_OFFSET, offset + FILE_OFFSET + FILE_LENGTH);
    }
    if ((overload & 2) != 0) {
      options.read(buf, offset + SNAME_OFFSET, offset + SNAME_OFFSET + SNAME_LENGTH);
    }
    int htype = buf[offset + 1] & 0xFF;
    int hlen = buf[offset + 2] & 0xFF;
    Optional<MacAddress> chaddr =
        htype == 1 && hlen == 6 ? Optional.of(MacAddress.of(buf, offset + 28)) : Optional.empty();
    byte[] type = options.get(OPT_MESSAGE_TYPE);
    return Optional.of(
        new DhcpMessage(
            buf[offset] & 0xFF,
            type != null && type.length == 1 ? type[0] & 0xFF : 0,
            chaddr,
            IpAddress.of(buf, offset + 12, 4),
            IpAddress.of(buf, offset + 16, 4),
            text(options.get(OPT_HOSTNAME)),
            paramList(options.get(OPT_PARAM_LIST)),
            text(options.get(OPT_VENDOR_CLASS)),
            hex(options.get(OPT_CLIENT_ID)),
            fqdn(options.get(OPT_FQDN), options.anomalies),
            address(options.get(OPT_REQUESTED_IP), options.anomalies),
            text(options.get(OPT_MUD_URL)),
            userClass(options.get(OPT_USER_CLASS)),
            options.anomalies));
  }

  /**
   * Collects the options. RFC 3396: an option that appears more than once is the concatenation of
   * its parts. Each part is appended in place, the buffer doubling as it grows: copying all that
   * was joined for each part made a datagram of 21,700 one-byte parts of one option cost about 27
   * times as much as a plain one of the same size. No joined option may exceed {@link
   * #MAX_OPTION_BYTES}; the rest is dropped and counted.
   */
  private static final class Options {
    private final byte[][] values = new byte[256][];
    private final int[] lengths = new int[256];
    private final List<String> anomalies = new ArrayList<>(2);
    private boolean tooLong;

    /** Reads options in [from, to); returns the value of option 52 if met, else 0. */
    int read(byte[] buf, int from, int to) {
      int overload = 0;
      int i = from;
      while (i < to) {
        int code = buf[i] & 0xFF;
        if (code == OPT_END) {
          return overload;
        }
        if (code == OPT_PAD) {
          i++;
          continue;
        }
        if (i + 1 >= to) {
          anomalies.add("dhcp.truncated_option");
          return overload;
        }
        int len = buf[i + 1] & 0xFF;
        if (i + 2 + len > to) {
          anomalies.add("dhcp.truncated_option");
          return overload;
        }
        if (code == OPT_OVERLOAD && len == 1) {
          overload = buf[i + 2] & 0x03;
        }
        append(code, buf, i + 2, len);
        i += 2 + len;
      }
      return overload;
    }

    private void append(int code, byte[] buf, int from, int len) {
      byte[] value = values[code];
      if (value == null) {
        values[code] = Arrays.copyOfRange(buf, from, from + len);
        lengths[code] = len;
        return;
      }
      int have = lengths[code];
      if (have + len > MAX_OPTION_BYTES) {
        if (!tooLong) {
          tooLong = true;
          anomalies.add("dhcp.option_too_long");
        }
        return;
      }
      if (have + len > value.length) {
        value = Arrays.copyOf(value, Math.min(MAX_OPTION_BYTES, Math.max(have + len, 2 * have)));
        values[code] = value;
      }
      System.arraycopy(buf, from, value, have, len);
      lengths[code] = have + len;
    }

    byte[] get(int code) {
      byte[] value = values[code];
      return value == null || value.length == lengths[code]
          ? value
          : Arrays.copyOf(value, lengths[code]);
    }
  }

  /**
   * Most bytes kept of one option, its parts joined: RFC 3396 allows more than 255, and the longest
   * Ward reads (a client identifier, an FQDN, a MUD URL) are far shorter.
   */
  static final int MAX_OPTION_BYTES = 4096;

  private static Optional<String> text(byte[] value) {
    if (value == null) {
      return Optional.empty();
    }
    String s = printable(value, 0, value.length);
    return s.isEmpty() ? Optional.empty() : Optional.of(s);
  }

  private static Optional<String> hex(byte[] value) {
    return value == null || value.length == 0
        ? Optional.empty()
        : Optional.of(HexFormat.of().formatHex(value));
  }

  private static Optional<String> paramList(byte[] value) {
    if (value == null || value.length == 0) {
      return Optional.empty();
    }
    StringBuilder sb = new StringBuilder(value.length * 3);
    for (byte b : value) {
      if (sb.length() > 0) {
        sb.append(',');
      }
      sb.append(b & 0xFF);
    }
    return Optional.of(sb.toString());
  }

  private static Optional<IpAddress> address(byte[] value, List<String> anomalies) {
    if (value == null) {
      return Optional.empty();
    }
    if (value.length != 4) {
      anomalies.add("dhcp.bad_option");
      return Optional.empty();
    }
    return Optional.of(IpAddress.of(value, 0, 4));
  }

  /** RFC 3004: a list of (length, data) user classes, shown as text joined by commas. */
  private static Optional<String> userClass(byte[] value) {
    if (value == null || value.length == 0) {
      return Optional.empty();
    }
    List<String> classes = new ArrayList<>();
    int i = 0;
    while (i < value.length) {
      int len = value[i] & 0xFF;
      if (len == 0 || i + 1 + len > value.length) {
        // Many clients send one plain string instead of the RFC 3004 list.
        return text(value);
      }
      classes.add(printable(value, i + 1, len));
      i += 1 + len;
    }
    return Optional.of(String.join(",", classes));
  }

  /**
   * RFC 4702 §2: flags, two obsolete RCODE bytes, then the name: canonical DNS wire format when the
   * E flag (0x04) is set, else ASCII.
   */
  private static Optional<String> fqdn(byte[] value, List<String> anomalies) {
    if (value == null) {
      return Optional.empty();
    }
    if (value.length < 3) {
      anomalies.add("dhcp.bad_option");
      return Optional.empty();
    }
    if ((value[0] & 0x04) == 0) {
      String s = printable(value, 3, value.length - 3);
      return s.isEmpty() ? Optional.empty() : Optional.of(s);
    }
    StringBuilder sb = new StringBuilder();
    int i = 3;
    while (i < value.length) {
      int len = value[i] & 0xFF;
      if (len == 0) {
        break;
      }
      if (len > 63 || i + 1 + len > value.length) {
        anomalies.add("dhcp.bad_option");
        return Optional.empty();
      }
      if (sb.length() > 0) {
        sb.append('.');
      }
      sb.append(printable(value, i + 1, len));
      i += 1 + len;
    }
    return sb.length() == 0 ? Optional.empty() : Optional.of(sb.toString());
  }

  /**
   * Decodes as UTF-8 (ASCII in practice), cuts at the first NUL (RFC 2132 §2 says options are not
   * NUL-terminated, but many clients add one), replaces control characters, trims.
   */
  static String printable(byte[] buf, int from, int len) {
    int end = from;
    while (end < from + len && buf[end] != 0) {
      end++;
    }
    String s = new String(buf, from, end - from, StandardCharsets.UTF_8);
    StringBuilder sb = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      sb.append(Character.isISOControl(c) ? '.' : c);
    }
    return sb.toString().trim();
  }

  private static int readInt(byte[] buf, int at) {
    return ((buf[at] & 0xFF) << 24)
        | ((buf[at + 1] & 0xFF) << 16)
        | ((buf[at + 2] & 0xFF) << 8)
        | (buf[at + 3] & 0xFF);
  }
}

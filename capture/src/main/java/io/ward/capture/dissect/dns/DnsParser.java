package io.ward.capture.dissect.dns;

import io.ward.capture.dissect.Ascii;
import io.ward.model.IpAddress;
import io.ward.model.MacAddress;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Parses one DNS-format message. Pure and total: any input gives a message or {@link
 * Optional#empty()}, never an exception. Every section is cut at {@link #MAX_RECORDS}; names are
 * bounded to 255 wire octets (RFC 1035 §2.3.4) and compression pointers must point strictly
 * backwards, each before the last, so a pointer loop cannot run forever.
 */
final class DnsParser {

  /** Records read per section; the rest is counted as {@code dns.too_many_records}. */
  static final int MAX_RECORDS = 64;

  static final int HEADER_LENGTH = 12;
  static final int TYPE_A = 1;
  static final int TYPE_NS = 2;
  static final int TYPE_CNAME = 5;
  static final int TYPE_PTR = 12;
  static final int TYPE_TXT = 16;
  static final int TYPE_AAAA = 28;
  static final int TYPE_SRV = 33;
  static final int TYPE_NB = 0x20;
  static final int TYPE_NBSTAT = 0x21;

  private static final int MAX_NAME_OCTETS = 255;
  private static final int MAX_POINTER_JUMPS = 64;
  private static final int MAX_NB_ADDRESSES = 16;
  private static final int MAX_TXT_STRINGS = 64;

  private final byte[] buf;
  private final int start;
  private final int end;
  private final boolean netbios;
  private final List<String> anomalies = new ArrayList<>(2);
  private int pos;
  private int nameEnd;

  private DnsParser(byte[] buf, int offset, int length, boolean netbios) {
    this.buf = buf;
    this.start = offset;
    this.end = offset + length;
    this.netbios = netbios;
    this.pos = offset + HEADER_LENGTH;
  }

  /**
   * A cheap plausibility check of the header: known opcode, and section counts that could fit in
   * the datagram (a question takes at least 5 bytes, a record at least 11).
   */
  static boolean looksLikeDns(byte[] buf, int offset, int length, boolean netbios) {
    if (length < HEADER_LENGTH || offset < 0 || offset + length > buf.length) {
      return false;
    }
    int flags = u16(buf, offset + 2);
    int opcode = (flags >>> 11) & 0xF;
    boolean knownOpcode =
        netbios
            ? opcode == 0 || (opcode >= 5 && opcode <= 9) || opcode == 15
            : opcode <= 2 || opcode == 4 || opcode == 5;
    if (!knownOpcode) {
      return false;
    }
    long qd = u16(buf, offset + 4);
    long records = (long) u16(buf, offset + 6) + u16(buf, offset + 8) + u16(buf, offset + 10);
    return qd + records > 0 && qd * 5 + records * 11 <= length - HEADER_LENGTH;
  }

  /**
   * Parses a message; empty when even the header is missing.
   *
   * @param netbios true for NBNS: first-level encoded names (RFC 1001 §14.1) and NB/NBSTAT data
   */
  static Optional<DnsMessage> parse(byte[] buf, int offset, int length, boolean netbios) {
    if (length < HEADER_LENGTH || offset < 0 || offset + length > buf.length) {
      return Optional.empty();
    }
    return Optional.of(new DnsParser(buf, offset, length, netbios).message());
  }

  private DnsMessage message() {
    int qd = u16(buf, start + 4);
    int an = u16(buf, start + 6);
    int ns = u16(buf, start + 8);
    int ar = u16(buf, start + 10);
    List<DnsQuestion> questions = new ArrayList<>(Math.min(qd, 4));
    boolean ok = true;
    for (int i = 0; i < Math.min(qd, MAX_RECORDS) && ok; i++) {
      DnsQuestion q = question();
      ok = q != null;
      if (ok) {
        questions.add(q);
      }
    }
    List<DnsRecord> answers = new ArrayList<>();
    List<DnsRecord> authorities = new ArrayList<>();
    List<DnsRecord> additionals = new ArrayList<>();
    ok = ok && section(an, answers) && section(ns, authorities) && section(ar, additionals);
    if (qd > MAX_RECORDS || an > MAX_RECORDS || ns > MAX_RECORDS || ar > MAX_RECORDS) {
      anomalies.add("dns.too_many_records");
    }
    return new DnsMessage(
        u16(buf, start),
        u16(buf, start + 2),
        questions,
        answers,
        authorities,
        additionals,
        anomalies);
  }

  /** Reads up to {@code count} records; false when the message ended early (already reported). */
  private boolean section(int count, List<DnsRecord> into) {
    for (int i = 0; i < count; i++) {
      if (i == MAX_RECORDS) {
        return false;
      }
      DnsRecord r = record();
      if (r == null) {
        return false;
      }
      into.add(r);
    }
    return true;
  }

  private DnsQuestion question() {
    String name = readName(pos, true);
    if (name == null) {
      return null;
    }
    if (nameEnd + 4 > end) {
      anomalies.add("dns.truncated");
      return null;
    }
    pos = nameEnd + 4;
    return new DnsQuestion(name, u16(buf, nameEnd), u16(buf, nameEnd + 2));
  }

  private DnsRecord record() {
    String name = readName(pos, true);
    if (name == null) {
      return null;
    }
    int p = nameEnd;
    if (p + 10 > end) {
      anomalies.add("dns.truncated");
      return null;
    }
    int type = u16(buf, p);
    int rclass = u16(buf, p + 2) & 0x7FFF;
    long ttl = u32(buf, p + 4);
    int rdlength = u16(buf, p + 8);
    int rdata = p + 10;
    if (rdata + rdlength > end) {
      anomalies.add("dns.truncated");
      return null;
    }
    pos = rdata + rdlength;
    return new DnsRecord(name, type, rclass, ttl, rdata(type, rdata, rdlength));
  }

  private Rdata rdata(int type, int at, int len) {
    if (netbios) {
      if (type == TYPE_NB) {
        return nbAddresses(at, len);
      }
      if (type == TYPE_NBSTAT) {
        return nodeStatus(at, len);
      }
      return new Rdata.Other(len);
    }
    switch (type) {
      case TYPE_A:
      case TYPE_AAAA:
        int size = type == TYPE_A ? 4 : 16;
        if (len != size) {
          anomalies.add("dns.bad_rdata");
          return new Rdata.Other(len);
        }
        return new Rdata.Address(IpAddress.of(buf, at, size));
      case TYPE_PTR:
      case TYPE_CNAME:
      case TYPE_NS:
        String target = readName(at, false);
        return target == null ? new Rdata.Other(len) : new Rdata.Name(target);
      case TYPE_SRV:
        if (len < 7) {
          anomalies.add("dns.bad_rdata");
          return new Rdata.Other(len);
        }
        String host = readName(at + 6, false);
        return host == null
            ? new Rdata.Other(len)
            : new Rdata.Srv(u16(buf, at), u16(buf, at + 2), u16(buf, at + 4), host);
      case TYPE_TXT:
        return txt(at, len);
      default:
        return new Rdata.Other(len);
    }
  }

  private Rdata txt(int at, int len) {
    List<String> strings = new ArrayList<>();
    int p = at;
    int stop = at + len;
    while (p < stop && strings.size() < MAX_TXT_STRINGS) {
      int n = buf[p] & 0xFF;
      if (p + 1 + n > stop) {
        anomalies.add("dns.bad_rdata");
        break;
      }
      if (n > 0) {
        strings.add(text(buf, p + 1, n, false));
      }
      p += 1 + n;
    }
    return new Rdata.Txt(strings);
  }

  /** RFC 1002 §4.2.1.3: NB_FLAGS (G bit 0x8000) then a 4-byte address, repeated. */
  private Rdata nbAddresses(int at, int len) {
    if (len < 6 || len % 6 != 0) {
      anomalies.add("nbns.bad_rdata");
      return new Rdata.Other(len);
    }
    boolean group = (buf[at] & 0x80) != 0;
    List<IpAddress> addresses = new ArrayList<>();
    for (int p = at; p + 6 <= at + len && addresses.size() < MAX_NB_ADDRESSES; p += 6) {
      addresses.add(IpAddress.of(buf, p + 2, 4));
    }
    return new Rdata.NbAddresses(group, addresses);
  }

  /** RFC 1002 §4.2.18: count, 18-byte name entries (15 chars, suffix, flags), then unit id. */
  private Rdata nodeStatus(int at, int len) {
    if (len < 1) {
      anomalies.add("nbns.bad_rdata");
      return new Rdata.Other(len);
    }
    int count = buf[at] & 0xFF;
    if (1 + count * 18 > len) {
      anomalies.add("nbns.bad_rdata");
      count = (len - 1) / 18;
    }
    List<Rdata.NbName> names = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      int e = at + 1 + i * 18;
      names.add(new Rdata.NbName(netbiosName(buf, e), (buf[e + 16] & 0x80) != 0));
    }
    int unit = at + 1 + count * 18;
    Optional<MacAddress> unitId =
        unit + 6 <= at + len ? Optional.of(MacAddress.of(buf, unit)) : Optional.empty();
    return new Rdata.NodeStatus(names, unitId.filter(m -> m.bits() != 0));
  }

  /**
   * Reads a possibly compressed name at {@code at}; sets {@link #nameEnd} to the first byte after
   * it in the original sequence. Returns null (after recording an anomaly) when it is malformed.
   *
   * @param owner true for owner names, whose first label is first-level encoded in NBNS
   */
  private String readName(int at, boolean owner) {
    StringBuilder sb = new StringBuilder(32);
    int p = at;
    int after = -1;
    int limit = p;
    int jumps = 0;
    int octets = 0;
    boolean first = true;
    while (true) {
      if (p >= end) {
        anomalies.add("dns.truncated_name");
        return null;
      }
      int len = buf[p] & 0xFF;
      if ((len & 0xC0) == 0xC0) {
        if (p + 1 >= end) {
          anomalies.add("dns.truncated_name");
          return null;
        }
        int target = start + (((len & 0x3F) << 8) | (buf[p + 1] & 0xFF));
        // RFC 1035 §4.1.4: a pointer names a prior occurrence. Requiring each jump to land before
        // the previous one makes loops impossible; the jump cap is a second guard.
        if (target >= limit || ++jumps > MAX_POINTER_JUMPS) {
          anomalies.add("dns.compression_loop");
          return null;
        }
        if (after < 0) {
          after = p + 2;
        }
        limit = target;
        p = target;
        continue;
      }
      if ((len & 0xC0) != 0) {
        anomalies.add("dns.bad_label");
        return null;
      }
      if (len == 0) {
        if (after < 0) {
          after = p + 1;
        }
        break;
      }
      octets += len + 1;
      if (p + 1 + len > end || octets > MAX_NAME_OCTETS) {
        anomalies.add(octets > MAX_NAME_OCTETS ? "dns.name_too_long" : "dns.truncated_name");
        return null;
      }
      if (sb.length() > 0) {
        sb.append('.');
      }
      if (netbios && owner && first && len == 32 && firstLevelEncoded(p + 1)) {
        sb.append(firstLevelDecoded(p + 1));
      } else {
        sb.append(text(buf, p + 1, len, true));
      }
      first = false;
      p += 1 + len;
    }
    nameEnd = after;
    return sb.toString();
  }

  private boolean firstLevelEncoded(int at) {
    for (int i = 0; i < 32; i++) {
      int c = buf[at + i];
      if (c < 'A' || c > 'P') {
        return false;
      }
    }
    return true;
  }

  /** RFC 1001 §14.1: each nibble plus 'A'; 16 bytes = 15 name characters and a suffix byte. */
  private String firstLevelDecoded(int at) {
    byte[] raw = new byte[16];
    for (int i = 0; i < 16; i++) {
      raw[i] = (byte) (((buf[at + 2 * i] - 'A') << 4) | (buf[at + 2 * i + 1] - 'A'));
    }
    return netbiosName(raw, 0);
  }

  /** A 16-byte NetBIOS name shown like Wireshark: trailing spaces cut, suffix as {@code <xx>}. */
  static String netbiosName(byte[] b, int at) {
    int n = 15;
    while (n > 0 && (b[at + n - 1] == ' ' || b[at + n - 1] == 0)) {
      n--;
    }
    String name = text(b, at, n, false);
    return name + "<" + String.format("%02x", b[at + 15] & 0xFF) + ">";
  }

  /**
   * Label or string text: UTF-8 when valid (mDNS instance names are UTF-8, RFC 6763 §4.1.1), other
   * bytes and control characters as {@code \DDD} like dig; in labels '.' and '\' are escaped.
   */
  static String text(byte[] b, int at, int len, boolean label) {
    String utf8 = strictUtf8(b, at, len);
    StringBuilder sb = new StringBuilder(len);
    if (utf8 != null) {
      for (int i = 0; i < utf8.length(); i++) {
        char c = utf8.charAt(i);
        if (Character.isISOControl(c)) {
          sb.append(String.format("\\%03d", (int) c));
        } else {
          if (label && (c == '.' || c == '\\')) {
            sb.append('\\');
          }
          sb.append(c);
        }
      }
      return sb.toString();
    }
    for (int i = at; i < at + len; i++) {
      int c = b[i] & 0xFF;
      if (c < 0x20 || c >= 0x7F) {
        sb.append(String.format("\\%03d", c));
      } else {
        if (label && (c == '.' || c == '\\')) {
          sb.append('\\');
        }
        sb.append((char) c);
      }
    }
    return sb.toString();
  }

  private static String strictUtf8(byte[] b, int at, int len) {
    if (Ascii.isAscii(b, at, at + len)) {
      // The usual name: ASCII reads the same in UTF-8 and Latin-1, the JDK's cheapest decode,
      // without a decoder and two buffers per label.
      return new String(b, at, len, StandardCharsets.ISO_8859_1);
    }
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(b, at, len))
          .toString();
    } catch (CharacterCodingException e) {
      return null;
    }
  }

  static int u16(byte[] b, int at) {
    return ((b[at] & 0xFF) << 8) | (b[at + 1] & 0xFF);
  }

  private static long u32(byte[] b, int at) {
    return ((long) u16(b, at) << 16) | u16(b, at + 2);
  }
}

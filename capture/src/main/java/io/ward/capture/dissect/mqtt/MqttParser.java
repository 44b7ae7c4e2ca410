package io.ward.capture.dissect.mqtt;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

/** Parses the MQTT CONNECT packet (MQTT 3.1.1 section 3.1, MQTT 5.0 section 3.1). */
final class MqttParser {

  static final int CONNECT = 0x10;

  /** Largest CONNECT kept for parsing; a client id is at most 65535 bytes, usually under 64. */
  static final int MAX_CONNECT_BYTES = 64 * 1024;

  private MqttParser() {}

  /**
   * Total length (fixed header + remaining length) of the packet starting at {@code off}, -1 when
   * more bytes are needed, or -2 when the remaining-length field is malformed.
   */
  static long packetLength(byte[] b, int off, int len) {
    long value = 0;
    for (int i = 1; i <= 4; i++) {
      if (i >= len) {
        return -1;
      }
      int digit = b[off + i] & 0xFF;
      value |= (long) (digit & 0x7F) << (7 * (i - 1));
      if ((digit & 0x80) == 0) {
        return 1 + i + value;
      }
    }
    return -2;
  }

  /** True when the bytes start like a CONNECT: type 1, flags 0, protocol name MQTT or MQIsdp. */
  static boolean looksLikeConnect(byte[] b, int off, int len) {
    if (len < 2 || (b[off] & 0xFF) != CONNECT) {
      return false;
    }
    long total = packetLength(b, off, len);
    if (total == -2 || total > MAX_CONNECT_BYTES) {
      return false;
    }
    int header = headerLength(b, off, len);
    if (header < 0 || len - header < 8) {
      return false;
    }
    int p = off + header;
    int nameLength = ((b[p] & 0xFF) << 8) | (b[p + 1] & 0xFF);
    if (nameLength == 4 && len - header >= 7) {
      return ascii(b, p + 2, 4).equals("MQTT") && (b[p + 6] == 4 || b[p + 6] == 5);
    }
    if (nameLength == 6 && len - header >= 9) {
      return ascii(b, p + 2, 6).equals("MQIsdp") && b[p + 8] == 3;
    }
    return false;
  }

  /** Parses a complete CONNECT packet, or empty when malformed. */
  static Optional<MqttConnect> connect(byte[] b, int off, int len) {
    int header = headerLength(b, off, len);
    if (header < 0) {
      return Optional.empty();
    }
    int p = off + header;
    int end = off + len;
    int nameLength = u16(b, p, end);
    if (nameLength < 0 || nameLength > 6) {
      return Optional.empty();
    }
    p += 2 + nameLength;
    if (end - p < 4) {
      return Optional.empty();
    }
    int level = b[p] & 0xFF;
    int flags = b[p + 1] & 0xFF;
    p += 4; // level, flags, keep alive
    if (level == 5) {
      // MQTT 5.0 section 3.1.2.11: a variable byte integer length, then the properties.
      long props = 0;
      int i = 0;
      int digit;
      do {
        if (p >= end || i == 4) {
          return Optional.empty();
        }
        digit = b[p++] & 0xFF;
        props |= (long) (digit & 0x7F) << (7 * i++);
      } while ((digit & 0x80) != 0);
      if (props > end - p) {
        return Optional.empty();
      }
      p += (int) props;
    }
    int idLength = u16(b, p, end);
    if (idLength < 0 || idLength > end - p - 2) {
      return Optional.empty();
    }
    String clientId = new String(b, p + 2, idLength, StandardCharsets.UTF_8);
    boolean credentials = (flags & 0xC0) != 0;
    return Optional.of(new MqttConnect(level, clean(clientId), credentials));
  }

  private static int headerLength(byte[] b, int off, int len) {
    for (int i = 1; i <= 4 && i < len; i++) {
      if ((b[off + i] & 0x80) == 0) {
        return i + 1;
      }
    }
    return -1;
  }

  private static int u16(byte[] b, int p, int end) {
    if (end - p < 2) {
      return -1;
    }
    return ((b[p] & 0xFF) << 8) | (b[p + 1] & 0xFF);
  }

  private static String ascii(byte[] b, int off, int n) {
    return new String(b, off, n, StandardCharsets.US_ASCII);
  }

  private static String clean(String s) {
    StringBuilder sb = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (!Character.isISOControl(c)) {
        sb.append(c);
      }
    }
    return sb.toString().strip();
  }
}

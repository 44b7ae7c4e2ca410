package io.ward.model;

/**
 * An IPv4 or IPv6 address as two longs. IPv4 is held as an IPv4-mapped IPv6 address ({@code
 * ::ffff:a.b.c.d}) so both families share one type without allocation on parse.
 */
public record IpAddress(long high, long low) implements Comparable<IpAddress> {

  private static final long V4_MAPPED_LOW_PREFIX = 0x0000_FFFF_0000_0000L;

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof IpAddress)) {
      return false;
    }
    IpAddress other = (IpAddress) o;
    return other.low == low && other.high == high;
  }

  // Written out rather than left to the record: see MacAddress#equals.
  @Override
  public int hashCode() {
    return 31 * Long.hashCode(high) + Long.hashCode(low);
  }

  /** An IPv4 address from its 32-bit value. */
  public static IpAddress ofV4(int v4) {
    return new IpAddress(0, V4_MAPPED_LOW_PREFIX | (v4 & 0xFFFF_FFFFL));
  }

  /** An IPv4 address (4 bytes) or IPv6 address (16 bytes) read at {@code offset}. */
  public static IpAddress of(byte[] bytes, int offset, int length) {
    if (length == 4) {
      return ofV4(
          ((bytes[offset] & 0xFF) << 24)
              | ((bytes[offset + 1] & 0xFF) << 16)
              | ((bytes[offset + 2] & 0xFF) << 8)
              | (bytes[offset + 3] & 0xFF));
    }
    if (length != 16) {
      throw new IllegalArgumentException("an IP address has 4 or 16 bytes, not " + length);
    }
    long hi = 0;
    long lo = 0;
    for (int i = 0; i < 8; i++) {
      hi = (hi << 8) | (bytes[offset + i] & 0xFF);
      lo = (lo << 8) | (bytes[offset + 8 + i] & 0xFF);
    }
    return new IpAddress(hi, lo);
  }

  /** Parses dotted-quad IPv4 or textual IPv6 without any name lookup. */
  public static IpAddress parse(String text) {
    if (text.indexOf(':') < 0) {
      String[] parts = text.split("\\.", -1);
      if (parts.length != 4) {
        throw new IllegalArgumentException("not an IP address: " + text);
      }
      int v = 0;
      for (String p : parts) {
        int octet = Integer.parseInt(p);
        if (octet < 0 || octet > 255) {
          throw new IllegalArgumentException("not an IP address: " + text);
        }
        v = (v << 8) | octet;
      }
      return ofV4(v);
    }
    int[] groups = new int[8];
    String[] halves = text.split("::", -1);
    if (halves.length > 2) {
      throw new IllegalArgumentException("not an IP address: " + text);
    }
    String[] head = halves[0].isEmpty() ? new String[0] : halves[0].split(":");
    String[] tail =
        halves.length == 2 && !halves[1].isEmpty() ? halves[1].split(":") : new String[0];
    if (halves.length == 1 && head.length != 8 || head.length + tail.length > 8) {
      throw new IllegalArgumentException("not an IP address: " + text);
    }
    for (int i = 0; i < head.length; i++) {
      groups[i] = Integer.parseInt(head[i], 16);
    }
    for (int i = 0; i < tail.length; i++) {
      groups[8 - tail.length + i] = Integer.parseInt(tail[i], 16);
    }
    long hi = 0;
    long lo = 0;
    for (int i = 0; i < 4; i++) {
      hi = (hi << 16) | (groups[i] & 0xFFFF);
      lo = (lo << 16) | (groups[4 + i] & 0xFFFF);
    }
    return new IpAddress(hi, lo);
  }

  /** True for an IPv4 address. */
  public boolean isV4() {
    return high == 0 && (low & 0xFFFF_FFFF_0000_0000L) == V4_MAPPED_LOW_PREFIX;
  }

  /** The 32-bit IPv4 value; only meaningful when {@link #isV4()}. */
  public int v4() {
    return (int) low;
  }

  /** True for multicast, broadcast and unspecified addresses, which never name one device. */
  public boolean isGroupOrUnspecified() {
    if (isV4()) {
      int v = v4();
      int first = v >>> 24;
      return v == 0 || v == -1 || (first >= 224 && first <= 239) || (v & 0xFF) == 0xFF;
    }
    return (high >>> 56) == 0xFF || (high == 0 && low == 0);
  }

  /**
   * True for an address reachable from the internet: not private (RFC 1918, shared 100.64/10,
   * unique-local fc00::/7), loopback, link-local, multicast, broadcast, unspecified or reserved;
   * for IPv6 only global unicast (2000::/3) counts.
   */
  public boolean isPublic() {
    if (isGroupOrUnspecified() || isLinkLocal()) {
      return false;
    }
    if (isV4()) {
      int v = v4();
      int a = v >>> 24;
      int b = (v >>> 16) & 0xFF;
      return !(a == 0
          || a == 10
          || a == 127
          || (a == 100 && b >= 64 && b <= 127)
          || (a == 172 && b >= 16 && b <= 31)
          || (a == 192 && b == 168)
          || a >= 224);
    }
    // Global unicast 2000::/3; everything else in IPv6 is loopback, link-local, unique-local,
    // multicast or reserved.
    return (high >>> 61) == 1;
  }

  /** True for IPv6 link-local (fe80::/10) or IPv4 link-local (169.254/16). */
  public boolean isLinkLocal() {
    if (isV4()) {
      return (v4() >>> 16) == 0xA9FE;
    }
    return (high >>> 54) == (0xFE80L >>> 6);
  }

  @Override
  public int compareTo(IpAddress o) {
    int c = Long.compareUnsigned(high, o.high);
    return c != 0 ? c : Long.compareUnsigned(low, o.low);
  }

  @Override
  public String toString() {
    if (isV4()) {
      int v = v4();
      return (v >>> 24) + "." + ((v >>> 16) & 0xFF) + "." + ((v >>> 8) & 0xFF) + "." + (v & 0xFF);
    }
    int[] g = new int[8];
    for (int i = 0; i < 4; i++) {
      g[i] = (int) ((high >>> (48 - 16 * i)) & 0xFFFF);
      g[4 + i] = (int) ((low >>> (48 - 16 * i)) & 0xFFFF);
    }
    // RFC 5952: compress the longest run (length >= 2) of zero groups, the first one on ties.
    int bestStart = -1;
    int bestLen = 1;
    for (int i = 0; i < 8; ) {
      if (g[i] != 0) {
        i++;
        continue;
      }
      int j = i;
      while (j < 8 && g[j] == 0) {
        j++;
      }
      if (j - i > bestLen) {
        bestStart = i;
        bestLen = j - i;
      }
      i = j;
    }
    StringBuilder sb = new StringBuilder(39);
    for (int i = 0; i < 8; i++) {
      if (i == bestStart) {
        sb.append("::");
        i += bestLen - 1;
        continue;
      }
      if (sb.length() > 0 && sb.charAt(sb.length() - 1) != ':') {
        sb.append(':');
      }
      sb.append(Integer.toHexString(g[i]));
    }
    return sb.toString();
  }
}

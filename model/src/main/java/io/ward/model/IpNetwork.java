package io.ward.model;

/**
 * A block of IP addresses in CIDR notation ({@code 10.0.0.0/8}, {@code 2001:db8::/32}). IPv4 is
 * held as {@link IpAddress} holds it, IPv4-mapped, so one mask over 128 bits serves both families.
 *
 * @param address the first address of the block (no host bits set)
 * @param prefixLength the prefix length as written: 0 to 32 for IPv4, 0 to 128 for IPv6
 */
public record IpNetwork(IpAddress address, int prefixLength) {

  public IpNetwork {
    int max = address.isV4() ? 32 : 128;
    if (prefixLength < 0 || prefixLength > max) {
      throw new IllegalArgumentException(
          "a prefix length for " + address + " lies from 0 to " + max + ", not " + prefixLength);
    }
    if (!masked(address, bits(address, prefixLength)).equals(address)) {
      throw new IllegalArgumentException(
          address
              + "/"
              + prefixLength
              + " has host bits set; the network is "
              + masked(address, bits(address, prefixLength))
              + "/"
              + prefixLength);
    }
  }

  /**
   * Parses {@code ADDRESS/PREFIX}; an address alone is the block of that one address.
   *
   * @throws IllegalArgumentException not CIDR notation, with a message that says why
   */
  public static IpNetwork parse(String text) {
    String t = text.strip();
    int slash = t.indexOf('/');
    IpAddress address;
    try {
      address = IpAddress.parse(slash < 0 ? t : t.substring(0, slash));
    } catch (IllegalArgumentException | ArrayIndexOutOfBoundsException e) {
      throw new IllegalArgumentException(
          "not an IP network in CIDR notation such as 10.0.0.0/8 or 2001:db8::/32: '" + text + "'");
    }
    if (slash < 0) {
      return new IpNetwork(address, address.isV4() ? 32 : 128);
    }
    String prefix = t.substring(slash + 1);
    if (prefix.isEmpty() || prefix.length() > 3 || !prefix.chars().allMatch(Character::isDigit)) {
      throw new IllegalArgumentException(
          "not an IP network in CIDR notation such as 10.0.0.0/8 or 2001:db8::/32: '" + text + "'");
    }
    return new IpNetwork(address, Integer.parseInt(prefix));
  }

  /** True when {@code ip} lies in this block (an IPv4 address never lies in an IPv6 block). */
  public boolean contains(IpAddress ip) {
    return ip.isV4() == address.isV4() && masked(ip, bits(address, prefixLength)).equals(address);
  }

  /** The prefix over the 128 bits {@link IpAddress} holds. */
  private static int bits(IpAddress address, int prefixLength) {
    return address.isV4() ? 96 + prefixLength : prefixLength;
  }

  private static IpAddress masked(IpAddress ip, int bits) {
    long highMask = bits >= 64 ? -1L : bits == 0 ? 0 : -1L << (64 - bits);
    long lowMask = bits <= 64 ? 0 : bits == 128 ? -1L : -1L << (128 - bits);
    return new IpAddress(ip.high() & highMask, ip.low() & lowMask);
  }

  @Override
  public String toString() {
    return address + "/" + prefixLength;
  }
}

package io.ward.capture.dissect.dns;

import io.ward.model.IpAddress;
import java.util.Locale;
import java.util.Optional;

/** Reverse-lookup names (RFC 1035 §3.5 in-addr.arpa, RFC 3596 §2.5 ip6.arpa) to addresses. */
final class ReverseName {
  private static final String V4 = ".in-addr.arpa";
  private static final String V6 = ".ip6.arpa";

  private ReverseName() {}

  /** The address a complete reverse name stands for; empty for anything else. */
  static Optional<IpAddress> address(String name) {
    String n = name.toLowerCase(Locale.ROOT);
    if (n.endsWith(V4)) {
      return v4(n.substring(0, n.length() - V4.length()));
    }
    if (n.endsWith(V6)) {
      return v6(n.substring(0, n.length() - V6.length()));
    }
    return Optional.empty();
  }

  private static Optional<IpAddress> v4(String labels) {
    String[] parts = labels.split("\\.", -1);
    if (parts.length != 4) {
      return Optional.empty();
    }
    int v = 0;
    for (int i = 3; i >= 0; i--) {
      String p = parts[i];
      if (p.isEmpty() || p.length() > 3 || !p.chars().allMatch(Character::isDigit)) {
        return Optional.empty();
      }
      int octet = Integer.parseInt(p);
      if (octet > 255) {
        return Optional.empty();
      }
      v = (v << 8) | octet;
    }
    return Optional.of(IpAddress.ofV4(v));
  }

  private static Optional<IpAddress> v6(String labels) {
    if (labels.length() != 63) {
      return Optional.empty();
    }
    long hi = 0;
    long lo = 0;
    for (int i = 0; i < 32; i++) {
      char c = labels.charAt(62 - 2 * i);
      int digit = Character.digit(c, 16);
      if (digit < 0 || (i < 31 && labels.charAt(61 - 2 * i) != '.')) {
        return Optional.empty();
      }
      if (i < 16) {
        hi = (hi << 4) | digit;
      } else {
        lo = (lo << 4) | digit;
      }
    }
    return Optional.of(new IpAddress(hi, lo));
  }
}

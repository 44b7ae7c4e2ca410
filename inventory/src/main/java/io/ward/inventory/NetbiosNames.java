package io.ward.inventory;

import java.util.Optional;
import java.util.Set;

/**
 * The host name in a NetBIOS name as the capture reports it ({@code MDJR98<20>}: up to 15
 * characters and the service suffix, RFC 1001 §14 and Microsoft's suffix list). A host registers
 * its name once per service (workstation 00, server 20…), always the same host name; a few unique
 * suffixes name the workgroup or domain instead (1B domain master browser, 1D master browser) and
 * are no host name at all.
 */
final class NetbiosNames {
  /** Suffixes whose name is the workgroup's or domain's, not the host's. */
  private static final Set<String> DOMAIN_SCOPED = Set.of("1b", "1c", "1d", "1e");

  private NetbiosNames() {}

  /** The host name {@code raw} carries, without its suffix; empty for a workgroup or domain. */
  static Optional<String> hostName(String raw) {
    int n = raw.length();
    if (n < 5 || raw.charAt(n - 1) != '>' || raw.charAt(n - 4) != '<') {
      return Optional.of(raw);
    }
    String suffix = raw.substring(n - 3, n - 1);
    if (DOMAIN_SCOPED.contains(suffix)) {
      return Optional.empty();
    }
    String name = raw.substring(0, n - 4).strip();
    return name.isEmpty() ? Optional.empty() : Optional.of(name);
  }
}

package io.ward.exposure.feeds.sync;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Optional;

/**
 * Which URLs a CSAF provider may make Ward fetch. A provider's metadata, ROLIE feeds and index
 * files name URLs that Ward then requests from inside the hospital's network. A public provider (or
 * one whose metadata was tampered with) must not be able to point those requests at the hospital's
 * own hosts: loopback, private (RFC 1918, IPv6 unique local), link-local (which includes cloud
 * metadata services) or multicast addresses. A provider that is itself on such an address (a mirror
 * inside the hospital) may list its neighbours.
 */
final class ListedUrls {

  private ListedUrls() {}

  /**
   * Why {@code target}, listed by the provider at {@code origin}, is refused; empty when allowed.
   */
  static Optional<String> refused(URI origin, URI target) {
    String from = host(origin);
    String to = host(target);
    if (to.equals(from) || internal(from)) {
      return Optional.empty();
    }
    if (internal(to)) {
      return Optional.of(
          "refused: "
              + to
              + " is a loopback, private or link-local address and the provider "
              + from
              + " is not (a provider's listing must not make Ward reach into the local network)");
    }
    return Optional.empty();
  }

  private static String host(URI uri) {
    String h = uri.getHost();
    return h == null ? "" : h.toLowerCase(Locale.ROOT);
  }

  /** True when any address the host name resolves to is an internal one. */
  static boolean internal(String host) {
    if (host.isEmpty()) {
      return true;
    }
    try {
      for (InetAddress a : InetAddress.getAllByName(host)) {
        if (a.isLoopbackAddress()
            || a.isSiteLocalAddress()
            || a.isLinkLocalAddress()
            || a.isAnyLocalAddress()
            || a.isMulticastAddress()
            || uniqueLocal(a)) {
          return true;
        }
      }
      return false;
    } catch (UnknownHostException e) {
      return false; // nothing to reach: the request itself fails and is reported
    }
  }

  /** IPv6 unique local addresses, fc00::/7 (RFC 4193), which Java does not call site-local. */
  private static boolean uniqueLocal(InetAddress a) {
    return a instanceof Inet6Address && (a.getAddress()[0] & 0xfe) == 0xfc;
  }
}

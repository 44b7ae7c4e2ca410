package io.ward.simulate;

/**
 * One side of a conversation as the wire sees it.
 *
 * @param mac the host's MAC; for remote hosts the router's, since they are reached through it
 * @param ip IPv4 address as a 32-bit value
 * @param vlan 802.1Q VLAN id put on frames this host sends, 0 for untagged
 * @param zone the layer-2 segment; hosts of one zone talk directly, others through the router; -1
 *     for hosts beyond the router (the internet)
 * @param device index of the planned device, or -1 for hosts that are not devices of the truth
 * @param ttl initial IP time-to-live of the host's stack
 */
record Host(long mac, int ip, int vlan, int zone, int device, int ttl) {

  /** A host on the internet, reached through the router, whose frames the router forwards. */
  static Host remote(long routerMac, int routerDevice, int ip) {
    return new Host(routerMac, ip, 0, -1, routerDevice, 52);
  }

  boolean remote() {
    return zone < 0;
  }

  static String ipString(int ip) {
    return (ip >>> 24) + "." + ((ip >>> 16) & 0xFF) + "." + ((ip >>> 8) & 0xFF) + "." + (ip & 0xFF);
  }

  static int ip(int a, int b, int c, int d) {
    return (a << 24) | (b << 16) | (c << 8) | d;
  }
}

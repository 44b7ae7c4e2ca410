package io.ward.simulate;

/** DHCPv4 messages (RFC 2131 section 2, options from RFC 2132, FQDN from RFC 4702). */
final class DhcpMessages {
  private DhcpMessages() {}

  static final int DISCOVER = 1;
  static final int OFFER = 2;
  static final int REQUEST = 3;
  static final int ACK = 5;

  private static final long MAGIC_COOKIE = 0x63825363L;
  private static final int BOOTP_MIN = 300; // RFC 1542 section 3.1.1: pad to 300 octets
  private static final int LEASE_SECONDS = 8 * 24 * 3600; // the Windows DHCP server default

  /**
   * A client message.
   *
   * @param ciaddr the client's address when renewing, else 0
   * @param giaddr the relay's address when relayed, else 0
   * @param requestedIp option 50 (0: absent, as when renewing)
   * @param serverId option 54 (0: absent)
   */
  static byte[] client(
      int type,
      int xid,
      PlannedDevice d,
      int ciaddr,
      int giaddr,
      int hops,
      int requestedIp,
      int serverId) {
    DeviceModel.Dhcp p = d.model.dhcp().orElseThrow();
    Bytes b = header(1, xid, d.mac, hops, p.broadcast(), ciaddr, 0, giaddr);
    option(b, 53, new byte[] {(byte) type});
    Bytes id = new Bytes(7).u8(1).mac(d.mac); // type 1: Ethernet (RFC 2132 section 9.14)
    option(b, 61, id.toArray());
    if (requestedIp != 0) {
      option(b, 50, new Bytes(4).u32(requestedIp).toArray());
    }
    if (serverId != 0) {
      option(b, 54, new Bytes(4).u32(serverId).toArray());
    }
    option(b, 12, Bytes.text(d.hostname));
    if (p.fqdn() && type != DISCOVER) {
      Bytes fqdn = new Bytes().u8(0).u8(0).u8(0).ascii(d.fqdn());
      option(b, 81, fqdn.toArray());
    }
    p.vendorClass().ifPresent(vc -> option(b, 60, Bytes.text(d.fill(vc))));
    byte[] params = new byte[p.paramList().size()];
    for (int i = 0; i < params.length; i++) {
      params[i] = (byte) (int) p.paramList().get(i);
    }
    option(b, 55, params);
    return finish(b);
  }

  /** A server reply (OFFER or ACK) leasing {@code yiaddr} in a /16 with the given gateway. */
  static byte[] server(
      int type,
      int xid,
      long clientMac,
      boolean broadcast,
      int ciaddr,
      int yiaddr,
      int giaddr,
      int hops,
      int serverIp,
      int routerIp,
      int dnsIp) {
    Bytes b = header(2, xid, clientMac, hops, broadcast, ciaddr, yiaddr, giaddr);
    option(b, 53, new byte[] {(byte) type});
    option(b, 54, new Bytes(4).u32(serverIp).toArray());
    option(b, 51, new Bytes(4).u32(LEASE_SECONDS).toArray());
    option(b, 58, new Bytes(4).u32(LEASE_SECONDS / 2).toArray());
    option(b, 59, new Bytes(4).u32(LEASE_SECONDS * 7L / 8).toArray());
    option(b, 1, new Bytes(4).u32(0xFFFF_0000L).toArray());
    option(b, 3, new Bytes(4).u32(routerIp).toArray());
    option(b, 6, new Bytes(4).u32(dnsIp).toArray());
    option(b, 15, Bytes.text(Site.DOMAIN));
    return finish(b);
  }

  private static Bytes header(
      int op, int xid, long mac, int hops, boolean broadcast, int ciaddr, int yiaddr, int giaddr) {
    Bytes b = new Bytes(BOOTP_MIN + 64);
    b.u8(op).u8(1).u8(6).u8(hops);
    b.u32(xid & 0xFFFF_FFFFL);
    b.u16(0).u16(broadcast ? 0x8000 : 0);
    b.u32(ciaddr & 0xFFFF_FFFFL).u32(yiaddr & 0xFFFF_FFFFL).u32(0).u32(giaddr & 0xFFFF_FFFFL);
    b.mac(mac).zeros(10); // chaddr is 16 octets
    b.zeros(64 + 128); // sname, file
    b.u32(MAGIC_COOKIE);
    return b;
  }

  private static void option(Bytes b, int code, byte[] value) {
    b.u8(code).u8(value.length).bytes(value);
  }

  private static byte[] finish(Bytes b) {
    b.u8(255);
    if (b.length() < BOOTP_MIN) {
      b.zeros(BOOTP_MIN - b.length());
    }
    return b.toArray();
  }
}

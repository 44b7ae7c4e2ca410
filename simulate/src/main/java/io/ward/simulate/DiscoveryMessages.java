package io.ward.simulate;

/**
 * Service discovery: mDNS announcements (RFC 6762/6763) and SSDP (UPnP Device Architecture 1.1).
 */
final class DiscoveryMessages {
  private DiscoveryMessages() {}

  /**
   * An unsolicited mDNS response announcing one service instance: PTR, SRV, TXT and the host's A
   * record, each with the cache-flush bit where RFC 6762 section 10.2 wants it.
   */
  static byte[] mdnsAnnouncement(PlannedDevice d, String service, int port) {
    String host = d.hostname + ".local";
    String type = service + ".local";
    String instance = instanceName(d) + "." + type;
    Bytes b = new Bytes(256);
    b.u16(0).u16(0x8400).u16(0).u16(4).u16(0).u16(0);
    DnsMessages.record(
        b, type, DnsMessages.TYPE_PTR, DnsMessages.CLASS_IN, 4500, DnsMessages.nameBytes(instance));
    Bytes srv = new Bytes(64).u16(0).u16(0).u16(port);
    DnsMessages.name(srv, host);
    DnsMessages.record(
        b,
        instance,
        DnsMessages.TYPE_SRV,
        DnsMessages.CLASS_IN | DnsMessages.CACHE_FLUSH,
        120,
        srv.toArray());
    Bytes txt = new Bytes(64);
    for (String kv :
        new String[] {
          "txtvers=1", "ty=" + d.model.vendor() + " " + d.model.model(), "note=" + d.hostname
        }) {
      byte[] v = Bytes.utf8(kv);
      int n = Math.min(255, v.length);
      txt.u8(n).bytes(v, 0, n);
    }
    DnsMessages.record(
        b,
        instance,
        DnsMessages.TYPE_TXT,
        DnsMessages.CLASS_IN | DnsMessages.CACHE_FLUSH,
        4500,
        txt.toArray());
    DnsMessages.record(
        b,
        host,
        DnsMessages.TYPE_A,
        DnsMessages.CLASS_IN | DnsMessages.CACHE_FLUSH,
        120,
        new Bytes(4).u32(d.ip & 0xFFFF_FFFFL).toArray());
    return b.toArray();
  }

  private static String instanceName(PlannedDevice d) {
    String n = d.model.vendor() + " " + d.model.model() + " [" + d.hostname + "]";
    return n.replace(".", " ").length() > 63
        ? n.replace(".", " ").substring(0, 63)
        : n.replace(".", " ");
  }

  static byte[] ssdpNotify(PlannedDevice d, String server) {
    return Bytes.text(
        "NOTIFY * HTTP/1.1\r\nHOST: 239.255.255.250:1900\r\nCACHE-CONTROL: max-age=1800\r\n"
            + "LOCATION: http://"
            + Host.ipString(d.ip)
            + ":80/device.xml\r\nNT: upnp:rootdevice\r\nNTS: ssdp:alive\r\nSERVER: "
            + server
            + "\r\nUSN: uuid:"
            + uuid(d)
            + "::upnp:rootdevice\r\n\r\n");
  }

  static byte[] ssdpSearch(String target) {
    return Bytes.text(
        "M-SEARCH * HTTP/1.1\r\nHOST: 239.255.255.250:1900\r\nMAN: \"ssdp:discover\"\r\nMX: 1\r\n"
            + "ST: "
            + target
            + "\r\n\r\n");
  }

  /** A stable UPnP UUID derived from the MAC (version 1 layout, node = MAC). */
  static String uuid(PlannedDevice d) {
    return String.format(
        "%08x-%04x-1%03x-8%03x-%012x",
        (int) (d.mac * 2654435761L),
        (int) (d.mac >>> 32) & 0xFFFF,
        d.index & 0xFFF,
        d.index >>> 12 & 0xFFF,
        d.mac);
  }
}

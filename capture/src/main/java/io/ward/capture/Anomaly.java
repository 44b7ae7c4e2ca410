package io.ward.capture;

/**
 * Malformed input found below the application layer, counted by kind (a Zeek "weird"). An enum so
 * the hot path counts by ordinal without hashing a string.
 */
enum Anomaly {
  WIRE_SHORTER_THAN_CAPTURED("frame.wire_shorter_than_captured"),
  /** A pcapng packet of more than {@link CaptureReader#MAX_RECORD_BYTES}: the rest is not read. */
  FRAME_CUT("frame.cut_to_1mib"),
  PCAPNG_BAD_BLOCK("pcapng.bad_block"),
  PCAPNG_UNKNOWN_INTERFACE("pcapng.unknown_interface"),
  UNSUPPORTED_LINK_TYPE("link.unsupported_type"),
  LINK_TRUNCATED("link.truncated"),
  VLAN_TRUNCATED("vlan.truncated"),
  VLAN_TOO_MANY_TAGS("vlan.too_many_tags"),
  MPLS_TRUNCATED("mpls.truncated"),
  PPPOE_TRUNCATED("pppoe.truncated"),
  IP_BAD_VERSION("ip.bad_version"),
  IPV4_TRUNCATED("ipv4.truncated"),
  IPV4_BAD_HEADER_LENGTH("ipv4.bad_header_length"),
  IPV4_BAD_TOTAL_LENGTH("ipv4.bad_total_length"),
  IPV6_TRUNCATED("ipv6.truncated"),
  IPV6_EXT_HEADER_TRUNCATED("ipv6.ext_header_truncated"),
  IPV6_TOO_MANY_EXT_HEADERS("ipv6.too_many_ext_headers"),
  TCP_TRUNCATED("tcp.truncated"),
  TCP_BAD_DATA_OFFSET("tcp.bad_data_offset"),
  UDP_TRUNCATED("udp.truncated"),
  UDP_BAD_LENGTH("udp.bad_length"),
  ICMP_TRUNCATED("icmp.truncated"),
  ARP_MALFORMED("arp.malformed"),
  LLDP_MALFORMED("lldp.malformed"),
  CDP_MALFORMED("cdp.malformed"),
  TCP_REASSEMBLY_GAP("tcp.reassembly_gap"),
  /** A client of a flow past {@link OtherClients#MAX}: not credited with the flow's protocol. */
  FLOW_TOO_MANY_CLIENTS("flow.too_many_clients");

  static final Anomaly[] VALUES = values();

  /** The name used in {@link CaptureSummary#anomalies()}. */
  final String key;

  Anomaly(String key) {
    this.key = key;
  }
}

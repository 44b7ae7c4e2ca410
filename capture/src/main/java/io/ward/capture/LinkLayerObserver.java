package io.ward.capture;

import io.ward.capture.dissect.SubjectFact;
import io.ward.model.Endpoint;
import io.ward.model.IpAddress;
import io.ward.model.MacAddress;
import io.ward.model.Observation;
import io.ward.model.ObservationFields;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;

/**
 * Identity facts carried below IP: ARP senders (RFC 826), LLDP system name and description (IEEE
 * 802.1AB §8.5), CDP device id and platform. Repeats (every ARP, every LLDP announcement) are
 * emitted once per capture, within a bounded memory.
 */
final class LinkLayerObserver {
  private static final int MAX_REMEMBERED = 1 << 16;

  private final PacketProcessor owner;
  private final Set<SubjectFact> seen = new HashSet<>();

  /** An ARP sender: MAC with the VLAN above its 48 bits, and IPv4 address. */
  private record ArpSender(long macAndVlan, int ip) {
    // Written out rather than left to the record: see io.ward.model.MacAddress#equals.
    @Override
    public boolean equals(Object o) {
      return o instanceof ArpSender
          && ((ArpSender) o).macAndVlan == macAndVlan
          && ((ArpSender) o).ip == ip;
    }

    @Override
    public int hashCode() {
      return 31 * Long.hashCode(macAndVlan) + ip;
    }
  }

  private final Set<ArpSender> arpSeen = new HashSet<>();

  LinkLayerObserver(PacketProcessor owner) {
    this.owner = owner;
  }

  void frame(Packet p, long epochNanos) {
    if (p.cdp) {
      cdp(p, epochNanos);
    } else if (p.etherType == PacketDecoder.ETHERTYPE_ARP) {
      arp(p, epochNanos);
    } else if (p.etherType == PacketDecoder.ETHERTYPE_LLDP) {
      lldp(p, epochNanos);
    }
  }

  private void arp(Packet p, long t) {
    byte[] b = p.buf;
    int o = p.l3Offset;
    if (p.l3End - o < 8) {
      owner.counters.add(Anomaly.ARP_MALFORMED);
      return;
    }
    if (Bytes.u16(b, o) != 1 || Bytes.u16(b, o + 2) != 0x0800 || b[o + 4] != 6 || b[o + 5] != 4) {
      return; // not Ethernet/IPv4 ARP
    }
    if (p.l3End - o < 28) {
      owner.counters.add(Anomaly.ARP_MALFORMED);
      return;
    }
    long mac = Bytes.mac(b, o + 8);
    int ip = Bytes.i32(b, o + 14);
    if (ip == 0 || mac == 0 || (mac & 0x0100_0000_0000L) != 0) {
      return; // an ARP probe (RFC 5227) has no sender address yet; a group MAC names no device
    }
    // Hosts repeat their ARP all capture long: check the raw addresses before building anything.
    if (arpSeen.size() >= MAX_REMEMBERED) {
      arpSeen.clear();
    }
    if (!arpSeen.add(new ArpSender(mac | ((long) p.vlan << 48), ip))) {
      return;
    }
    IpAddress address = IpAddress.ofV4(ip);
    emit(
        Endpoint.of(new MacAddress(mac), address, p.vlan),
        t,
        ObservationFields.ARP_IP,
        address.toString());
  }

  private void lldp(Packet p, long t) {
    byte[] b = p.buf;
    int o = p.l3Offset;
    int end = p.l3End;
    long chassisMac = Packet.NO_MAC;
    IpAddress management = null;
    String name = null;
    String description = null;
    while (o + 2 <= end) {
      int header = Bytes.u16(b, o);
      int type = header >>> 9;
      int len = header & 0x1FF;
      o += 2;
      if (type == 0) {
        break; // End of LLDPDU
      }
      if (len > end - o) {
        owner.counters.add(Anomaly.LLDP_MALFORMED);
        break;
      }
      if (type == 1 && len == 7 && b[o] == 4) {
        chassisMac = Bytes.mac(b, o + 1); // chassis ID subtype 4: MAC address
      } else if (type == 5) {
        name = text(b, o, len);
      } else if (type == 6) {
        description = text(b, o, len);
      } else if (type == 8 && len >= 6 && management == null) {
        int addrLen = b[o] & 0xFF; // includes the subtype octet
        int subtype = b[o + 1] & 0xFF;
        if (subtype == 1 && addrLen == 5 && len >= 6) {
          management = IpAddress.of(b, o + 2, 4);
        } else if (subtype == 2 && addrLen == 17 && len >= 18) {
          management = IpAddress.of(b, o + 2, 16);
        }
      }
      o += len;
    }
    long mac = chassisMac != Packet.NO_MAC && chassisMac != 0 ? chassisMac : p.srcMac;
    if (mac == Packet.NO_MAC) {
      return;
    }
    Endpoint subject = subject(mac, management, p.vlan);
    if (name != null && !name.isEmpty()) {
      emit(subject, t, ObservationFields.LLDP_SYSTEM_NAME, name);
    }
    if (description != null && !description.isEmpty()) {
      emit(subject, t, ObservationFields.LLDP_SYSTEM_DESCR, description);
    }
  }

  /** Cisco Discovery Protocol: version, TTL, checksum, then type-length-value fields. */
  private void cdp(Packet p, long t) {
    byte[] b = p.buf;
    int o = p.l3Offset + 4;
    int end = p.l3End;
    if (o > end || p.srcMac == Packet.NO_MAC) {
      if (o > end) {
        owner.counters.add(Anomaly.CDP_MALFORMED);
      }
      return;
    }
    String deviceId = null;
    String platform = null;
    IpAddress address = null;
    while (o + 4 <= end) {
      int type = Bytes.u16(b, o);
      int len = Bytes.u16(b, o + 2);
      if (len < 4 || len > end - o) {
        owner.counters.add(Anomaly.CDP_MALFORMED);
        break;
      }
      if (type == 0x0001) {
        deviceId = text(b, o + 4, len - 4);
      } else if (type == 0x0006) {
        platform = text(b, o + 4, len - 4);
      } else if (type == 0x0002 && address == null) {
        address = cdpAddress(b, o + 4, o + len);
      }
      o += len;
    }
    Endpoint subject = subject(p.srcMac, address, p.vlan);
    if (deviceId != null && !deviceId.isEmpty()) {
      emit(subject, t, ObservationFields.CDP_DEVICE_ID, deviceId);
    }
    if (platform != null && !platform.isEmpty()) {
      emit(subject, t, ObservationFields.CDP_PLATFORM, platform);
    }
  }

  /** The first IPv4 address of a CDP Addresses field (NLPID protocol 0xCC). */
  private static IpAddress cdpAddress(byte[] b, int o, int end) {
    if (end - o < 4) {
      return null;
    }
    int count = Bytes.i32(b, o);
    o += 4;
    for (int i = 0; i < count && i < 16 && o + 2 <= end; i++) {
      int protoLen = b[o + 1] & 0xFF;
      int addrAt = o + 2 + protoLen;
      if (addrAt + 2 > end) {
        return null;
      }
      int addrLen = Bytes.u16(b, addrAt);
      if (addrAt + 2 + addrLen > end) {
        return null;
      }
      if ((b[o] & 0xFF) == 1 && protoLen == 1 && (b[o + 2] & 0xFF) == 0xCC && addrLen == 4) {
        return IpAddress.of(b, addrAt + 2, 4);
      }
      o = addrAt + 2 + addrLen;
    }
    return null;
  }

  private static Endpoint subject(long mac, IpAddress ip, int vlan) {
    MacAddress m = new MacAddress(mac);
    boolean unspecified =
        ip == null || (ip.isV4() ? ip.v4() == 0 : ip.high() == 0 && ip.low() == 0);
    return unspecified ? Endpoint.ofMac(m, vlan) : Endpoint.of(m, ip, vlan);
  }

  /** Printable text of a field: control characters become spaces, trailing NULs go. */
  static String text(byte[] b, int o, int len) {
    String s = new String(b, o, len, StandardCharsets.UTF_8);
    StringBuilder sb = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == 0) {
        continue;
      }
      sb.append(Character.isISOControl(c) ? ' ' : c);
    }
    return sb.toString().trim();
  }

  private void emit(Endpoint subject, long t, String field, String value) {
    if (seen.size() >= MAX_REMEMBERED) {
      seen.clear();
    }
    if (seen.add(new SubjectFact(subject, field, value))) {
      owner.emit(new Observation(t, subject, field, value));
    }
  }
}

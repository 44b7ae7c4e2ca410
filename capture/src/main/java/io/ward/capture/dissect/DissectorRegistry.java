package io.ward.capture.dissect;

import java.util.List;

/**
 * The one table of application-protocol dissectors. Order matters for heuristics: the first
 * dissector whose probe accepts the payload wins, so specific signatures come before loose ones.
 */
public final class DissectorRegistry {
  private DissectorRegistry() {}

  /** Every dissector Ward ships, in probe order. */
  public static List<Dissector> all() {
    return List.of(
        // Filled in by each protocol package: new io.ward.capture.dissect.hl7.Hl7Dissector(), …
        // Clinical protocols: exact signatures (MLLP 0x0B "MSH", A-ASSOCIATE-RQ v1) probe first.
        new io.ward.capture.dissect.hl7.Hl7Dissector(),
        new io.ward.capture.dissect.dicom.DicomDissector(),
        new io.ward.capture.dissect.mqtt.MqttDissector(),
        // Cleartext management: port-only, confirmed by a cheap probe.
        new io.ward.capture.dissect.snmp.SnmpDissector(),
        new io.ward.capture.dissect.ftp.FtpDissector(),
        new io.ward.capture.dissect.telnet.TelnetDissector(),
        // Network and IT services: identity (DHCP), names (DNS, mDNS, LLMNR, NetBIOS), discovery
        // (SSDP, WS-Discovery), file sharing (SMB). Port-registered, confirmed by the probe.
        new io.ward.capture.dissect.dhcp.DhcpDissector(),
        io.ward.capture.dissect.dns.DnsDissector.dns(),
        io.ward.capture.dissect.dns.DnsDissector.mdns(),
        io.ward.capture.dissect.dns.DnsDissector.llmnr(),
        new io.ward.capture.dissect.dns.NbnsDissector(),
        new io.ward.capture.dissect.dns.NetbiosDatagramDissector(),
        new io.ward.capture.dissect.ssdp.SsdpDissector(),
        new io.ward.capture.dissect.ssdp.WsDiscoveryDissector(),
        new io.ward.capture.dissect.smb.SmbDissector(),
        // Also heuristic on any port: a TLS handshake record header, an HTTP request line.
        new io.ward.capture.dissect.tls.TlsDissector(),
        new io.ward.capture.dissect.http.HttpDissector(),
        // Lab and point-of-care: POCT1-A XML roots, then ASTM (a lone ENQ is loose, so last).
        new io.ward.capture.dissect.poct.PoctDissector(),
        new io.ward.capture.dissect.astm.AstmDissector());
  }
}

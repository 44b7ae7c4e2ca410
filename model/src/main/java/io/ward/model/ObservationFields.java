package io.ward.model;

/**
 * The vocabulary of {@link Observation#field()} names: the contract between dissectors (which emit
 * them) and the inventory's fingerprints (which interpret them). A dissector may emit a field not
 * listed here; listing it makes it part of the documented contract.
 */
public final class ObservationFields {
  private ObservationFields() {}

  // Layer 2/3 identity
  /** ARP sender: value is the IP address the MAC claims; subject has the MAC and that IP. */
  public static final String ARP_IP = "arp.ip";

  // DHCPv4 (RFC 2131/2132); subject is the client (chaddr, and yiaddr once bound)
  public static final String DHCP_HOSTNAME = "dhcp.hostname"; // option 12
  public static final String DHCP_PARAM_LIST = "dhcp.paramList"; // option 55, "1,3,6,15"
  public static final String DHCP_VENDOR_CLASS = "dhcp.vendorClass"; // option 60
  public static final String DHCP_CLIENT_ID = "dhcp.clientId"; // option 61, hex
  public static final String DHCP_FQDN = "dhcp.fqdn"; // option 81
  public static final String DHCP_LEASED_IP = "dhcp.leasedIp"; // yiaddr of an ACK
  public static final String DHCP_REQUESTED_IP = "dhcp.requestedIp"; // option 50
  public static final String DHCP_MUD_URL = "dhcp.mudUrl"; // option 161

  // Name services; subject is the address the name belongs to
  public static final String DNS_NAME = "dns.name"; // A/AAAA answer: name of subject IP
  public static final String DNS_QUERY = "dns.query"; // name the subject asked for
  public static final String MDNS_NAME = "mdns.name";
  public static final String MDNS_SERVICE = "mdns.service"; // e.g. _ipp._tcp.local
  public static final String LLMNR_NAME = "llmnr.name";
  public static final String NBNS_NAME = "nbns.name";

  // SSDP / UPnP / WS-Discovery
  public static final String SSDP_SERVER = "ssdp.server";
  public static final String SSDP_TYPE = "ssdp.type"; // NT or ST
  public static final String SSDP_USER_AGENT = "ssdp.userAgent";

  // HTTP/1.x
  public static final String HTTP_HOST = "http.host"; // subject: server
  public static final String HTTP_USER_AGENT = "http.userAgent"; // subject: client
  public static final String HTTP_SERVER = "http.server"; // subject: server
  public static final String HTTP_AUTH_SCHEME =
      "http.authScheme"; // Basic, Digest…; subject: server

  // TLS
  public static final String TLS_CLIENT_VERSION = "tls.clientVersion"; // highest offered
  public static final String TLS_SERVER_VERSION = "tls.serverVersion"; // negotiated
  public static final String TLS_SNI = "tls.sni"; // subject: server
  public static final String TLS_CIPHER = "tls.cipher"; // chosen, IANA name or 0x hex
  public static final String TLS_JA3 = "tls.ja3"; // subject: client, MD5 hex
  public static final String TLS_JA4 = "tls.ja4"; // subject: client
  public static final String TLS_CERT_SUBJECT = "tls.certSubject"; // subject: server
  public static final String TLS_CERT_ISSUER = "tls.certIssuer";
  public static final String TLS_CERT_NOT_AFTER = "tls.certNotAfter"; // ISO-8601
  public static final String TLS_CERT_KEY = "tls.certKey"; // e.g. RSA-2048

  // SMB
  public static final String SMB_DIALECT = "smb.dialect"; // e.g. NT LM 0.12, 3.1.1
  public static final String SMB_V1 = "smb.v1"; // "true" when SMBv1 is spoken
  public static final String SMB_NATIVE_OS = "smb.nativeOs";

  // Cleartext management; credentials are never put in a value
  public static final String TELNET_BANNER = "telnet.banner"; // subject: server
  public static final String TELNET_LOGIN = "telnet.login"; // "seen", subject: server
  public static final String FTP_BANNER = "ftp.banner"; // subject: server
  public static final String FTP_LOGIN = "ftp.login"; // "seen", subject: server
  public static final String SNMP_COMMUNITY = "snmp.community"; // "in-use:v2c", never the string
  public static final String SNMP_SYS_DESCR = "snmp.sysDescr"; // subject: agent
  public static final String SNMP_SYS_NAME = "snmp.sysName";
  public static final String SNMP_VERSION = "snmp.version";

  // MQTT
  public static final String MQTT_CLIENT_ID = "mqtt.clientId";

  // HL7 v2 over MLLP
  public static final String HL7_SENDING_APP = "hl7.sendingApplication"; // MSH-3, subject sender
  public static final String HL7_SENDING_FACILITY = "hl7.sendingFacility"; // MSH-4
  public static final String HL7_RECEIVING_APP = "hl7.receivingApplication"; // MSH-5, subject peer
  public static final String HL7_RECEIVING_FACILITY = "hl7.receivingFacility"; // MSH-6
  public static final String HL7_MESSAGE_TYPE = "hl7.messageType"; // ORU^R01
  public static final String HL7_VERSION = "hl7.version"; // MSH-12
  public static final String HL7_DEVICE_ID = "hl7.deviceId"; // OBX-18 / PRT-10
  public static final String HL7_UDI = "hl7.udi"; // PRT-16
  public static final String HL7_PID_PRESENT = "hl7.pidPresent"; // "true": PHI in cleartext
  // SFT segment (HL7 v2.5+, section 2.15.12) of the software that put the message on the wire
  public static final String HL7_SOFTWARE_VENDOR = "hl7.softwareVendor"; // SFT-1.1 organization
  public static final String HL7_SOFTWARE_VERSION = "hl7.softwareVersion"; // SFT-2 release
  public static final String HL7_SOFTWARE_PRODUCT = "hl7.softwareProduct"; // SFT-3 product name

  // DICOM upper layer (PS3.8)
  public static final String DICOM_CALLING_AE = "dicom.callingAeTitle"; // subject: requestor
  public static final String DICOM_CALLED_AE = "dicom.calledAeTitle"; // subject: acceptor
  public static final String DICOM_IMPL_CLASS_UID = "dicom.implementationClassUid";
  public static final String DICOM_IMPL_VERSION = "dicom.implementationVersionName";
  public static final String DICOM_ABSTRACT_SYNTAX = "dicom.abstractSyntax"; // SOP class name
  public static final String DICOM_COMMAND = "dicom.command"; // C-STORE, C-ECHO…
  public static final String DICOM_ASSOCIATION = "dicom.association"; // accepted/rejected:reason

  // POCT1-A (point-of-care) and ASTM E1381/E1394 (lab analyzers)
  public static final String POCT_VENDOR = "poct.vendor";
  public static final String POCT_MODEL = "poct.model";
  public static final String POCT_SERIAL = "poct.serial";
  public static final String POCT_SOFTWARE = "poct.softwareVersion";
  public static final String ASTM_SENDER = "astm.senderName"; // H-5 component 1
  public static final String ASTM_MODEL = "astm.model"; // H-5 component 2 where given
  public static final String ASTM_SOFTWARE = "astm.softwareVersion"; // H-5 component 3
  public static final String ASTM_SERIAL = "astm.serial";

  // LLDP / CDP
  public static final String LLDP_SYSTEM_NAME = "lldp.systemName";
  public static final String LLDP_SYSTEM_DESCR = "lldp.systemDescription";
  public static final String CDP_DEVICE_ID = "cdp.deviceId";
  public static final String CDP_PLATFORM = "cdp.platform";
}

package io.ward.simulate;

import java.util.List;

/** Fixed facts of the simulated hospital: names, well-known ports, and the outside world. */
final class Site {
  private Site() {}

  /** The Active Directory / DNS domain. */
  static final String DOMAIN = "steligius.local";

  /** HL7 MSH-4/MSH-6 facility. */
  static final String FACILITY = "STELIGIUS";

  /** NetBIOS workgroup / domain name. */
  static final String NETBIOS_DOMAIN = "STELIGIUS";

  // Ports: standard where one exists; the lab ones are vendor-configurable in real life.
  static final int DNS = 53;
  static final int DHCP_SERVER = 67;
  static final int DHCP_CLIENT = 68;
  static final int HTTP = 80;
  static final int HTTPS = 443;
  static final int SMB = 445;
  static final int TELNET = 23;
  static final int FTP = 21;
  static final int SNMP = 161;
  static final int MDNS = 5353;
  static final int SSDP = 1900;
  static final int DICOM = 104;

  /** MLLP port of every HL7 listener (IANA registers 2575 for HL7). */
  static final int MLLP = 2575;

  /** ASTM E1381 over TCP on the laboratory middleware. */
  static final int ASTM = 15200;

  /** POCT1-A on the laboratory middleware. */
  static final int POCT1A = 15300;

  static final int MDNS_GROUP = Host.ip(224, 0, 0, 251);
  static final int SSDP_GROUP = Host.ip(239, 255, 255, 250);

  /**
   * A destination beyond the router, named by TLS SNI and DNS. Addresses are from the RFC 5737
   * documentation ranges: these hosts are not devices of the hospital and are not in the truth.
   */
  record Remote(String name, int ip) {}

  static final List<Remote> WINDOWS_CLOUD =
      List.of(
          new Remote("login.microsoftonline.com", Host.ip(203, 0, 113, 10)),
          new Remote("outlook.office365.com", Host.ip(203, 0, 113, 11)),
          new Remote("settings-win.data.microsoft.com", Host.ip(203, 0, 113, 12)),
          new Remote("www.bing.com", Host.ip(203, 0, 113, 13)),
          new Remote("update.googleapis.com", Host.ip(198, 51, 100, 20)));

  static final List<Remote> APPLE_CLOUD =
      List.of(
          new Remote("gateway.icloud.com", Host.ip(198, 51, 100, 30)),
          new Remote("gsp-ssl.ls.apple.com", Host.ip(198, 51, 100, 31)),
          new Remote("mesu.apple.com", Host.ip(198, 51, 100, 32)));

  static final List<Remote> ANDROID_CLOUD =
      List.of(
          new Remote("play.googleapis.com", Host.ip(198, 51, 100, 40)),
          new Remote("android.clients.google.com", Host.ip(198, 51, 100, 41)),
          new Remote("connectivitycheck.gstatic.com", Host.ip(198, 51, 100, 42)));

  /** Where the exfiltration scenario sends studies. */
  static final Remote EXFIL = new Remote("img-share.example.net", Host.ip(192, 0, 2, 66));

  /** Obviously fictitious patients for HL7, DICOM and POCT test traffic (never real people). */
  static final List<String> FAKE_PATIENTS =
      List.of(
          "DOE^JANE",
          "DOE^JOHN",
          "ROE^RICHARD",
          "TESTPATIENT^ALPHA",
          "TESTPATIENT^BRAVO",
          "SAMPLE^SAM",
          "EXAMPLE^EMMA",
          "DUMMY^DAVID",
          "MUSTERMANN^MAX",
          "PUBLIC^JOHN^Q");
}

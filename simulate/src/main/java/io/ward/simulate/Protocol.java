package io.ward.simulate;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** Application protocols the simulator speaks, by the ids Ward's flows use. */
enum Protocol {
  DHCP,
  DNS,
  HL7,
  DICOM,
  POCT1A,
  ASTM,
  HTTP,
  TLS,
  SMB,
  TELNET,
  FTP,
  SNMP,
  MDNS,
  SSDP;

  String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  static Optional<Protocol> fromId(String id) {
    return Arrays.stream(values()).filter(p -> p.id().equals(id)).findFirst();
  }
}

package io.ward.simulate;

/**
 * What a catalogue entry must declare for its role to be simulated: the protocols its conversations
 * use and the identity those conversations carry.
 */
final class CatalogueRules {
  private CatalogueRules() {}

  static void check(DeviceModel m) {
    if (m.weight() < 0) {
      throw DeviceCatalogue.bad(m.id(), "negative weight");
    }
    if (!m.tlsMaxVersion().equals("1.2") && !m.tlsMaxVersion().equals("1.3")) {
      throw DeviceCatalogue.bad(m.id(), "tlsMaxVersion must be 1.2 or 1.3");
    }
    // A router relays DHCP (client towards the server) without being a DHCP client itself.
    if (m.role() != Role.ROUTER && m.dhcp().isPresent() != m.client().contains(Protocol.DHCP)) {
      throw DeviceCatalogue.bad(m.id(), "a dhcp profile and client protocol dhcp go together");
    }
    switch (m.role()) {
      case MODALITY:
        require(m, m.dicom().flatMap(DeviceModel.Dicom::modality).isPresent(), "dicom.modality");
        require(m, m.dicom().flatMap(DeviceModel.Dicom::sopClassUid).isPresent(), "dicom.sop");
        require(m, m.client().contains(Protocol.DICOM), "client dicom");
        break;
      case PACS:
      case IMAGING_WORKSTATION:
        require(m, m.dicom().isPresent(), "dicom");
        break;
      case PATIENT_MONITOR:
      case VENTILATOR:
      case CENTRAL_STATION:
      case INFUSION_PUMP:
      case EHR:
      case PUMP_SERVER:
        require(m, m.hl7().isPresent() && m.client().contains(Protocol.HL7), "hl7 client");
        break;
      case INTERFACE_ENGINE:
        require(m, m.hl7().isPresent() && m.server().contains(Protocol.HL7), "hl7 server");
        break;
      case LAB_ANALYZER:
        require(m, m.astm().isPresent() && m.client().contains(Protocol.ASTM), "astm client");
        break;
      case POC_ANALYZER:
        require(m, m.poct().isPresent() && m.client().contains(Protocol.POCT1A), "poct client");
        break;
      default:
        break;
    }
    if (m.server().contains(Protocol.HTTP)) {
      require(m, m.httpServer().isPresent(), "httpServer banner for http server");
    }
    if (m.server().contains(Protocol.TELNET)) {
      require(m, m.telnetBanner().isPresent(), "telnetBanner");
    }
    if (m.server().contains(Protocol.FTP)) {
      require(m, m.ftpBanner().isPresent(), "ftpBanner");
    }
    if (m.server().contains(Protocol.SNMP)) {
      require(m, m.snmpSysDescr().isPresent(), "snmpSysDescr");
    }
    if (m.client().contains(Protocol.MDNS)) {
      require(m, m.mdnsService().isPresent(), "mdnsService");
    }
    if (m.client().contains(Protocol.SSDP) && m.role() != Role.WORKSTATION) {
      require(m, m.ssdpServer().isPresent(), "ssdpServer");
    }
    if (m.client().contains(Protocol.HTTP)) {
      require(m, m.userAgent().isPresent(), "userAgent for http client");
    }
  }

  private static void require(DeviceModel m, boolean ok, String what) {
    if (!ok) {
      throw DeviceCatalogue.bad(m.id(), "role " + m.role().id() + " needs " + what);
    }
  }
}

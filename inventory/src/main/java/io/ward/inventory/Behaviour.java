package io.ward.inventory;

import io.ward.inventory.KbEntries.SopClass;
import io.ward.model.Category;
import io.ward.model.ObservationFields;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Classification from what a device does rather than what it says it is. Each rule adds category
 * (and sometimes modality or medical) evidence with a modest confidence, so a fingerprint that
 * names the device outranks it; the evidence source is {@code behaviour:<rule>}.
 */
final class Behaviour {
  /** Distinct peers from which a service counts as shared by many. */
  static final int MANY_PEERS = 5;

  /** Distinct OBX-18 device identifiers from which an HL7 sender is a gateway, not a device. */
  static final int GATEWAY_DEVICE_IDS = 3;

  private final KnowledgeBase kb;

  Behaviour(KnowledgeBase kb) {
    this.kb = kb;
  }

  void classify(DeviceFacts f, EvidenceSet ev) {
    if (f.gateway) {
      // Below a fingerprint that names the product (a firewall, a server routing for VMs), above
      // what a device's own traffic suggests: carrying other hosts' addresses is what routers do.
      category(
          ev,
          f,
          "gateway",
          Category.NETWORK_DEVICE,
          0.6,
          "routes for " + f.routedAddresses + (f.routedAddresses == 1 ? " address" : " addresses"));
    }
    dicom(f, ev);
    hl7(f, ev);
    lab(f, ev);
    windows(f, ev);
    printerVoipIot(f, ev);
    if (f.has(ObservationFields.LLDP_SYSTEM_DESCR)
        || f.has(ObservationFields.CDP_PLATFORM)
        || f.has(ObservationFields.CDP_DEVICE_ID)) {
      category(ev, f, "lldp-cdp", Category.NETWORK_DEVICE, 0.2, "announces itself by LLDP/CDP");
    }
    for (String p : f.clientsByProtocol.keySet()) {
      if (f.peers(List.of(p), true, false) >= MANY_PEERS) {
        category(ev, f, "shared-service", Category.SERVER, 0.2, "serves " + p + " to many clients");
      }
    }
  }

  private void dicom(DeviceFacts f, EvidenceSet ev) {
    boolean server = f.serves("dicom") || f.has(ObservationFields.DICOM_CALLED_AE);
    boolean client = f.uses("dicom") || f.has(ObservationFields.DICOM_CALLING_AE);
    Map<String, ValueStat> syntaxes = f.values(ObservationFields.DICOM_ABSTRACT_SYNTAX);
    boolean stores =
        f.values(ObservationFields.DICOM_COMMAND).keySet().stream()
            .anyMatch(c -> c.toUpperCase(Locale.ROOT).startsWith("C-STORE"));
    // Commands and proposed SOP classes are observed on the requestor (PS3.7 section 9.1).
    boolean asks =
        f.values(ObservationFields.DICOM_COMMAND).keySet().stream()
                .map(c -> c.toUpperCase(Locale.ROOT))
                .anyMatch(
                    c -> c.startsWith("C-FIND") || c.startsWith("C-MOVE") || c.startsWith("C-GET"))
            || syntaxes.keySet().stream()
                .anyMatch(s -> s.toLowerCase(Locale.ROOT).contains("query/retrieve"));
    boolean imageStorage = false;
    if (client && !server) {
      for (Map.Entry<String, ValueStat> s : syntaxes.entrySet()) {
        Optional<SopClass> sop = kb.sopClass(s.getKey());
        if (sop.isPresent()) {
          imageStorage = true;
          String why = "DICOM client proposing " + sop.get().name();
          ev.add(
              Attributes.MODALITY,
              sop.get().modality(),
              "behaviour:dicom-modality",
              why,
              Optional.empty(),
              0.5,
              s.getValue());
          ev.add(
              Attributes.CATEGORY,
              Category.IMAGING_MODALITY.id(),
              "behaviour:dicom-modality",
              why,
              Optional.empty(),
              stores ? 0.55 : 0.5,
              s.getValue());
        }
      }
    }
    // A viewing station that issues C-MOVE also accepts the images it asked for (PS3.4 C.4.2:
    // the move destination is a Storage SCP), so serving DICOM alone does not make it a PACS.
    if (server && !(client && asks)) {
      boolean worklistOnly =
          !syntaxes.isEmpty()
              && syntaxes.keySet().stream()
                  .allMatch(
                      s ->
                          s.toLowerCase(Locale.ROOT).contains("worklist")
                              || s.startsWith("1.2.840.10008.5.1.4.31")
                              || s.startsWith("1.2.840.10008.1.1"));
      if (worklistOnly) {
        category(ev, f, "dicom-worklist", Category.CLINICAL_SYSTEM, 0.4, "DICOM worklist provider");
      } else if (f.peers(List.of("dicom"), true, false) >= 2) {
        category(ev, f, "dicom-archive", Category.PACS, 0.45, "DICOM server of several clients");
      } else {
        category(ev, f, "dicom-server", Category.PACS, 0.3, "DICOM server");
      }
    }
    if (client && asks) {
      category(ev, f, "dicom-viewer", Category.WORKSTATION, 0.45, "queries and retrieves images");
    } else if (client && !server && !imageStorage) {
      category(
          ev, f, "dicom-client", Category.WORKSTATION, 0.2, "DICOM client without image storage");
    }
  }

  private void hl7(DeviceFacts f, EvidenceSet ev) {
    boolean speaks =
        f.serves("hl7")
            || f.uses("hl7")
            || f.fields.keySet().stream().anyMatch(k -> k.startsWith("hl7."));
    if (!speaks) {
      return;
    }
    boolean oru =
        f.values(ObservationFields.HL7_MESSAGE_TYPE).keySet().stream()
            .anyMatch(t -> t.toUpperCase(Locale.ROOT).startsWith("ORU^R01"));
    int deviceIds = f.values(ObservationFields.HL7_DEVICE_ID).size();
    if (oru && deviceIds > 0) {
      // A gateway (central station, pump server) reports for many devices; a bedside device
      // reports under its own one or two identifiers, and is classified by what names it.
      boolean gateway = deviceIds >= GATEWAY_DEVICE_IDS;
      String why =
          gateway
              ? "sends ORU^R01 for " + deviceIds + " devices (OBX-18): a device gateway"
              : "sends ORU^R01 with its own OBX-18 device identifier";
      if (gateway) {
        category(ev, f, "hl7-device-gateway", Category.CLINICAL_SYSTEM, 0.45, why);
      } else {
        category(ev, f, "hl7-device-data", Category.OTHER_MEDICAL, 0.3, why);
      }
      ev.add(
          Attributes.MEDICAL,
          "true",
          gateway ? "behaviour:hl7-device-gateway" : "behaviour:hl7-device-data",
          why,
          Optional.empty(),
          0.5,
          f.values(ObservationFields.HL7_DEVICE_ID).values().iterator().next());
    } else if (f.peers(List.of("hl7"), true, true) >= 3) {
      category(ev, f, "hl7-interface-engine", Category.CLINICAL_SYSTEM, 0.4, "HL7 with many peers");
    } else {
      category(ev, f, "hl7", Category.CLINICAL_SYSTEM, 0.25, "speaks HL7 v2");
    }
  }

  private void lab(DeviceFacts f, EvidenceSet ev) {
    boolean identifies =
        f.fields.keySet().stream().anyMatch(k -> k.startsWith("poct.") || k.startsWith("astm."));
    if (identifies) {
      category(
          ev, f, "lab-protocol", Category.LAB_ANALYZER, 0.6, "identifies itself in POCT1-A/ASTM");
      return;
    }
    if (f.serves("astm")) {
      category(
          ev,
          f,
          "astm-host",
          Category.CLINICAL_SYSTEM,
          0.3,
          "receives ASTM results (LIS or middleware)");
    }
    for (String p : List.of("poct1a", "poct")) {
      if (f.uses(p) && !f.serves(p)) {
        category(ev, f, "poct-device", Category.LAB_ANALYZER, 0.35, "POCT1-A device");
      } else if (f.serves(p)) {
        category(ev, f, "poct-manager", Category.CLINICAL_SYSTEM, 0.35, "POCT1-A data manager");
      }
    }
  }

  private void windows(DeviceFacts f, EvidenceSet ev) {
    if (f.serves("smb") || f.serves("rdp")) {
      if (f.peers(List.of("smb"), true, false) >= MANY_PEERS) {
        category(ev, f, "file-server", Category.SERVER, 0.35, "serves SMB to many clients");
      } else {
        category(ev, f, "windows-host", Category.WORKSTATION, 0.25, "serves SMB or RDP");
      }
    } else if (f.uses("smb") || f.uses("rdp") || f.uses("kerberos")) {
      category(ev, f, "windows-client", Category.WORKSTATION, 0.2, "SMB/RDP/Kerberos client");
    }
  }

  private void printerVoipIot(DeviceFacts f, EvidenceSet ev) {
    for (String p : List.of("ipp", "ipps", "jetdirect", "lpd")) {
      if (f.serves(p)) {
        category(ev, f, "print-service", Category.PRINTER, 0.45, "serves " + p);
      }
    }
    if (f.serves("sip") || f.uses("sip")) {
      if (f.peers(List.of("sip"), true, false) >= MANY_PEERS) {
        category(ev, f, "sip-server", Category.SERVER, 0.35, "SIP server of many phones");
      } else {
        category(ev, f, "sip-endpoint", Category.VOIP_PHONE, 0.3, "SIP endpoint");
      }
    }
    for (String p : List.of("bacnet", "modbus")) {
      if (f.serves(p)) {
        category(ev, f, "building-protocol", Category.BUILDING_IOT, 0.35, "serves " + p);
      }
    }
    if (f.uses("mqtt") && f.serversByProtocol.size() == 1 && f.clientsByProtocol.isEmpty()) {
      category(ev, f, "mqtt-only", Category.BUILDING_IOT, 0.15, "talks only MQTT");
    }
  }

  private static void category(
      EvidenceSet ev, DeviceFacts f, String rule, Category c, double confidence, String why) {
    ev.add(
        Attributes.CATEGORY,
        c.id(),
        "behaviour:" + rule,
        why,
        Optional.empty(),
        confidence,
        f.lifetime());
  }
}

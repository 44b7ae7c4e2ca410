package io.ward.bench;

import java.util.List;
import java.util.Optional;

/**
 * One device as Ward's own analysis described it (vendor, model, category, protocols, evidence…),
 * the pattern from which the server benchmark's fleet stamps out many devices with their own
 * addresses, names and serials.
 *
 * @param mac the MAC address, {@code aa:bb:cc:dd:ee:ff}
 * @param ips the IP addresses
 * @param hostnames the host names
 * @param vlan the first VLAN the device was seen on, 0 for none
 * @param vendor the vendor, {@code ""} when unknown
 * @param model the model, {@code ""} when unknown
 * @param os the operating system, {@code ""} when unknown
 * @param firmware the firmware version, {@code ""} when unknown
 * @param serial the serial number, {@code ""} when unknown
 * @param category the category id, e.g. {@code infusion-pump}
 * @param modality the DICOM modality, {@code ""} for none
 * @param medical whether the category is medical
 * @param criticality the criticality id, e.g. {@code life-critical}
 * @param criticalityRank the criticality's rank (0 = life-critical)
 * @param protocolsClient the protocols it speaks as a client
 * @param protocolsServer the protocols it serves
 * @param aeTitles DICOM AE titles
 * @param hl7Applications HL7 sending applications
 * @param evidence the evidence behind each attribute
 */
record ServerTemplate(
    String mac,
    List<String> ips,
    List<String> hostnames,
    int vlan,
    String vendor,
    String model,
    String os,
    String firmware,
    String serial,
    String category,
    String modality,
    boolean medical,
    String criticality,
    int criticalityRank,
    List<String> protocolsClient,
    List<String> protocolsServer,
    List<String> aeTitles,
    List<String> hl7Applications,
    List<Evidence> evidence) {

  ServerTemplate {
    ips = List.copyOf(ips);
    hostnames = List.copyOf(hostnames);
    protocolsClient = List.copyOf(protocolsClient);
    protocolsServer = List.copyOf(protocolsServer);
    aeTitles = List.copyOf(aeTitles);
    hl7Applications = List.copyOf(hl7Applications);
    evidence = List.copyOf(evidence);
  }

  /**
   * One piece of evidence as the analysis gave it.
   *
   * @param attribute the attribute it supports, e.g. {@code vendor}
   * @param value the value it gives
   * @param source where it came from, e.g. {@code dhcp.option60}
   * @param observed what was seen on the wire
   * @param fingerprint the knowledge-base entry that matched, if any
   * @param confidence 0 to 1
   */
  record Evidence(
      String attribute,
      String value,
      String source,
      String observed,
      Optional<String> fingerprint,
      double confidence) {}
}

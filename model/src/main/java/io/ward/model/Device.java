package io.ward.model;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * One device of the inventory with every attribute Ward inferred and the evidence for each.
 *
 * @param id stable id: {@code mac:aa:bb:..} where layer 2 was seen, else {@code ip:10.1.2.3}
 * @param modality DICOM modality code (CT, MR, US…) for imaging modalities
 * @param protocolsAsClient application protocols this device initiated
 * @param protocolsAsServer application protocols this device answered
 * @param aeTitles DICOM application entity titles this device used
 * @param hl7Applications HL7 sending/receiving application names (with facility) it used
 * @param evidence every piece of evidence, including the ones that lost a conflict
 * @param software the software seen running on the device (toolkits, servers, HL7 SFT products),
 *     one item per vendor and product; {@code vendor} and {@code model} name the hardware
 */
public record Device(
    String id,
    Optional<MacAddress> mac,
    List<IpAddress> ips,
    List<String> hostnames,
    Set<Integer> vlans,
    Optional<String> vendor,
    Optional<String> model,
    Optional<String> os,
    Optional<String> firmware,
    Optional<String> serial,
    Category category,
    Optional<String> modality,
    boolean medical,
    Criticality criticality,
    Set<String> protocolsAsClient,
    Set<String> protocolsAsServer,
    Set<String> aeTitles,
    Set<String> hl7Applications,
    long firstSeenEpochNanos,
    long lastSeenEpochNanos,
    List<Evidence> evidence,
    List<Software> software) {

  /** A device with no software seen on it. */
  public Device(
      String id,
      Optional<MacAddress> mac,
      List<IpAddress> ips,
      List<String> hostnames,
      Set<Integer> vlans,
      Optional<String> vendor,
      Optional<String> model,
      Optional<String> os,
      Optional<String> firmware,
      Optional<String> serial,
      Category category,
      Optional<String> modality,
      boolean medical,
      Criticality criticality,
      Set<String> protocolsAsClient,
      Set<String> protocolsAsServer,
      Set<String> aeTitles,
      Set<String> hl7Applications,
      long firstSeenEpochNanos,
      long lastSeenEpochNanos,
      List<Evidence> evidence) {
    this(
        id,
        mac,
        ips,
        hostnames,
        vlans,
        vendor,
        model,
        os,
        firmware,
        serial,
        category,
        modality,
        medical,
        criticality,
        protocolsAsClient,
        protocolsAsServer,
        aeTitles,
        hl7Applications,
        firstSeenEpochNanos,
        lastSeenEpochNanos,
        evidence,
        List.of());
  }

  public Device {
    Objects.requireNonNull(id, "id");
    ips = List.copyOf(ips);
    hostnames = List.copyOf(hostnames);
    vlans = Set.copyOf(vlans);
    protocolsAsClient = Set.copyOf(protocolsAsClient);
    protocolsAsServer = Set.copyOf(protocolsAsServer);
    aeTitles = Set.copyOf(aeTitles);
    hl7Applications = Set.copyOf(hl7Applications);
    evidence = List.copyOf(evidence);
    software = List.copyOf(software);
  }

  /** This device under another id, every attribute the same. */
  public Device withId(String newId) {
    return new Device(
        newId,
        mac,
        ips,
        hostnames,
        vlans,
        vendor,
        model,
        os,
        firmware,
        serial,
        category,
        modality,
        medical,
        criticality,
        protocolsAsClient,
        protocolsAsServer,
        aeTitles,
        hl7Applications,
        firstSeenEpochNanos,
        lastSeenEpochNanos,
        evidence,
        software);
  }

  /** This device with another operating system. */
  public Device withOs(Optional<String> newOs) {
    return new Device(
        id,
        mac,
        ips,
        hostnames,
        vlans,
        vendor,
        model,
        newOs,
        firmware,
        serial,
        category,
        modality,
        medical,
        criticality,
        protocolsAsClient,
        protocolsAsServer,
        aeTitles,
        hl7Applications,
        firstSeenEpochNanos,
        lastSeenEpochNanos,
        evidence,
        software);
  }

  /** This device with another serial number. */
  public Device withSerial(Optional<String> newSerial) {
    return new Device(
        id,
        mac,
        ips,
        hostnames,
        vlans,
        vendor,
        model,
        os,
        firmware,
        newSerial,
        category,
        modality,
        medical,
        criticality,
        protocolsAsClient,
        protocolsAsServer,
        aeTitles,
        hl7Applications,
        firstSeenEpochNanos,
        lastSeenEpochNanos,
        evidence,
        software);
  }

  /** This device with another list of evidence. */
  public Device withEvidence(List<Evidence> newEvidence) {
    return new Device(
        id,
        mac,
        ips,
        hostnames,
        vlans,
        vendor,
        model,
        os,
        firmware,
        serial,
        category,
        modality,
        medical,
        criticality,
        protocolsAsClient,
        protocolsAsServer,
        aeTitles,
        hl7Applications,
        firstSeenEpochNanos,
        lastSeenEpochNanos,
        newEvidence,
        software);
  }

  /** This device with another list of software. */
  public Device withSoftware(List<Software> newSoftware) {
    return new Device(
        id,
        mac,
        ips,
        hostnames,
        vlans,
        vendor,
        model,
        os,
        firmware,
        serial,
        category,
        modality,
        medical,
        criticality,
        protocolsAsClient,
        protocolsAsServer,
        aeTitles,
        hl7Applications,
        firstSeenEpochNanos,
        lastSeenEpochNanos,
        evidence,
        newSoftware);
  }
}

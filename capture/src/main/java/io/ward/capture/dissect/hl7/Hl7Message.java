package io.ward.capture.dissect.hl7;

import java.util.List;
import java.util.Optional;

/**
 * What Ward keeps of one HL7 v2 message: who sent it to whom, what kind it is, which devices it
 * names, and whether it carried a PID segment. Patient data is never copied into this record.
 *
 * @param sendingApplication MSH-3, components joined with {@code ^}
 * @param sendingFacility MSH-4
 * @param receivingApplication MSH-5
 * @param receivingFacility MSH-6
 * @param messageType MSH-9 message code and trigger event, e.g. {@code ORU^R01}
 * @param version MSH-12 version id, e.g. {@code 2.5.1}
 * @param deviceIds OBX-18 equipment instance identifiers and PRT-10 participation devices
 * @param udis PRT-16 UDI device identifiers
 * @param deviceSerials PRT-20 participation device serial numbers
 * @param pidPresent true when a PID segment (patient identification) was in the message
 * @param software the last SFT segment: the software that produced or last modified the message
 */
record Hl7Message(
    Optional<String> sendingApplication,
    Optional<String> sendingFacility,
    Optional<String> receivingApplication,
    Optional<String> receivingFacility,
    Optional<String> messageType,
    Optional<String> version,
    List<String> deviceIds,
    List<String> udis,
    List<String> deviceSerials,
    boolean pidPresent,
    Optional<Software> software) {

  /**
   * One SFT segment (HL7 v2.5+, section 2.15.12), each part empty when not valued.
   *
   * @param vendor SFT-1 software vendor organization, component 1 (organization name)
   * @param version SFT-2 software certified version or release number
   * @param product SFT-3 software product name
   */
  record Software(Optional<String> vendor, Optional<String> version, Optional<String> product) {}

  Hl7Message {
    deviceIds = List.copyOf(deviceIds);
    udis = List.copyOf(udis);
    deviceSerials = List.copyOf(deviceSerials);
  }
}

package io.ward.capture.dissect.hl7;

import io.ward.model.Facts;
import io.ward.model.ObservationFields;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What Ward keeps of one HL7 v2 message: who sent it to whom, what kind it is, which devices it
 * names, and whether it carried a PID segment. Patient data is never copied into it.
 *
 * <p>A value class, equal by its parts (a class rather than a record only to keep the {@link Facts}
 * it states, made once: the parser's memo hands one instance to every message of the same kind, so
 * the inventory recognises their facts as repeats by identity).
 */
final class Hl7Message {
  private final Optional<String> sendingApplication;
  private final Optional<String> sendingFacility;
  private final Optional<String> receivingApplication;
  private final Optional<String> receivingFacility;
  private final Optional<String> messageType;
  private final Optional<String> version;
  private final List<String> deviceIds;
  private final List<String> udis;
  private final List<String> deviceSerials;
  private final boolean pidPresent;
  private final Optional<Software> software;

  // Made on first use (a data race at worst makes equal instances twice, which costs only time).
  private Facts senderFacts;
  private Facts peerFacts;

  /**
   * One SFT segment (HL7 v2.5+, section 2.15.12), each part empty when not valued.
   *
   * @param vendor SFT-1 software vendor organization, component 1 (organization name)
   * @param version SFT-2 software certified version or release number
   * @param product SFT-3 software product name
   */
  record Software(Optional<String> vendor, Optional<String> version, Optional<String> product) {}

  /**
   * The parts of a message.
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
  Hl7Message(
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
    this.sendingApplication = Objects.requireNonNull(sendingApplication);
    this.sendingFacility = Objects.requireNonNull(sendingFacility);
    this.receivingApplication = Objects.requireNonNull(receivingApplication);
    this.receivingFacility = Objects.requireNonNull(receivingFacility);
    this.messageType = Objects.requireNonNull(messageType);
    this.version = Objects.requireNonNull(version);
    this.deviceIds = List.copyOf(deviceIds);
    this.udis = List.copyOf(udis);
    this.deviceSerials = List.copyOf(deviceSerials);
    this.pidPresent = pidPresent;
    this.software = Objects.requireNonNull(software);
  }

  Optional<String> sendingApplication() {
    return sendingApplication;
  }

  Optional<String> sendingFacility() {
    return sendingFacility;
  }

  Optional<String> receivingApplication() {
    return receivingApplication;
  }

  Optional<String> receivingFacility() {
    return receivingFacility;
  }

  Optional<String> messageType() {
    return messageType;
  }

  Optional<String> version() {
    return version;
  }

  List<String> deviceIds() {
    return deviceIds;
  }

  List<String> udis() {
    return udis;
  }

  List<String> deviceSerials() {
    return deviceSerials;
  }

  boolean pidPresent() {
    return pidPresent;
  }

  Optional<Software> software() {
    return software;
  }

  /**
   * What the message says about its sender, in this order: MSH-3, MSH-4, type, version, device ids,
   * UDIs, serials, the SFT vendor, version and product, and that a PID segment was present. Empty
   * values are left out.
   */
  Facts senderFacts() {
    Facts f = senderFacts;
    if (f == null) {
      Facts.Builder b = Facts.builder();
      add(b, ObservationFields.HL7_SENDING_APP, sendingApplication);
      add(b, ObservationFields.HL7_SENDING_FACILITY, sendingFacility);
      add(b, ObservationFields.HL7_MESSAGE_TYPE, messageType);
      add(b, ObservationFields.HL7_VERSION, version);
      deviceIds.forEach(id -> add(b, ObservationFields.HL7_DEVICE_ID, Optional.of(id)));
      udis.forEach(udi -> add(b, ObservationFields.HL7_UDI, Optional.of(udi)));
      deviceSerials.forEach(s -> add(b, Hl7Dissector.DEVICE_SERIAL, Optional.of(s)));
      software.ifPresent(
          sft -> {
            add(b, ObservationFields.HL7_SOFTWARE_VENDOR, sft.vendor());
            add(b, ObservationFields.HL7_SOFTWARE_VERSION, sft.version());
            add(b, ObservationFields.HL7_SOFTWARE_PRODUCT, sft.product());
          });
      if (pidPresent) {
        add(b, ObservationFields.HL7_PID_PRESENT, Optional.of("true"));
      }
      f = b.build();
      senderFacts = f;
    }
    return f;
  }

  /** What the message says about its receiver: MSH-5 and MSH-6, empty values left out. */
  Facts peerFacts() {
    Facts f = peerFacts;
    if (f == null) {
      Facts.Builder b = Facts.builder();
      add(b, ObservationFields.HL7_RECEIVING_APP, receivingApplication);
      add(b, ObservationFields.HL7_RECEIVING_FACILITY, receivingFacility);
      f = b.build();
      peerFacts = f;
    }
    return f;
  }

  private static void add(Facts.Builder b, String field, Optional<String> value) {
    if (value.isPresent() && !value.get().isEmpty()) {
      b.add(field, value.get());
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Hl7Message m
        && pidPresent == m.pidPresent
        && sendingApplication.equals(m.sendingApplication)
        && sendingFacility.equals(m.sendingFacility)
        && receivingApplication.equals(m.receivingApplication)
        && receivingFacility.equals(m.receivingFacility)
        && messageType.equals(m.messageType)
        && version.equals(m.version)
        && deviceIds.equals(m.deviceIds)
        && udis.equals(m.udis)
        && deviceSerials.equals(m.deviceSerials)
        && software.equals(m.software);
  }

  @Override
  public int hashCode() {
    return Objects.hash(
        sendingApplication,
        sendingFacility,
        receivingApplication,
        receivingFacility,
        messageType,
        version,
        deviceIds,
        udis,
        deviceSerials,
        pidPresent,
        software);
  }

  /** As a record would show it, for test messages. */
  @Override
  public String toString() {
    return "Hl7Message[sendingApplication="
        + sendingApplication
        + ", sendingFacility="
        + sendingFacility
        + ", receivingApplication="
        + receivingApplication
        + ", receivingFacility="
        + receivingFacility
        + ", messageType="
        + messageType
        + ", version="
        + version
        + ", deviceIds="
        + deviceIds
        + ", udis="
        + udis
        + ", deviceSerials="
        + deviceSerials
        + ", pidPresent="
        + pidPresent
        + ", software="
        + software
        + "]";
  }
}

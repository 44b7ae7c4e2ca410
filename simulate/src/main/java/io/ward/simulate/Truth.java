package io.ward.simulate;

import io.ward.model.Category;
import io.ward.model.Criticality;
import io.ward.model.Device;
import io.ward.model.IpAddress;
import io.ward.model.MacAddress;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/** Turns planned devices into the inventory's {@link Device} records: the ground truth. */
final class Truth {
  private Truth() {}

  /** How much patient care depends on a category (life-critical: keeps a patient alive). */
  static Criticality criticality(Category c) {
    switch (c) {
      case INFUSION_PUMP:
      case VENTILATOR:
      case PATIENT_MONITOR:
        return Criticality.LIFE_CRITICAL;
      case IMAGING_MODALITY:
      case LAB_ANALYZER:
      case PACS:
      case MEDICATION_DISPENSING:
      case NURSE_CALL:
      case CLINICAL_SYSTEM:
      case OTHER_MEDICAL:
        return Criticality.HIGH;
      case WORKSTATION:
      case SERVER:
      case NETWORK_DEVICE:
        return Criticality.MEDIUM;
      default:
        return Criticality.LOW;
    }
  }

  static Device device(PlannedDevice d, NetworkPlan plan, long firstSeenNanos, long lastSeenNanos) {
    List<IpAddress> ips = new ArrayList<>();
    if (d.role() == Role.ROUTER) {
      Set<Zone> zones = new TreeSet<>();
      for (PlannedDevice other : plan.devices()) {
        zones.add(other.zone);
      }
      zones.forEach(z -> ips.add(IpAddress.ofV4(z.gatewayIp())));
    } else {
      ips.add(IpAddress.ofV4(d.ip));
    }
    Set<String> names = new LinkedHashSet<>();
    names.add(d.hostname);
    if (d.isResolvedByDns()) {
      names.add(d.fqdn());
    }
    if (d.clientProtocols().contains(Protocol.MDNS)) {
      names.add(d.hostname + ".local");
    }
    Set<Integer> vlans = d.zone.tag() == 0 ? Set.of() : Set.of(d.zone.tag());
    boolean dicom =
        d.clientProtocols().contains(Protocol.DICOM)
            || d.serverProtocols().contains(Protocol.DICOM);
    boolean hl7 =
        d.clientProtocols().contains(Protocol.HL7) || d.serverProtocols().contains(Protocol.HL7);
    Set<String> aeTitles = dicom && d.aeTitle().isPresent() ? Set.of(d.aeTitle().get()) : Set.of();
    Set<String> hl7Apps =
        hl7 && d.model.hl7().isPresent()
            ? Set.of(d.model.hl7().get().application() + "|" + Site.FACILITY)
            : Set.of();
    Category category = d.model.category();
    return new Device(
        "mac:" + new MacAddress(d.mac),
        Optional.of(new MacAddress(d.mac)),
        ips,
        List.copyOf(names),
        vlans,
        Optional.of(d.model.vendor()),
        Optional.of(d.model.model()),
        d.model.os(),
        Optional.of(d.firmware),
        Optional.of(d.serial),
        category,
        d.role() == Role.MODALITY
            ? d.model.dicom().flatMap(DeviceModel.Dicom::modality)
            : Optional.empty(),
        category.medical(),
        criticality(category),
        ids(d.clientProtocols()),
        ids(d.serverProtocols()),
        aeTitles,
        hl7Apps,
        firstSeenNanos,
        lastSeenNanos,
        List.of());
  }

  private static Set<String> ids(Set<Protocol> protocols) {
    Set<String> s = new TreeSet<>();
    protocols.forEach(p -> s.add(p.id()));
    return s;
  }
}

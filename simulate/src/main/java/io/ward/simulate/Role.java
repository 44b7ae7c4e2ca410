package io.ward.simulate;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** What a device does on the network, which decides its zone and its conversations. */
enum Role {
  ROUTER(Zone.MANAGEMENT),
  SWITCH(Zone.MANAGEMENT),
  ACCESS_POINT(Zone.MANAGEMENT),
  DOMAIN_CONTROLLER(Zone.SERVERS),
  FILE_SERVER(Zone.SERVERS),
  WEB_SERVER(Zone.SERVERS),
  NMS(Zone.SERVERS),
  EHR(Zone.SERVERS),
  INTERFACE_ENGINE(Zone.SERVERS),
  PUMP_SERVER(Zone.SERVERS),
  LAB_MIDDLEWARE(Zone.SERVERS),
  PACS(Zone.SERVERS),
  CENTRAL_STATION(Zone.CLINICAL),
  WORKSTATION(Zone.CORPORATE),
  IMAGING_WORKSTATION(Zone.IMAGING),
  BIOMED_WORKSTATION(Zone.CORPORATE),
  INFUSION_PUMP(Zone.INFUSION),
  PATIENT_MONITOR(Zone.CLINICAL),
  VENTILATOR(Zone.CLINICAL),
  MODALITY(Zone.IMAGING),
  LAB_ANALYZER(Zone.LAB),
  POC_ANALYZER(Zone.LAB),
  DISPENSING_CABINET(Zone.CLINICAL),
  NURSE_CALL(Zone.CLINICAL),
  PRINTER(Zone.CORPORATE),
  VOIP_PHONE(Zone.VOICE),
  BUILDING_CONTROLLER(Zone.FACILITIES),
  MOBILE(Zone.WIRELESS);

  private final Zone zone;

  Role(Zone zone) {
    this.zone = zone;
  }

  Zone zone() {
    return zone;
  }

  String id() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  static Optional<Role> fromId(String id) {
    return Arrays.stream(values()).filter(r -> r.id().equals(id)).findFirst();
  }
}

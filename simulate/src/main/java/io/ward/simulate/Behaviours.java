package io.ward.simulate;

import java.util.ArrayList;
import java.util.List;

/**
 * The one table of what each role does and how often: the recurring scenarios of every device, with
 * mean periods chosen so that a hospital averages a few tenths of a packet per device per second
 * (monitors every 30 s, pumps every minute, workstations a few sessions per minute…).
 */
final class Behaviours {

  /** A scenario and its mean period. */
  record Activity(Scenario scenario, long periodMicros) {}

  private final NetworkPlan plan;

  Behaviours(NetworkPlan plan) {
    this.plan = plan;
  }

  /** Every activity of {@code d} that applies to it, in a fixed order. */
  List<Activity> of(PlannedDevice d) {
    List<Activity> a = new ArrayList<>();
    add(a, d, ArpRefreshScenario.INSTANCE, 300);
    switch (d.role()) {
      case EHR:
        add(
            a,
            d,
            AdtFeedScenario.INSTANCE,
            Math.max(0.5, Math.min(30, 3_000.0 / plan.devices().size())));
        break;
      case PUMP_SERVER:
        add(
            a,
            d,
            PumpScenario.FORWARD,
            Math.max(
                0.5,
                Math.min(20, 1_200.0 / Math.max(1, plan.withRole(Role.INFUSION_PUMP).length))));
        break;
      case CENTRAL_STATION:
        add(a, d, VitalsScenario.INSTANCE, 15);
        break;
      case WORKSTATION:
        add(a, d, IntranetScenario.INSTANCE, 120);
        add(a, d, EhrSessionScenario.INSTANCE, 60);
        add(a, d, InternetTlsScenario.INSTANCE, 180);
        add(a, d, FileShareScenario.INSTANCE, 300);
        add(a, d, DiscoveryScenario.SEARCH, 900);
        break;
      case IMAGING_WORKSTATION:
        add(a, d, ImagingScenario.QUERY_RETRIEVE, 240);
        add(a, d, FileShareScenario.INSTANCE, 300);
        add(a, d, IntranetScenario.INSTANCE, 300);
        break;
      case BIOMED_WORKSTATION:
        add(a, d, IntranetScenario.INSTANCE, 300);
        break;
      case INFUSION_PUMP:
        add(a, d, PumpScenario.PUMP, 60);
        break;
      case PATIENT_MONITOR:
        add(a, d, VitalsScenario.INSTANCE, 30);
        break;
      case VENTILATOR:
        add(a, d, VitalsScenario.INSTANCE, 60);
        break;
      case MODALITY:
        add(a, d, ImagingScenario.STORE, 120);
        add(a, d, ImagingScenario.WORKLIST, 300);
        break;
      case LAB_ANALYZER:
        add(a, d, LabScenario.ASTM, 120);
        add(a, d, EngineOrdersScenario.INSTANCE, 240);
        break;
      case POC_ANALYZER:
        add(a, d, LabScenario.POCT, 300);
        break;
      case DISPENSING_CABINET:
        add(a, d, EhrSessionScenario.INSTANCE, 180);
        add(a, d, EngineOrdersScenario.INSTANCE, 300);
        break;
      case NURSE_CALL:
        add(a, d, EngineOrdersScenario.INSTANCE, 120);
        break;
      case PACS:
        add(a, d, EngineOrdersScenario.INSTANCE, 180);
        break;
      case PRINTER:
        add(a, d, DiscoveryScenario.MDNS, 300);
        break;
      case VOIP_PHONE:
        add(a, d, PhoneProvisioningScenario.INSTANCE, 900);
        add(a, d, DiscoveryScenario.NOTIFY, 600);
        break;
      case MOBILE:
        add(a, d, InternetTlsScenario.INSTANCE, 120);
        add(a, d, DiscoveryScenario.MDNS, 600);
        break;
      default:
        break;
    }
    add(a, d, ManagementScenario.SNMP, 300);
    add(a, d, ManagementScenario.WEB, 1_200);
    add(a, d, ManagementScenario.TELNET, 1_800);
    add(a, d, ManagementScenario.FTP, 2_400);
    return a;
  }

  private void add(List<Activity> list, PlannedDevice d, Scenario s, double periodSeconds) {
    if (s.appliesTo(d, plan)) {
      list.add(new Activity(s, Math.round(periodSeconds * 1_000_000)));
    }
  }

  /** Records every device's protocols in the plan: address handshakes and every activity. */
  void declareAll() {
    for (PlannedDevice d : plan.devices()) {
      if (d.model.dhcp().isPresent()) {
        d.speaksAsClient(Protocol.DHCP);
        PlannedDevice dc = plan.serving(Role.DOMAIN_CONTROLLER, d);
        dc.speaksAsServer(Protocol.DHCP);
        if (d.freshBoot && d.zone != dc.zone) {
          plan.router().speaksAsClient(Protocol.DHCP);
          plan.router().speaksAsServer(Protocol.DHCP);
        }
      }
      for (Activity a : of(d)) {
        a.scenario().declare(d, plan);
      }
    }
  }
}

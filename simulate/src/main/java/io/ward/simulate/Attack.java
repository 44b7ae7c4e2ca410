package io.ward.simulate;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A scripted attack mixed into the benign traffic, with its ground truth. Each picks its attacker
 * and targets from the plan, declares the protocols it makes them speak, and schedules its tasks.
 */
sealed interface Attack
    permits PortScanAttack, SmbV1ExploitAttack, TelnetBruteForceAttack, DicomExfiltrationAttack {

  /** The names the CLI accepts, in the order attacks are staged in time. */
  List<String> NAMES =
      List.of("port-scan", "smbv1-exploit", "telnet-brute-force", "dicom-exfiltration");

  String name();

  /** Picks attacker and targets, registers the truth entry and declares protocols. */
  void prepare(NetworkPlan plan, AttackLog log, SplittableRandom rnd);

  /**
   * Schedules the attack's tasks starting at {@code startMicros}, lasting about {@code spanMicros}.
   */
  void schedule(Simulation sim, long startMicros, long spanMicros);

  static Attack named(String name) {
    switch (name) {
      case "port-scan":
        return new PortScanAttack();
      case "smbv1-exploit":
        return new SmbV1ExploitAttack();
      case "telnet-brute-force":
        return new TelnetBruteForceAttack();
      case "dicom-exfiltration":
        return new DicomExfiltrationAttack();
      default:
        throw new IllegalArgumentException("unknown attack " + name);
    }
  }

  /** An infected office workstation: a non-core one when there is one. */
  static PlannedDevice pickWorkstation(NetworkPlan plan, SplittableRandom rnd, int avoid) {
    List<PlannedDevice> candidates = new ArrayList<>();
    for (int i : plan.withRole(Role.WORKSTATION)) {
      if (i != avoid) {
        candidates.add(plan.device(i));
      }
    }
    if (candidates.isEmpty()) {
      return plan.device(plan.withRole(Role.BIOMED_WORKSTATION)[0]);
    }
    return candidates.get(rnd.nextInt(candidates.size()));
  }

  /** TCP ports a device listens on, from the server protocols its product declares. */
  static List<Integer> listeningPorts(PlannedDevice d) {
    List<Integer> ports = new ArrayList<>();
    for (Protocol p : d.model.server()) {
      switch (p) {
        case HTTP:
          ports.add(Site.HTTP);
          break;
        case TLS:
          ports.add(Site.HTTPS);
          break;
        case TELNET:
          ports.add(Site.TELNET);
          break;
        case FTP:
          ports.add(Site.FTP);
          break;
        case HL7:
          ports.add(Site.MLLP);
          break;
        case DICOM:
          ports.add(Site.DICOM);
          break;
        case SMB:
          ports.add(Site.SMB);
          break;
        case ASTM:
          ports.add(Site.ASTM);
          break;
        case POCT1A:
          ports.add(Site.POCT1A);
          break;
        default:
          break;
      }
    }
    return ports;
  }
}

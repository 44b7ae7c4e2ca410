package io.ward.simulate;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A compromised workstation SYN-scans the clinical segments: 1000 TCP ports on up to 50 devices,
 * probes interleaved across hosts in random port order (as nmap -sS does). Closed ports answer
 * RST-ACK; open ones SYN-ACK, which the scanner resets.
 */
final class PortScanAttack implements Attack {
  static final int HOSTS = 50;
  static final int PORTS = 1000;
  private static final int[] EXTRA_PORTS = {
    1433, 2575, 3389, 5432, 5900, 8000, 8080, 8443, 9100, 11112
  };

  private PlannedDevice attacker;
  private final List<PlannedDevice> targets = new ArrayList<>();
  private int id;
  private int[] ports;

  @Override
  public String name() {
    return "port-scan";
  }

  @Override
  public void prepare(NetworkPlan plan, AttackLog log, SplittableRandom rnd) {
    attacker = Attack.pickWorkstation(plan, rnd, -1);
    List<PlannedDevice> clinical = new ArrayList<>();
    for (PlannedDevice d : plan.devices()) {
      if (d.zone == Zone.CLINICAL || d.zone == Zone.INFUSION) {
        clinical.add(d);
      }
    }
    for (int i = clinical.size() - 1; i > 0; i--) {
      Collections.swap(clinical, i, rnd.nextInt(i + 1));
    }
    targets.addAll(clinical.subList(0, Math.min(HOSTS, clinical.size())));
    ports = new int[PORTS];
    for (int i = 0; i < PORTS - EXTRA_PORTS.length; i++) {
      ports[i] = i + 1;
    }
    System.arraycopy(EXTRA_PORTS, 0, ports, PORTS - EXTRA_PORTS.length, EXTRA_PORTS.length);
    for (int i = ports.length - 1; i > 0; i--) {
      int j = rnd.nextInt(i + 1);
      int t = ports[i];
      ports[i] = ports[j];
      ports[j] = t;
    }
    List<Integer> ids = new ArrayList<>();
    targets.forEach(t -> ids.add(t.index));
    id = log.register(name(), attacker.index, ids, List.of());
  }

  @Override
  public void schedule(Simulation sim, long startMicros, long spanMicros) {
    if (targets.isEmpty()) {
      return;
    }
    long probes = (long) targets.size() * PORTS;
    long interval = Math.max(20, spanMicros / probes);
    sim.schedule(new ProbeTask(sim.random(0xA77AC, attacker.index), interval), startMicros);
  }

  /** Sends one probe per run and schedules the target's answer. */
  private final class ProbeTask extends Task {
    private final SplittableRandom rnd;
    private final long interval;
    private final int sourcePort;
    private int next;

    ProbeTask(SplittableRandom rnd, long interval) {
      this.rnd = rnd;
      this.interval = interval;
      this.sourcePort = 40_000 + rnd.nextInt(9_000);
    }

    @Override
    void run(Simulation sim) {
      PlannedDevice target = targets.get(next % targets.size());
      int port = ports[next / targets.size()];
      long seq = rnd.nextLong(1L << 32);
      Conversation c = new Conversation(at, id);
      c.add(
          sim.frames.tcp(
              attacker.host(),
              target.host(),
              sourcePort,
              port,
              rnd.nextInt(1 << 16),
              seq,
              0,
              Frames.TCP_SYN,
              1024,
              new byte[] {2, 4, 5, (byte) 0xB4},
              new byte[0],
              0,
              0),
          attacker.index,
          target.index);
      c.advance(TcpFlow.latency(attacker.host(), target.host(), rnd));
      if (Attack.listeningPorts(target).contains(port)) {
        long isn = rnd.nextLong(1L << 32);
        c.add(
            sim.frames.tcp(
                target.host(),
                attacker.host(),
                port,
                sourcePort,
                rnd.nextInt(1 << 16),
                isn,
                seq + 1,
                Frames.TCP_SYN | Frames.TCP_ACK,
                29200,
                new byte[] {2, 4, 5, (byte) 0xB4},
                new byte[0],
                0,
                0),
            target.index,
            attacker.index);
        c.advance(TcpFlow.latency(attacker.host(), target.host(), rnd));
        c.add(
            sim.frames.tcp(
                attacker.host(),
                target.host(),
                sourcePort,
                port,
                rnd.nextInt(1 << 16),
                (seq + 1) & 0xFFFF_FFFFL,
                0,
                Frames.TCP_RST,
                0,
                new byte[0],
                new byte[0],
                0,
                0),
            attacker.index,
            target.index);
      } else {
        c.add(
            sim.frames.tcp(
                target.host(),
                attacker.host(),
                port,
                sourcePort,
                rnd.nextInt(1 << 16),
                0,
                (seq + 1) & 0xFFFF_FFFFL,
                Frames.TCP_RST | Frames.TCP_ACK,
                0,
                new byte[0],
                new byte[0],
                0,
                0),
            target.index,
            attacker.index);
      }
      c.start(sim);
      next++;
      if (next < targets.size() * PORTS) {
        sim.schedule(this, at + interval);
      }
    }
  }
}

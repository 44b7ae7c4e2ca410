package io.ward.simulate;

import java.util.List;
import java.util.SplittableRandom;

/**
 * A device's first appearance: its address handshake, then the start of its recurring scenarios,
 * each first occurring early enough that every declared protocol shows up in the window.
 */
final class BootTask extends Task {
  private static final long PURPOSE_BOOT = 1;
  private static final long PURPOSE_ACTIVITY = 1000;

  private final PlannedDevice device;
  private final Behaviours behaviours;

  BootTask(PlannedDevice device, Behaviours behaviours) {
    this.device = device;
    this.behaviours = behaviours;
  }

  @Override
  void run(Simulation sim) {
    SplittableRandom rnd = sim.random(PURPOSE_BOOT, device.index);
    Conversation conv = new Conversation(at, -1);
    BootScenario.build(sim, device, rnd, conv);
    conv.start(sim);
    long after = conv.now() + 1_000_000L;
    long room = Math.max(1, (sim.lastStartMicros() - after) / 2);
    List<Behaviours.Activity> activities = behaviours.of(device);
    for (int i = 0; i < activities.size(); i++) {
      Behaviours.Activity a = activities.get(i);
      SplittableRandom r = sim.random(PURPOSE_ACTIVITY + i, device.index);
      long first = after + r.nextLong(Math.max(1, Math.min(a.periodMicros(), room)));
      sim.schedule(new ActivityTask(device, a.scenario(), a.periodMicros(), r), first);
    }
  }
}

package io.ward.simulate;

import java.util.SplittableRandom;

/** Starts one scenario of one device again and again, at jittered intervals around its period. */
final class ActivityTask extends Task {
  private final PlannedDevice owner;
  private final Scenario scenario;
  private final long periodMicros;
  private final SplittableRandom rnd;
  private int occurrence;

  ActivityTask(PlannedDevice owner, Scenario scenario, long periodMicros, SplittableRandom rnd) {
    this.owner = owner;
    this.scenario = scenario;
    this.periodMicros = periodMicros;
    this.rnd = rnd;
  }

  @Override
  void run(Simulation sim) {
    if (at > sim.lastStartMicros()) {
      return;
    }
    Conversation conv = new Conversation(at, -1);
    scenario.build(sim, owner, rnd, occurrence++, conv);
    conv.start(sim);
    long next = at + periodMicros / 2 + rnd.nextLong(Math.max(1, periodMicros));
    sim.schedule(this, next);
  }
}

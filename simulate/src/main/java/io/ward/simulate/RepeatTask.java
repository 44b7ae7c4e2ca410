package io.ward.simulate;

/**
 * Runs an attack step {@code count} times at a fixed interval (each step starts a conversation).
 */
final class RepeatTask extends Task {
  interface Step {
    void run(Simulation sim, int n, long atMicros);
  }

  private final Step step;
  private final int count;
  private final long interval;
  private int n;

  RepeatTask(Step step, int count, long interval) {
    this.step = step;
    this.count = count;
    this.interval = interval;
  }

  @Override
  void run(Simulation sim) {
    step.run(sim, n++, at);
    if (n < count) {
      sim.schedule(this, at + interval);
    }
  }
}

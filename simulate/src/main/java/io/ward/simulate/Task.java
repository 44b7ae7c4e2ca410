package io.ward.simulate;

/**
 * Something that happens at a capture time: emits frames and may schedule itself or others again.
 * Ties in time are broken by scheduling order, so a run never depends on hash or identity order.
 */
abstract class Task {
  long at;
  long order;

  /** Runs at {@link #at}; may call {@link Simulation#schedule} for later times only. */
  abstract void run(Simulation sim);
}

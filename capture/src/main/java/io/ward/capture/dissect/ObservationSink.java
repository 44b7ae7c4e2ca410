package io.ward.capture.dissect;

import io.ward.model.Endpoint;
import io.ward.model.Facts;
import io.ward.model.Flow;
import io.ward.model.Observation;

/**
 * Where the capture engine sends what it learnt. Never called from two threads at once: with
 * several workers the engine serialises the calls, so an implementation needs no locking (or, as a
 * {@link PartitionedSink}, gives each worker a sink of its own). An exception it throws fails the
 * analysis with that same exception, even when a dissector was calling it: it is not counted as the
 * dissector's own.
 */
public interface ObservationSink {

  void observation(Observation observation);

  /**
   * Several facts about one endpoint at one time: by default each sent to {@link #observation} in
   * order. A sink may recognise facts it has seen before by their identity (see {@link Facts}).
   */
  default void observations(long epochNanos, Endpoint subject, Facts facts) {
    for (int i = 0; i < facts.size(); i++) {
      observation(facts.observation(i, epochNanos, subject));
    }
  }

  /** A flow summary, sent when the flow expires or when the capture ends. */
  void flow(Flow flow);

  /** Discards everything. */
  ObservationSink NONE =
      new ObservationSink() {
        @Override
        public void observation(Observation observation) {}

        @Override
        public void flow(Flow flow) {}
      };
}

package io.ward.capture.dissect;

import io.ward.model.Flow;
import io.ward.model.Observation;

/**
 * Where the capture engine sends what it learnt. Never called from two threads at once: with
 * several workers the engine serialises the calls, so an implementation needs no locking (or, as a
 * {@link PartitionedSink}, gives each worker a sink of its own).
 */
public interface ObservationSink {

  void observation(Observation observation);

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

package io.ward.capture.dissect;

import io.ward.model.Flow;
import io.ward.model.Observation;

/** Where the capture engine sends what it learnt. Called from one thread per engine worker. */
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

package io.ward.capture;

import io.ward.capture.dissect.ObservationSink;
import io.ward.model.Endpoint;
import io.ward.model.Facts;
import io.ward.model.Flow;
import io.ward.model.Observation;

/** Serialises calls from several workers, so the caller's sink never sees two at once. */
final class SynchronizedSink implements ObservationSink {
  private final ObservationSink delegate;

  SynchronizedSink(ObservationSink delegate) {
    this.delegate = delegate;
  }

  @Override
  public synchronized void observation(Observation observation) {
    delegate.observation(observation);
  }

  @Override
  public synchronized void observations(long epochNanos, Endpoint subject, Facts facts) {
    delegate.observations(epochNanos, subject, facts);
  }

  @Override
  public synchronized void flow(Flow flow) {
    delegate.flow(flow);
  }
}

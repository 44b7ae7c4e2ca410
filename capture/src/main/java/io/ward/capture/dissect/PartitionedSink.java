package io.ward.capture.dissect;

/**
 * A sink that gives each capture worker a sink of its own, so that workers do not queue for one
 * lock. Flows are partitioned by worker, so each part sees every packet of the flows it gets; the
 * implementation combines the parts when the capture has been read. A plain {@link ObservationSink}
 * is instead shared by the workers behind a lock.
 */
public interface PartitionedSink extends ObservationSink {

  /**
   * The sink of worker {@code worker} (0 to workers − 1), asked once per worker before any packet
   * is read; each is then called from one thread only.
   */
  ObservationSink forWorker(int worker);
}

package io.ward.capture;

import io.ward.capture.dissect.Dissector;
import io.ward.capture.dissect.DissectorRegistry;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * How {@link CaptureEngine} analyses a capture.
 *
 * @param workers threads that decode and dissect; flows are partitioned over them (1 = the reading
 *     thread does everything)
 * @param decodeOnly decode packets and keep flows, but run no dissectors
 * @param flowIdleTimeoutNanos capture time after which a silent flow is summarised and forgotten
 * @param reassemblyLimitBytes out-of-order TCP bytes buffered per direction before a gap is
 *     declared
 * @param dissectors the application-protocol dissectors, in probe order
 * @param maxLiveFlows flows held at once (over all workers); the least recently active is evicted
 *     beyond it
 */
public record CaptureOptions(
    int workers,
    boolean decodeOnly,
    long flowIdleTimeoutNanos,
    int reassemblyLimitBytes,
    List<Dissector> dissectors,
    int maxLiveFlows) {

  /** Default idle timeout: two minutes of capture time. */
  public static final long DEFAULT_IDLE_TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(120);

  /** Default out-of-order buffer per TCP direction. */
  public static final int DEFAULT_REASSEMBLY_LIMIT_BYTES = 64 * 1024;

  /** Default cap on live flows (a few hundred bytes each). */
  public static final int DEFAULT_MAX_LIVE_FLOWS = 1 << 19;

  public CaptureOptions {
    if (workers < 1 || workers > 256) {
      throw new IllegalArgumentException("workers must be in 1..256: " + workers);
    }
    if (flowIdleTimeoutNanos <= 0) {
      throw new IllegalArgumentException("flow idle timeout must be positive");
    }
    if (reassemblyLimitBytes < 0) {
      throw new IllegalArgumentException("reassembly limit must not be negative");
    }
    if (maxLiveFlows < 1) {
      throw new IllegalArgumentException("maxLiveFlows must be positive");
    }
    dissectors = List.copyOf(dissectors);
  }

  /** Options without an explicit flow cap (uses {@link #DEFAULT_MAX_LIVE_FLOWS}). */
  public CaptureOptions(
      int workers,
      boolean decodeOnly,
      long flowIdleTimeoutNanos,
      int reassemblyLimitBytes,
      List<Dissector> dissectors) {
    this(
        workers,
        decodeOnly,
        flowIdleTimeoutNanos,
        reassemblyLimitBytes,
        dissectors,
        DEFAULT_MAX_LIVE_FLOWS);
  }

  /** One worker, full analysis with every dissector in {@link DissectorRegistry#all()}. */
  public static CaptureOptions defaults() {
    return new CaptureOptions(
        1,
        false,
        DEFAULT_IDLE_TIMEOUT_NANOS,
        DEFAULT_REASSEMBLY_LIMIT_BYTES,
        DissectorRegistry.all(),
        DEFAULT_MAX_LIVE_FLOWS);
  }

  /** A copy with {@code workers} threads. */
  public CaptureOptions withWorkers(int workers) {
    return new CaptureOptions(
        workers, decodeOnly, flowIdleTimeoutNanos, reassemblyLimitBytes, dissectors, maxLiveFlows);
  }

  /** A copy that decodes only (no dissectors) when {@code decodeOnly}. */
  public CaptureOptions withDecodeOnly(boolean decodeOnly) {
    return new CaptureOptions(
        workers, decodeOnly, flowIdleTimeoutNanos, reassemblyLimitBytes, dissectors, maxLiveFlows);
  }

  /** A copy with another idle timeout. */
  public CaptureOptions withFlowIdleTimeoutNanos(long flowIdleTimeoutNanos) {
    return new CaptureOptions(
        workers, decodeOnly, flowIdleTimeoutNanos, reassemblyLimitBytes, dissectors, maxLiveFlows);
  }

  /** A copy with another reassembly bound. */
  public CaptureOptions withReassemblyLimitBytes(int reassemblyLimitBytes) {
    return new CaptureOptions(
        workers, decodeOnly, flowIdleTimeoutNanos, reassemblyLimitBytes, dissectors, maxLiveFlows);
  }

  /** A copy with these dissectors, in probe order. */
  public CaptureOptions withDissectors(List<Dissector> dissectors) {
    return new CaptureOptions(
        workers, decodeOnly, flowIdleTimeoutNanos, reassemblyLimitBytes, dissectors, maxLiveFlows);
  }

  /** A copy with another cap on live flows. */
  public CaptureOptions withMaxLiveFlows(int maxLiveFlows) {
    return new CaptureOptions(
        workers, decodeOnly, flowIdleTimeoutNanos, reassemblyLimitBytes, dissectors, maxLiveFlows);
  }
}

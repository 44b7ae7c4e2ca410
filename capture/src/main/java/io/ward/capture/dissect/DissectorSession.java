package io.ward.capture.dissect;

/**
 * Per-flow state of one {@link Dissector}. Receives the payload of each direction in order: for UDP
 * one call per datagram, for TCP the reassembled byte stream in pieces of any size (a message may
 * span calls; the session buffers what it needs, within a bound).
 */
public interface DissectorSession {

  /**
   * Payload bytes of one direction. The array is reused after the call returns: copy what must be
   * kept.
   *
   * @return false when the session has learnt all it wants; the engine then stops delivering
   *     payload for this flow (the flow is still counted). This is how bulk transfers are skipped.
   */
  boolean onData(boolean fromClient, long epochNanos, byte[] buf, int offset, int length);

  /**
   * Bytes of one direction were lost (capture drop or reassembly bound reached). The session should
   * resynchronise or give up. Default: give up.
   *
   * @return false to stop receiving payload for this flow
   */
  default boolean onGap(boolean fromClient, long missingBytes) {
    return false;
  }

  /** The flow ended or the capture ended. */
  default void onClose() {}
}

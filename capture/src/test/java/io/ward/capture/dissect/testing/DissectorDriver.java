package io.ward.capture.dissect.testing;

import io.ward.capture.dissect.Dissector;
import io.ward.capture.dissect.DissectorSession;
import java.util.Optional;

/**
 * Drives one dissector the way the capture engine does, without a capture: probe the first payload,
 * open a session, feed payloads until the session declines more. Used by unit, property and fuzz
 * tests.
 */
public final class DissectorDriver {

  private final Dissector dissector;
  private final RecordingFlowContext context;
  private DissectorSession session;
  private boolean open = true;

  /** A driver for {@code dissector} emitting into {@code context}. */
  public DissectorDriver(Dissector dissector, RecordingFlowContext context) {
    this.dissector = dissector;
    this.context = context;
  }

  /**
   * Feeds one payload: the first call probes and opens. Returns whether the session still wants
   * data (false also when the probe rejected the payload).
   */
  public boolean feed(boolean fromClient, long epochNanos, byte[] payload) {
    if (!open) {
      return false;
    }
    if (session == null) {
      if (!dissector.probe(payload, 0, payload.length, fromClient)) {
        open = false;
        return false;
      }
      session = dissector.open(context);
    }
    open = session.onData(fromClient, epochNanos, payload, 0, payload.length);
    return open;
  }

  /** Feeds a payload whether or not the probe accepts it (for fuzzing the session itself). */
  public boolean feedUnprobed(boolean fromClient, long epochNanos, byte[] payload) {
    if (session == null) {
      dissector.probe(payload, 0, payload.length, fromClient);
      session = dissector.open(context);
    }
    if (!open) {
      return false;
    }
    open = session.onData(fromClient, epochNanos, payload, 0, payload.length);
    return open;
  }

  /** Closes the session if one was opened. */
  public void close() {
    if (session != null) {
      session.onClose();
    }
  }

  /** The session, once a probe accepted a payload. */
  public Optional<DissectorSession> session() {
    return Optional.ofNullable(session);
  }

  /** The context observations went to. */
  public RecordingFlowContext context() {
    return context;
  }
}

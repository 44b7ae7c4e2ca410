package io.ward.capture.dissect.testing;

import io.ward.capture.dissect.Dissector;
import io.ward.capture.dissect.DissectorSession;
import java.util.Arrays;

/**
 * Drives a dissector with arbitrary bytes the way the engine could: the probe on the first chunk,
 * then the session on chunks of varying size in both directions, a gap, and close. Used by the
 * jqwik properties and Jazzer fuzz tests of every dissector: any exception escaping is a bug.
 */
public final class DissectorExercise {
  private DissectorExercise() {}

  /**
   * Feeds {@code data}: its first byte chooses chunk sizes and directions, the rest is payload.
   * Returns the context so a caller can check invariants on what was emitted.
   */
  public static RecordingFlowContext run(Dissector dissector, int serverPort, byte[] data) {
    RecordingFlowContext ctx = RecordingFlowContext.between(40000, serverPort);
    int seed = data.length == 0 ? 0 : data[0] & 0xFF;
    byte[] payload = data.length == 0 ? data : Arrays.copyOfRange(data, 1, data.length);
    dissector.probe(payload, 0, payload.length, true);
    dissector.probe(payload, 0, Math.min(payload.length, 1 + seed % 7), false);
    DissectorSession session = dissector.open(ctx);
    int p = 0;
    int step = 0;
    boolean more = true;
    while (p < payload.length && more) {
      int size = 1 + ((seed * 31 + step * 17) % 97) + (step % 3 == 0 ? payload.length / 3 : 0);
      int n = Math.min(size, payload.length - p);
      boolean fromClient = ((seed >>> (step % 8)) & 1) == 0;
      // Offset the chunk inside a larger array: sessions must honour offset and length.
      byte[] carrier = new byte[n + 8];
      System.arraycopy(payload, p, carrier, 4, n);
      more = session.onData(fromClient, 1_000L + step, carrier, 4, n);
      p += n;
      step++;
      if (step == 5) {
        more &= session.onGap(!fromClient, 100);
      }
    }
    session.onClose();
    return ctx;
  }

  /** Runs {@link #run} and asserts the emitted values are bounded and non-null. */
  public static void runChecked(Dissector dissector, int serverPort, byte[] data) {
    RecordingFlowContext ctx = run(dissector, serverPort, data);
    ctx.observations()
        .forEach(
            o -> {
              if (o.value().length() > io.ward.model.Observation.MAX_VALUE_CHARS) {
                throw new AssertionError("unbounded value for " + o.field());
              }
            });
  }
}

package io.ward.capture.dissect.testing;

import io.ward.capture.dissect.Dissector;
import java.util.Arrays;

/**
 * Feeds one fuzz input to a TCP dissector as one direction of a stream. The first byte chooses the
 * direction (bit 0 set: from the client) and how the rest is cut into pieces (bits 1-7: piece size
 * {@code 1 + 97 * (b >> 1)}), so the fuzzer explores segment boundaries too. Seed files are that
 * byte followed by a real payload.
 */
public final class StreamFuzz {
  private StreamFuzz() {}

  /** Runs probe, open, onData per piece and close; anything thrown fails the fuzz test. */
  public static void feed(Dissector dissector, byte[] input) {
    if (input.length == 0) {
      return;
    }
    boolean fromClient = (input[0] & 1) != 0;
    int piece = 1 + 97 * ((input[0] & 0xFF) >>> 1);
    DissectorDriver driver =
        new DissectorDriver(dissector, RecordingFlowContext.between(50000, 443));
    for (int from = 1; from < input.length; from += piece) {
      byte[] chunk = Arrays.copyOfRange(input, from, Math.min(input.length, from + piece));
      if (!driver.feedUnprobed(fromClient, from, chunk)) {
        break;
      }
    }
    driver.close();
  }
}

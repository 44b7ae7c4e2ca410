package io.ward.capture.dissect.hl7;

import java.util.Arrays;

/**
 * Cuts one direction of a TCP stream into HL7 messages by the Minimal Lower Layer Protocol: a
 * message is {@code 0x0B} (VT), the message bytes, then {@code 0x1C 0x0D} (FS CR) (HL7 v2.5.1
 * Appendix C.4.3). Bytes between frames are ignored; a message over {@link #MAX_MESSAGE_BYTES} is
 * dropped and the framer resynchronises on the next start byte.
 */
final class MllpFramer {

  /** One message may hold this many bytes; HL7 messages of a device are usually a few KiB. */
  static final int MAX_MESSAGE_BYTES = 1 << 20;

  static final byte START = 0x0B;
  static final byte END = 0x1C;
  static final byte CR = 0x0D;

  /** Where complete messages and framing anomalies go. */
  interface Listener {
    /** A complete message; {@code bytes} is only valid during the call. */
    void message(byte[] bytes, int length);

    /** One piece of input that broke the framing, by kind. */
    void anomaly(String kind);
  }

  private enum State {
    OUTSIDE,
    INSIDE,
    AFTER_END,
    DROPPING
  }

  private byte[] buffer = new byte[512];
  private int length;
  private State state = State.OUTSIDE;
  private boolean junkRun;

  /** Feeds bytes of the direction, in stream order. */
  void feed(byte[] data, int offset, int count, Listener listener) {
    int end = offset + count;
    for (int i = offset; i < end; i++) {
      byte b = data[i];
      switch (state) {
        case OUTSIDE -> outside(b, listener);
        case INSIDE -> inside(b, listener);
        case AFTER_END -> afterEnd(b, listener);
        case DROPPING -> {
          if (b == START) {
            begin();
          }
        }
      }
    }
  }

  /** Drops a partial message after lost bytes; the next start byte begins a new message. */
  void reset() {
    length = 0;
    state = State.OUTSIDE;
    junkRun = false;
  }

  private void outside(byte b, Listener listener) {
    if (b == START) {
      begin();
    } else if (!junkRun && !isWhitespace(b)) {
      junkRun = true;
      listener.anomaly("hl7.outside_frame");
    }
  }

  private void inside(byte b, Listener listener) {
    if (b == END) {
      listener.message(buffer, length);
      length = 0;
      state = State.AFTER_END;
    } else if (b == START) {
      // A new frame before the end of this one: the sender gave up on the previous message.
      listener.anomaly("hl7.unterminated");
      begin();
    } else {
      append(b, listener);
    }
  }

  private void afterEnd(byte b, Listener listener) {
    state = State.OUTSIDE;
    junkRun = false;
    if (b != CR) {
      // Appendix C.4.3 requires FS CR; some senders omit the CR. Keep the message, note the quirk.
      listener.anomaly("hl7.bad_trailer");
      outside(b, listener);
    }
  }

  private void begin() {
    length = 0;
    state = State.INSIDE;
    junkRun = false;
  }

  private void append(byte b, Listener listener) {
    if (length == buffer.length) {
      if (buffer.length >= MAX_MESSAGE_BYTES) {
        listener.anomaly("hl7.oversize");
        length = 0;
        state = State.DROPPING;
        return;
      }
      buffer = Arrays.copyOf(buffer, Math.min(MAX_MESSAGE_BYTES, buffer.length * 2));
    }
    buffer[length++] = b;
  }

  private static boolean isWhitespace(byte b) {
    return b == ' ' || b == '\r' || b == '\n' || b == '\t';
  }
}

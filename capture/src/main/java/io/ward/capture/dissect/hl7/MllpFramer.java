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
    /** A complete message, {@code bytes[offset, offset + length)}; only valid during the call. */
    void message(byte[] bytes, int offset, int length);

    /** One piece of input that broke the framing, by kind. */
    void anomaly(String kind);
  }

  private enum State {
    OUTSIDE,
    INSIDE,
    AFTER_END,
    DROPPING
  }

  /**
   * Holds a message cut across stream pieces; allocated only then. A message wholly inside one
   * piece is handed over where it lies, without a copy (most HL7 messages fit one segment, and most
   * MLLP connections carry one message each).
   */
  private byte[] buffer;

  private int length;
  private State state = State.OUTSIDE;
  private boolean junkRun;

  /** Feeds bytes of the direction, in stream order. */
  void feed(byte[] data, int offset, int count, Listener listener) {
    int end = offset + count;
    int i = offset;
    while (i < end) {
      if (state == State.INSIDE) {
        i = inside(data, i, end, listener);
        continue;
      }
      byte b = data[i++];
      switch (state) {
        case OUTSIDE -> outside(b, listener);
        case AFTER_END -> afterEnd(b, listener);
        case DROPPING -> {
          if (b == START) {
            begin();
          }
        }
        default -> throw new IllegalStateException(state.name());
      }
    }
  }

  private static final long END_WORD = ByteWords.broadcast(END);
  private static final long START_WORD = ByteWords.broadcast(START);

  /** Message bytes from {@code from}: up to the end byte, a new start byte, or the piece's end. */
  private int inside(byte[] data, int from, int end, Listener listener) {
    int j = from;
    // Eight bytes at a time to the first frame byte: this scan reads every byte of every HL7
    // message, and a byte loop under the C1 compiler cost twice as much.
    while (j + 8 <= end) {
      long x = ByteWords.word(data, j);
      long frame = ByteWords.equalBytes(x, END_WORD) | ByteWords.equalBytes(x, START_WORD);
      if (frame != 0) {
        j += ByteWords.firstByte(frame);
        break;
      }
      j += 8;
    }
    while (j < end && data[j] != END && data[j] != START) {
      j++;
    }
    if (j == end) {
      append(data, from, j - from, listener);
      return end;
    }
    if (data[j] == START) {
      // A new frame before the end of this one: the sender gave up on the previous message.
      listener.anomaly("hl7.unterminated");
      begin();
      return j + 1;
    }
    if (length == 0 && j - from <= MAX_MESSAGE_BYTES) {
      listener.message(data, from, j - from);
    } else if (append(data, from, j - from, listener)) {
      listener.message(buffer, 0, length);
    }
    if (state == State.INSIDE) {
      length = 0;
      state = State.AFTER_END;
    }
    return j + 1;
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

  /** Keeps bytes of the current message; false when it grew too large and is being dropped. */
  private boolean append(byte[] data, int from, int n, Listener listener) {
    if (n == 0) {
      return true;
    }
    if (length + n > MAX_MESSAGE_BYTES) {
      listener.anomaly("hl7.oversize");
      length = 0;
      state = State.DROPPING;
      return false;
    }
    if (buffer == null || buffer.length < length + n) {
      int size = Math.max(512, buffer == null ? 0 : buffer.length);
      while (size < length + n) {
        size *= 2;
      }
      buffer =
          Arrays.copyOf(buffer == null ? new byte[0] : buffer, Math.min(MAX_MESSAGE_BYTES, size));
    }
    System.arraycopy(data, from, buffer, length, n);
    length += n;
    return true;
  }

  private static boolean isWhitespace(byte b) {
    return b == ' ' || b == '\r' || b == '\n' || b == '\t';
  }
}

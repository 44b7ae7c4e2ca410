package io.ward.capture.dissect.astm;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Turns one direction of a lab-instrument connection into ASTM E1394 records. Two transports are
 * understood: ASTM E1381 / CLSI LIS1-A low-level framing (ENQ, then frames {@code STX FN text
 * ETB|ETX C1 C2 CR LF}, then EOT; a record longer than 240 characters continues over ETB frames),
 * and raw E1394 text over TCP as many analyzers send it (CLSI LIS2-A2 without LIS1 framing),
 * records separated by CR.
 */
final class AstmFramer {

  static final byte STX = 0x02;
  static final byte ETX = 0x03;
  static final byte EOT = 0x04;
  static final byte ENQ = 0x05;
  static final byte ACK = 0x06;
  static final byte NAK = 0x15;
  static final byte ETB = 0x17;
  static final byte CR = 0x0D;
  static final byte LF = 0x0A;

  /** A frame holds at most 240 text characters (E1381 section 6.3.1); allow slack for quirks. */
  static final int MAX_FRAME_BYTES = 1024;

  /** Longest record kept (a record may span many ETB frames). */
  static final int MAX_RECORD_BYTES = 64 * 1024;

  /** Receives records (without their terminating CR) and anomalies. */
  interface Listener {
    void record(String record);

    void anomaly(String kind);
  }

  private enum State {
    TEXT,
    FRAME,
    CHECKSUM,
    TRAILER
  }

  private State state = State.TEXT;
  private final byte[] frame = new byte[MAX_FRAME_BYTES];
  private int frameFill;
  private boolean frameOverflow;
  private final byte[] checksum = new byte[2];
  private int checksumFill;
  private boolean lastFrame;

  /** True after an ETB frame: the next frame continues the same record. */
  private boolean continuation;

  private byte[] record = new byte[256];
  private int recordFill;
  private boolean recordOverflow;

  void feed(byte[] data, int offset, int count, Listener listener) {
    for (int i = offset; i < offset + count; i++) {
      byte b = data[i];
      switch (state) {
        case TEXT -> text(b, listener);
        case FRAME -> frameByte(b);
        case CHECKSUM -> checksumByte(b, listener);
        case TRAILER -> {
          // CR LF after the checksum; anything else starts over as text.
          if (b != CR && b != LF) {
            state = State.TEXT;
            text(b, listener);
          }
        }
      }
    }
  }

  /** Forgets partial frames and records after lost bytes. */
  void reset() {
    state = State.TEXT;
    continuation = false;
    frameFill = 0;
    recordFill = 0;
    recordOverflow = false;
  }

  private void text(byte b, Listener listener) {
    if (b == STX) {
      if (!continuation) {
        recordFill = 0;
        recordOverflow = false;
      }
      frameFill = 0;
      frameOverflow = false;
      state = State.FRAME;
    } else if (b == CR || b == LF) {
      deliverRecord(listener);
    } else if (b == ENQ || b == EOT) {
      // A transmission starts or ends (E1381 section 6.2). A record an ETB frame left open is
      // incomplete: it must not take the next transmission's first record (a patient's, say) as
      // its continuation, where the header's fields would read that record's.
      if (continuation) {
        listener.anomaly("astm.incomplete_record");
        continuation = false;
        recordFill = 0;
        recordOverflow = false;
      }
    } else if (b == ACK || b == NAK) {
      // Acknowledgements of E1381 section 6.2: no content.
    } else {
      appendRecord(b, listener);
    }
  }

  private void frameByte(byte b) {
    if (b == ETX || b == ETB) {
      lastFrame = b == ETX;
      addToFrame(b);
      checksumFill = 0;
      state = State.CHECKSUM;
    } else {
      addToFrame(b);
    }
  }

  private void addToFrame(byte b) {
    if (frameFill < MAX_FRAME_BYTES) {
      frame[frameFill++] = b;
    } else {
      frameOverflow = true;
    }
  }

  private void checksumByte(byte b, Listener listener) {
    checksum[checksumFill++] = b;
    if (checksumFill < 2) {
      return;
    }
    state = State.TRAILER;
    if (frameOverflow || frameFill < 2) {
      listener.anomaly("astm.bad_frame");
      return;
    }
    // E1381 section 6.3.4.2: modulo-256 sum of FN through ETX/ETB, two upper-case hex digits.
    int sum = 0;
    for (int i = 0; i < frameFill; i++) {
      sum += frame[i] & 0xFF;
    }
    // Compared digit by digit rather than through String.format, which cost a Formatter and two
    // strings per frame (over 1% of a full analysis of the benchmark's capture).
    if (Character.digit(checksum[0] & 0xFF, 16) != (sum >> 4 & 0xF)
        || Character.digit(checksum[1] & 0xFF, 16) != (sum & 0xF)) {
      // The receiver would NAK and the sender retransmit: drop this copy.
      listener.anomaly("astm.bad_checksum");
      frameFill = 0;
      return;
    }
    // Frame text is between the frame number and the ETX/ETB.
    for (int i = 1; i < frameFill - 1; i++) {
      byte c = frame[i];
      if (c == CR) {
        deliverRecord(listener);
      } else {
        appendRecord(c, listener);
      }
    }
    if (lastFrame) {
      deliverRecord(listener);
    }
    continuation = !lastFrame;
    frameFill = 0;
  }

  private void appendRecord(byte b, Listener listener) {
    if (recordOverflow) {
      return;
    }
    if (recordFill == MAX_RECORD_BYTES) {
      listener.anomaly("astm.oversize_record");
      recordOverflow = true;
      return;
    }
    if (recordFill == record.length) {
      record = Arrays.copyOf(record, Math.min(MAX_RECORD_BYTES, record.length * 2));
    }
    record[recordFill++] = b;
  }

  private void deliverRecord(Listener listener) {
    if (recordFill > 0 && !recordOverflow) {
      listener.record(new String(record, 0, recordFill, StandardCharsets.ISO_8859_1));
    }
    recordFill = 0;
    recordOverflow = false;
  }
}

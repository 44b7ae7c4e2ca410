package io.ward.capture.dissect.telnet;

/**
 * Removes Telnet command sequences from one direction (RFC 854): IAC WILL/WONT/DO/DONT option, IAC
 * SB … IAC SE subnegotiation, other two-byte IAC commands; IAC IAC is a data byte 0xFF. The state
 * survives across calls, since a sequence may be split between segments.
 */
final class TelnetDecoder {

  static final int IAC = 0xFF;
  static final int SB = 250;
  static final int SE = 240;
  static final int WILL = 251;
  static final int DONT = 254;

  /**
   * Longest subnegotiation tolerated before the decoder gives up on it (RFC 1091 terminal types are
   * short).
   */
  static final int MAX_SUBNEGOTIATION_BYTES = 4096;

  private enum State {
    DATA,
    IAC,
    OPTION,
    SUB,
    SUB_IAC
  }

  /** Receives data bytes. */
  interface Sink {
    void data(int b);

    void anomaly(String kind);
  }

  private State state = State.DATA;
  private int subBytes;

  void feed(byte[] buf, int offset, int length, Sink sink) {
    for (int i = offset; i < offset + length; i++) {
      int b = buf[i] & 0xFF;
      switch (state) {
        case DATA -> {
          if (b == IAC) {
            state = State.IAC;
          } else {
            sink.data(b);
          }
        }
        case IAC -> {
          if (b == IAC) {
            sink.data(b);
            state = State.DATA;
          } else if (b >= WILL && b <= DONT) {
            state = State.OPTION;
          } else if (b == SB) {
            state = State.SUB;
            subBytes = 0;
          } else {
            state = State.DATA;
          }
        }
        case OPTION -> state = State.DATA;
        case SUB -> {
          if (b == IAC) {
            state = State.SUB_IAC;
          } else if (++subBytes > MAX_SUBNEGOTIATION_BYTES) {
            sink.anomaly("telnet.long_subnegotiation");
            state = State.DATA;
          }
        }
        case SUB_IAC -> state = b == SE ? State.DATA : State.SUB;
      }
    }
  }

  /** Forgets a partial command after lost bytes. */
  void reset() {
    state = State.DATA;
  }
}

package io.ward.capture.dissect.smb;

/**
 * Cuts one direction of a TCP stream into SMB messages by their 4-byte NetBIOS session service
 * header (RFC 1002 §4.3.1; on port 445 the same header carries a 24-bit length, [MS-SMB2] 2.1).
 * Messages up to {@link #MAX_MESSAGE} bytes are buffered and handed over whole; larger ones (file
 * data) are skipped without buffering.
 */
final class NetbiosFramer {

  /** Negotiate and session setup messages are far smaller; reads and writes may be larger. */
  static final int MAX_MESSAGE = 64 * 1024;

  private static final int SESSION_MESSAGE = 0x00;

  /** Receives complete messages. */
  interface Listener {
    void message(byte[] buf, int offset, int length);

    /** A message too large to buffer was skipped. */
    void skipped(int length);
  }

  private final Listener listener;
  private final byte[] header = new byte[4];
  private int headerLength;
  private byte[] body = new byte[0];
  private int bodyLength;
  private int expected = -1;
  private boolean skipping;

  NetbiosFramer(Listener listener) {
    this.listener = listener;
  }

  void feed(byte[] buf, int offset, int length) {
    int p = offset;
    int end = offset + length;
    while (p < end) {
      if (expected < 0) {
        int n = Math.min(4 - headerLength, end - p);
        System.arraycopy(buf, p, header, headerLength, n);
        headerLength += n;
        p += n;
        if (headerLength == 4) {
          start();
        }
        continue;
      }
      int n = Math.min(expected - bodyLength, end - p);
      if (!skipping) {
        System.arraycopy(buf, p, body, bodyLength, n);
      }
      bodyLength += n;
      p += n;
      if (bodyLength == expected) {
        finish();
      }
    }
  }

  private void start() {
    headerLength = 0;
    int type = header[0] & 0xFF;
    int length = ((header[1] & 0xFF) << 16) | ((header[2] & 0xFF) << 8) | (header[3] & 0xFF);
    expected = length;
    bodyLength = 0;
    // Session request/response and keep-alive packets (0x81, 0x82, 0x83, 0x85) carry no SMB.
    skipping = type != SESSION_MESSAGE || length > MAX_MESSAGE;
    if (!skipping && body.length < length) {
      body = new byte[Math.max(length, Math.min(MAX_MESSAGE, body.length * 2))];
    }
    if (length == 0) {
      finish();
    }
  }

  private void finish() {
    if (skipping) {
      if ((header[0] & 0xFF) == SESSION_MESSAGE) {
        listener.skipped(expected);
      }
    } else {
      listener.message(body, 0, expected);
    }
    expected = -1;
    bodyLength = 0;
  }
}

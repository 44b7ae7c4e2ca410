package io.ward.capture.dissect.tls;

/**
 * One direction of a TLS connection up to the point it turns encrypted: reassembles records (RFC
 * 8446 §5.1) from stream pieces of any size and handshake messages (§4) from records, both bounded,
 * and hands complete cleartext handshake messages to a {@link Listener}. The first record of a
 * direction may be SSLv2 (2-byte header, high bit set); then up to two SSLv2 messages are read
 * (CLIENT-HELLO and CLIENT-MASTER-KEY, or SERVER-HELLO).
 */
final class RecordReader {

  /** RFC 8446 §5.2: a record fragment is at most 2^14 + 256; TLS 1.2 allowed 2^14 + 2048. */
  static final int MAX_RECORD = (1 << 14) + 2048;

  /** Largest handshake message buffered (a certificate chain of several certificates fits). */
  static final int MAX_HANDSHAKE = 64 * 1024;

  private static final int TLS_HEADER = 5;
  private static final int SSL2_HEADER = 2;
  private static final int MAX_SSL2_MESSAGES = 2;
  private static final int CHANGE_CIPHER_SPEC = 20;
  private static final int ALERT = 21;
  private static final int HANDSHAKE = 22;
  private static final int APPLICATION_DATA = 23;
  private static final int HEARTBEAT = 24;

  /** Receives what one direction says in clear. */
  interface Listener {
    /**
     * A complete handshake message; the body is {@code buf[offset, offset + length)}. The array is
     * the caller's and is reused (often the capture's read buffer): copy what must be kept.
     */
    void handshake(int type, byte[] buf, int offset, int length);

    /** A complete SSLv2 message (type byte first). */
    void sslv2(byte[] buf, int offset, int length);

    void anomaly(String kind);
  }

  private final Listener listener;
  private byte[] record = new byte[TLS_HEADER];
  private int recordLength;
  private int recordTotal = -1;
  private boolean sslv2;
  private int sslv2Messages;
  private boolean started;
  private byte[] handshake = new byte[0];
  private int handshakeLength;
  private boolean done;
  private long bytes;

  RecordReader(Listener listener) {
    this.listener = listener;
  }

  /** Consumes stream bytes; returns false once this direction has nothing more to say. */
  boolean feed(byte[] buf, int offset, int length) {
    int p = offset;
    int end = offset + length;
    bytes += length;
    while (p < end && !done) {
      if (!started) {
        started = true;
        sslv2 = (buf[p] & 0x80) != 0;
      }
      if (!sslv2 && recordLength == 0 && end - p >= TLS_HEADER) {
        // The usual case: the record's header and body are all in this piece (hellos, and any
        // record that fits one segment). It is read where it is; copying every record into a
        // buffer of its own was the TLS dissector's largest allocation. A record cut across
        // pieces, such as a certificate chain longer than a segment, is still copied.
        int total = tlsRecordTotal(buf, p);
        if (total < 0) {
          return false;
        }
        if (total <= end - p) {
          tlsRecord(buf, p, total);
          p += total;
          continue;
        }
      }
      int header = sslv2 ? SSL2_HEADER : TLS_HEADER;
      int need = (recordTotal < 0 ? header : recordTotal) - recordLength;
      int take = Math.min(need, end - p);
      System.arraycopy(buf, p, record, recordLength, take);
      recordLength += take;
      p += take;
      if (recordTotal < 0 && recordLength == header) {
        startRecord();
      }
      if (recordTotal >= 0 && recordLength == recordTotal && !done) {
        if (sslv2) {
          sslv2Record();
        } else {
          tlsRecord(record, 0, recordTotal);
        }
        recordLength = 0;
        recordTotal = -1;
      }
    }
    return !done;
  }

  /** Stops reading this direction (e.g. after a TLS 1.3 ServerHello: the rest is encrypted). */
  void finish() {
    done = true;
  }

  boolean done() {
    return done;
  }

  /** Bytes this direction has delivered so far. */
  long bytes() {
    return bytes;
  }

  private void startRecord() {
    int body;
    if (sslv2) {
      body = ((record[0] & 0x7F) << 8) | (record[1] & 0xFF);
      if ((record[0] & 0x80) == 0 || body == 0) {
        fail("tls.bad_record");
        return;
      }
    } else {
      int total = tlsRecordTotal(record, 0);
      if (total < 0) {
        return;
      }
      body = total - TLS_HEADER;
    }
    int header = sslv2 ? SSL2_HEADER : TLS_HEADER;
    recordTotal = header + body;
    if (record.length < recordTotal) {
      byte[] bigger = new byte[recordTotal];
      System.arraycopy(record, 0, bigger, 0, recordLength);
      record = bigger;
    }
  }

  private void sslv2Record() {
    listener.sslv2(record, SSL2_HEADER, recordTotal - SSL2_HEADER);
    if (++sslv2Messages >= MAX_SSL2_MESSAGES) {
      done = true;
    }
  }

  /**
   * The length, header included, of the TLS record whose header is at {@code b[at]}; -1, with the
   * direction failed, when the header is not a TLS record's.
   */
  private int tlsRecordTotal(byte[] b, int at) {
    int type = b[at] & 0xFF;
    int body = ((b[at + 3] & 0xFF) << 8) | (b[at + 4] & 0xFF);
    if (type < CHANGE_CIPHER_SPEC || type > HEARTBEAT || b[at + 1] != 3) {
      fail("tls.bad_record");
      return -1;
    }
    if (body > MAX_RECORD) {
      fail("tls.record_too_long");
      return -1;
    }
    return TLS_HEADER + body;
  }

  /** The whole TLS record {@code rec[at, at + total)}. */
  private void tlsRecord(byte[] rec, int at, int total) {
    int type = rec[at] & 0xFF;
    int length = total - TLS_HEADER;
    switch (type) {
      case HANDSHAKE:
        handshakeFragment(rec, at + TLS_HEADER, length);
        break;
      case CHANGE_CIPHER_SPEC:
      case APPLICATION_DATA:
        // From here on this direction is encrypted (RFC 5246 §7.1; TLS 1.3 sends encrypted
        // handshake messages as application_data records, RFC 8446 §5.1).
        done = true;
        break;
      case HEARTBEAT:
        heartbeat(rec, at + TLS_HEADER, length);
        break;
      case ALERT:
      default:
        break;
    }
  }

  /**
   * RFC 6520 §4: type, payload_length, payload, at least 16 bytes of padding. A payload_length
   * beyond the record is the Heartbleed over-read (CVE-2014-0160).
   */
  private void heartbeat(byte[] rec, int body, int length) {
    if (length >= 3) {
      int payload = ((rec[body + 1] & 0xFF) << 8) | (rec[body + 2] & 0xFF);
      if (3 + payload + 16 > length) {
        listener.anomaly("tls.heartbeat_overflow");
      }
    }
  }

  /** A handshake record's body, {@code rec[body, body + length)}. */
  private void handshakeFragment(byte[] rec, int body, int length) {
    if (handshakeLength + length > MAX_HANDSHAKE) {
      fail("tls.handshake_too_long");
      return;
    }
    int from = body;
    if (handshakeLength == 0) {
      // The usual case: the record holds whole handshake messages. Read them where they are rather
      // than copying them into the handshake buffer; only a message cut at the record's end is
      // kept for the next record.
      from = deliverMessages(rec, body, body + length);
      if (done || from == body + length) {
        return;
      }
      length = body + length - from;
    }
    if (handshake.length < handshakeLength + length) {
      byte[] bigger = new byte[Math.min(MAX_HANDSHAKE, Math.max(handshakeLength + length, 4096))];
      System.arraycopy(handshake, 0, bigger, 0, handshakeLength);
      handshake = bigger;
    }
    System.arraycopy(rec, from, handshake, handshakeLength, length);
    handshakeLength += length;
    int p = deliverMessages(handshake, 0, handshakeLength);
    if (done) {
      return;
    }
    System.arraycopy(handshake, p, handshake, 0, handshakeLength - p);
    handshakeLength -= p;
  }

  /**
   * Hands every complete handshake message of {@code buf[from, end)} to the listener; returns where
   * the first incomplete one starts ({@code end} when none is left).
   */
  private int deliverMessages(byte[] buf, int from, int end) {
    int p = from;
    while (end - p >= 4 && !done) {
      int msgLength =
          ((buf[p + 1] & 0xFF) << 16) | ((buf[p + 2] & 0xFF) << 8) | (buf[p + 3] & 0xFF);
      if (msgLength > MAX_HANDSHAKE - 4) {
        fail("tls.handshake_too_long");
        return p;
      }
      if (end - p < 4 + msgLength) {
        break;
      }
      listener.handshake(buf[p] & 0xFF, buf, p + 4, msgLength);
      p += 4 + msgLength;
    }
    return p;
  }

  private void fail(String kind) {
    listener.anomaly(kind);
    done = true;
  }
}

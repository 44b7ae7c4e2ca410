package io.ward.capture.dissect.dicom;

import java.util.Arrays;

/**
 * Cuts one direction of a DICOM association into PDUs (PS3.8 section 9.3.1: type, reserved, 32-bit
 * big-endian length). Association PDUs are buffered whole (bounded); P-DATA-TF is streamed item by
 * item so that only command sets are buffered and data sets (images, patient data) are skipped
 * without being copied.
 */
final class PduReader {

  /** Largest association-control PDU buffered; storescu's 120-context RQ is about 10 KiB. */
  static final int MAX_BUFFERED_PDU = 256 * 1024;

  /** Largest command set kept; real ones are under 200 bytes. */
  static final int MAX_COMMAND_BYTES = 16 * 1024;

  /** Where PDUs go. */
  interface Handler {
    /**
     * A complete non-P-DATA PDU; {@code body} excludes the 6-byte header, valid during the call.
     */
    void pdu(int type, byte[] body, int length);

    /** A complete command set (all its fragments); valid during the call. */
    void command(int contextId, byte[] bytes, int length);

    /** One piece of input that broke the PDU structure, by kind. */
    void anomaly(String kind);
  }

  private enum State {
    PDU_HEADER,
    PDU_BODY,
    ITEM_HEADER,
    COMMAND_FRAGMENT,
    SKIP_FRAGMENT,
    SKIP_PDU,
    DEAD
  }

  private State state = State.PDU_HEADER;
  private final byte[] header = new byte[6];
  private int headerFill;
  private int pduType;
  private long pduRemaining;
  private byte[] body = new byte[0];
  private int bodyFill;
  private long fragmentRemaining;
  private int contextId;
  private boolean lastFragment;
  private byte[] command = new byte[256];
  private int commandFill;
  private boolean commandOverflow;

  /** True once the stream lost PDU synchronisation; later bytes are ignored. */
  boolean dead() {
    return state == State.DEAD;
  }

  /** Feeds bytes of the direction in stream order. */
  void feed(byte[] data, int offset, int count, Handler handler) {
    int p = offset;
    int end = offset + count;
    while (p < end && state != State.DEAD) {
      switch (state) {
        case PDU_HEADER -> p = readPduHeader(data, p, end, handler);
        case PDU_BODY -> p = readPduBody(data, p, end, handler);
        case ITEM_HEADER -> p = readItemHeader(data, p, end, handler);
        case COMMAND_FRAGMENT -> p = readCommandFragment(data, p, end, handler);
        case SKIP_FRAGMENT -> p = skipFragment(p, end);
        case SKIP_PDU -> p = skipPdu(p, end);
        case DEAD -> p = end;
      }
    }
  }

  private int readPduHeader(byte[] data, int p, int end, Handler handler) {
    while (p < end && headerFill < 6) {
      header[headerFill++] = data[p++];
    }
    if (headerFill < 6) {
      return p;
    }
    headerFill = 0;
    pduType = header[0] & 0xFF;
    pduRemaining = DicomPduParser.u32(header, 2);
    if (pduType < DicomPduParser.TYPE_ASSOCIATE_RQ || pduType > DicomPduParser.TYPE_ABORT) {
      // Without a known type the length cannot be trusted: stop reading this direction.
      handler.anomaly("dicom.bad_pdu_type");
      state = State.DEAD;
    } else if (pduType == DicomPduParser.TYPE_P_DATA) {
      state = pduRemaining == 0 ? State.PDU_HEADER : State.ITEM_HEADER;
    } else if (pduRemaining > MAX_BUFFERED_PDU) {
      handler.anomaly("dicom.oversize_pdu");
      state = State.SKIP_PDU;
    } else {
      int size = (int) pduRemaining;
      if (body.length < size) {
        body = new byte[Math.max(size, 64)];
      }
      bodyFill = 0;
      state = State.PDU_BODY;
      if (size == 0) {
        finishBody(handler);
      }
    }
    return p;
  }

  private int readPduBody(byte[] data, int p, int end, Handler handler) {
    int want = (int) pduRemaining - bodyFill;
    int n = Math.min(want, end - p);
    System.arraycopy(data, p, body, bodyFill, n);
    bodyFill += n;
    if (bodyFill == (int) pduRemaining) {
      finishBody(handler);
    }
    return p + n;
  }

  private void finishBody(Handler handler) {
    state = State.PDU_HEADER;
    handler.pdu(pduType, body, bodyFill);
  }

  private int readItemHeader(byte[] data, int p, int end, Handler handler) {
    if (pduRemaining < 6) {
      handler.anomaly("dicom.bad_pdv");
      state = State.SKIP_PDU;
      return p;
    }
    while (p < end && headerFill < 6) {
      header[headerFill++] = data[p++];
    }
    if (headerFill < 6) {
      return p;
    }
    headerFill = 0;
    pduRemaining -= 6;
    long itemLength = DicomPduParser.u32(header, 0);
    contextId = header[4] & 0xFF;
    int control = header[5] & 0xFF;
    if (itemLength < 2 || itemLength - 2 > pduRemaining) {
      handler.anomaly("dicom.bad_pdv");
      state = State.SKIP_PDU;
      return p;
    }
    fragmentRemaining = itemLength - 2;
    lastFragment = (control & 0x02) != 0;
    boolean isCommand = (control & 0x01) != 0;
    state = isCommand ? State.COMMAND_FRAGMENT : State.SKIP_FRAGMENT;
    if (fragmentRemaining == 0) {
      endFragment(isCommand, handler);
    }
    return p;
  }

  private int readCommandFragment(byte[] data, int p, int end, Handler handler) {
    int n = (int) Math.min(fragmentRemaining, end - p);
    if (!commandOverflow) {
      if (commandFill + n > MAX_COMMAND_BYTES) {
        handler.anomaly("dicom.oversize_command");
        commandOverflow = true;
      } else {
        if (commandFill + n > command.length) {
          command = Arrays.copyOf(command, Math.min(MAX_COMMAND_BYTES, 2 * (commandFill + n)));
        }
        System.arraycopy(data, p, command, commandFill, n);
        commandFill += n;
      }
    }
    fragmentRemaining -= n;
    pduRemaining -= n;
    if (fragmentRemaining == 0) {
      endFragment(true, handler);
    }
    return p + n;
  }

  private int skipFragment(int p, int end) {
    int n = (int) Math.min(fragmentRemaining, end - p);
    fragmentRemaining -= n;
    pduRemaining -= n;
    if (fragmentRemaining == 0) {
      endFragment(false, null);
    }
    return p + n;
  }

  private void endFragment(boolean isCommand, Handler handler) {
    if (isCommand && lastFragment) {
      if (!commandOverflow) {
        handler.command(contextId, command, commandFill);
      }
      commandFill = 0;
      commandOverflow = false;
    }
    state = pduRemaining == 0 ? State.PDU_HEADER : State.ITEM_HEADER;
  }

  private int skipPdu(int p, int end) {
    int n = (int) Math.min(pduRemaining, end - p);
    pduRemaining -= n;
    if (pduRemaining == 0) {
      state = State.PDU_HEADER;
    }
    return p + n;
  }
}

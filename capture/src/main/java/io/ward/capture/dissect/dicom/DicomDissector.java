package io.ward.capture.dissect.dicom;

import io.ward.capture.dissect.Dissector;
import io.ward.capture.dissect.DissectorSession;
import io.ward.capture.dissect.FlowContext;
import io.ward.model.Transport;

/**
 * DICOM upper layer (PS3.8) on TCP. Found on ports 104 and 11112 and, by payload, on any port: an
 * A-ASSOCIATE-RQ PDU (type 0x01) with protocol version 1 and a plausible length. Emits the AE
 * titles, implementation class UID and version name, the SOP classes negotiated (named from PS3.6),
 * the association outcome, and the DIMSE commands; data sets are skipped unread.
 */
public final class DicomDissector implements Dissector {

  /** User identity negotiation type (PS3.7 D.3.3.7) when present; never the identity. */
  public static final String USER_IDENTITY = "dicom.userIdentity";

  /** An association request is at least its 68-byte fixed part plus an application context. */
  private static final long MIN_RQ_LENGTH = DicomPduParser.ASSOCIATE_FIXED_BYTES + 4;

  private static final int[] PORTS = {104, 11112};

  @Override
  public String protocol() {
    return "dicom";
  }

  @Override
  public Transport transport() {
    return Transport.TCP;
  }

  @Override
  public int[] wellKnownPorts() {
    return PORTS.clone();
  }

  @Override
  public boolean heuristic() {
    return true;
  }

  @Override
  public boolean probe(byte[] buf, int offset, int length, boolean fromClient) {
    if (offset < 0 || length < 10 || offset > buf.length - length) {
      return false;
    }
    int type = buf[offset] & 0xFF;
    if (type != DicomPduParser.TYPE_ASSOCIATE_RQ && type != DicomPduParser.TYPE_ASSOCIATE_AC) {
      return false;
    }
    long pduLength = DicomPduParser.u32(buf, offset + 2);
    int version = DicomPduParser.u16(buf, offset + 6);
    if (buf[offset + 1] != 0 || version != 1) {
      return false;
    }
    if (pduLength < MIN_RQ_LENGTH || pduLength > PduReader.MAX_BUFFERED_PDU) {
      return false;
    }
    // AE titles (bytes 10..41 of the PDU) are printable ASCII when present in this payload.
    int titlesEnd = Math.min(length, 42);
    for (int i = 10; i < titlesEnd; i++) {
      int c = buf[offset + i] & 0xFF;
      if ((c < 0x20 && c != 0) || c > 0x7E) {
        return false;
      }
    }
    return true;
  }

  @Override
  public DissectorSession open(FlowContext flow) {
    return new DicomSession(flow);
  }
}

package io.ward.capture.dissect.astm;

import io.ward.capture.dissect.Dissector;
import io.ward.capture.dissect.DissectorSession;
import io.ward.capture.dissect.FlowContext;
import io.ward.model.Transport;

/**
 * Laboratory analyzers speaking ASTM E1394 (CLSI LIS2-A2) records, framed by ASTM E1381 (CLSI
 * LIS1-A) or raw over TCP. No port is standard, so the protocol is found by payload: an ENQ that
 * opens an E1381 transfer, a first frame {@code STX 1 H|}, or a raw header {@code H|\^&}. Emits the
 * sender name, model, software version and serial of the header record, and whether patient records
 * crossed the wire; never a patient field or the H-4 access password.
 */
public final class AstmDissector implements Dissector {

  /** H-13 version of the specification, e.g. {@code LIS2-A2} or {@code 1}. */
  public static final String VERSION = "astm.version";

  /** "true" when a patient information record (P) was sent in clear. */
  public static final String PATIENT_PRESENT = "astm.patientPresent";

  @Override
  public String protocol() {
    return "astm";
  }

  @Override
  public Transport transport() {
    return Transport.TCP;
  }

  @Override
  public int[] wellKnownPorts() {
    return new int[0];
  }

  @Override
  public boolean heuristic() {
    return true;
  }

  @Override
  public boolean probe(byte[] buf, int offset, int length, boolean fromClient) {
    if (offset < 0 || length < 1 || offset > buf.length - length) {
      return false;
    }
    byte first = buf[offset];
    if (first == AstmFramer.ENQ) {
      // E1381 establishment: ENQ alone in its segment, or directly followed by the first frame.
      return length == 1 || buf[offset + 1] == AstmFramer.STX;
    }
    if (first == AstmFramer.STX) {
      return length >= 4
          && buf[offset + 1] >= '0'
          && buf[offset + 1] <= '7'
          && buf[offset + 2] == 'H'
          && isDelimiter(buf[offset + 3]);
    }
    return length >= 5
        && first == 'H'
        && buf[offset + 1] == '|'
        && buf[offset + 2] == '\\'
        && buf[offset + 3] == '^'
        && buf[offset + 4] == '&';
  }

  @Override
  public DissectorSession open(FlowContext flow) {
    return new AstmSession(flow);
  }

  private static boolean isDelimiter(byte b) {
    return b > ' ' && b < 0x7F && !Character.isLetterOrDigit(b);
  }
}

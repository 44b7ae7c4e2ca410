package io.ward.capture.dissect.hl7;

import io.ward.capture.dissect.Dissector;
import io.ward.capture.dissect.DissectorSession;
import io.ward.capture.dissect.FlowContext;
import io.ward.model.Transport;

/**
 * HL7 v2 messages framed by MLLP. Found on the usual interface-engine ports and, by payload, on any
 * port: a start byte {@code 0x0B} followed by {@code MSH} (as Wireshark's {@code packet-hl7.c}
 * heuristic). Emits the sending and receiving application and facility, message type, version,
 * device identifiers (OBX-18, PRT-10, PRT-16 UDI), the sending software (SFT-1/2/3) and whether
 * patient identification crossed the wire in clear; never a patient field.
 */
public final class Hl7Dissector implements Dissector {

  /** PRT-20 participation device serial number; not yet in {@code ObservationFields}. */
  public static final String DEVICE_SERIAL = "hl7.deviceSerial";

  private static final int[] PORTS = {2575, 6661};

  @Override
  public String protocol() {
    return "hl7";
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
    if (offset < 0 || length < 4 || offset > buf.length - length) {
      return false;
    }
    if (buf[offset] != MllpFramer.START) {
      return false;
    }
    int at = offset + 1;
    // Some senders write a UTF-8 byte-order mark before MSH; accept it as the framer does.
    if (length >= 7
        && (buf[at] & 0xFF) == 0xEF
        && (buf[at + 1] & 0xFF) == 0xBB
        && (buf[at + 2] & 0xFF) == 0xBF) {
      at += 3;
    }
    return buf[at] == 'M' && buf[at + 1] == 'S' && buf[at + 2] == 'H';
  }

  @Override
  public DissectorSession open(FlowContext flow) {
    return new Hl7Session(flow);
  }
}

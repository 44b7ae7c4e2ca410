package io.ward.capture.dissect.poct;

import io.ward.capture.dissect.Dissector;
import io.ward.capture.dissect.DissectorSession;
import io.ward.capture.dissect.FlowContext;
import io.ward.model.Transport;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/**
 * Point-of-care devices speaking POCT1-A2 XML over TCP (blood gas, glucose meters and their data
 * managers). POCT1-A fixes no port, so the protocol is found by payload: an XML document whose root
 * is a POCT1-A message type such as {@code HEL.R01} (hello) or {@code DST.R01} (device status).
 * Emits vendor, model, serial, software and hardware version and device id from the DEV block, and
 * whether patient data was sent in clear.
 */
public final class PoctDissector implements Dissector {

  /** DEV.device_id, often the device's MAC address. */
  public static final String DEVICE_ID = "poct.deviceId";

  /** DEV.manufacturer_name. */
  public static final String MANUFACTURER = "poct.manufacturer";

  /** DEV.hw_version. */
  public static final String HARDWARE_VERSION = "poct.hardwareVersion";

  /** Root element of each message, e.g. {@code HEL.R01}. */
  public static final String MESSAGE_TYPE = "poct.messageType";

  /** "true" when a patient element (PT) was sent in clear. */
  public static final String PATIENT_PRESENT = "poct.patientPresent";

  /** POCT1-A message ids are a three-letter topic, ".R", and a two-digit number. */
  static final Pattern ROOT = Pattern.compile("<([A-Z]{3}\\.R\\d\\d)[\\s>/]");

  private static final int PROBE_WINDOW = 512;

  @Override
  public String protocol() {
    return "poct1a";
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
    if (offset < 0 || length < 8 || offset > buf.length - length) {
      return false;
    }
    int p = offset;
    int end = offset + Math.min(length, PROBE_WINDOW);
    while (p < end
        && (buf[p] == ' '
            || buf[p] == '\r'
            || buf[p] == '\n'
            || buf[p] == '\t'
            || (buf[p] & 0xFF) == 0xEF
            || (buf[p] & 0xFF) == 0xBB
            || (buf[p] & 0xFF) == 0xBF)) {
      p++;
    }
    if (p >= end || buf[p] != '<') {
      return false;
    }
    String head = new String(buf, p, end - p, StandardCharsets.ISO_8859_1);
    if (!head.startsWith("<?xml") && !head.startsWith("<!--") && !ROOT.matcher(head).lookingAt()) {
      return false;
    }
    return ROOT.matcher(head).find();
  }

  @Override
  public DissectorSession open(FlowContext flow) {
    return new PoctSession(flow);
  }
}

package io.ward.capture.dissect.poct;

import java.util.Map;

/**
 * What Ward keeps of one POCT1-A message: its type (the root element, e.g. {@code HEL.R01}), the
 * device description attributes ({@code DEV.*} values, HEL.R01 and DST.R01 carry them) and whether
 * a patient element appeared. Patient and operator values are never copied.
 */
record PoctMessage(String messageType, Map<String, String> device, boolean patientPresent) {
  PoctMessage {
    device = Map.copyOf(device);
  }
}

package io.ward.capture.dissect.hl7;

import java.util.ArrayList;
import java.util.List;

/** Picks the identifying values out of the PID segments of a test message (the test's secrets). */
final class Hl7TestPhi {
  private Hl7TestPhi() {}

  /**
   * PID-3 identifiers, PID-5 name parts, PID-7 birth date, PID-11 street, PID-13 phone, PID-19 SSN:
   * every component at least four characters long. A value that also appears in MSH (a test patient
   * named after the sending system) is not a secret of PID.
   */
  static List<String> identifyingPidValues(String message) {
    List<String> secrets = new ArrayList<>();
    String msh = "";
    for (String segment : message.split("[\r\n]+")) {
      if (segment.contains("MSH|")) {
        msh = segment;
      }
    }
    for (String segment : message.split("[\r\n]+")) {
      if (!segment.startsWith("PID|")) {
        continue;
      }
      String[] fields = segment.split("\\|", -1);
      for (int f : new int[] {3, 5, 7, 11, 13, 19}) {
        if (f >= fields.length) {
          continue;
        }
        for (String rep : fields[f].split("~")) {
          String[] comps = rep.split("\\^");
          int take = f == 5 ? Math.min(3, comps.length) : Math.min(1, comps.length);
          for (int c = 0; c < take; c++) {
            String v = comps[c].strip();
            if (v.length() >= 4 && !msh.contains(v)) {
              secrets.add(v);
            }
          }
        }
      }
    }
    return secrets;
  }
}

package io.ward.inventory;

import static io.ward.model.ObservationFields.ASTM_MODEL;
import static io.ward.model.ObservationFields.ASTM_SENDER;
import static io.ward.model.ObservationFields.ASTM_SERIAL;
import static io.ward.model.ObservationFields.ASTM_SOFTWARE;

import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Reads the ASTM E1394 header H-5 "sender name or ID". The standard leaves its components to the
 * vendor and the dissector reports them by position ({@code astm.senderName} = component 1, {@code
 * astm.model} = 2, {@code astm.softwareVersion} = 3, {@code astm.serial} = 4). Two layouts are in
 * use: <i>name ^ version ^ serial</i> (Abbott ARCHITECT {@code
 * ARCHITECT^1.00^123456789^H1P1O1R1C1Q1L1}, Sysmex XN {@code XN-350^00-19^11001}, Roche cobas
 * {@code c311^1}) and <i>manufacturer ^ product ^ version ^ serial</i> (Ortho VISION {@code
 * OCD^VISION^5.13.1.46935^J60009999}). Component 2 tells them apart: a version number in the first,
 * a product name in the second.
 */
final class AstmSender {
  private AstmSender() {}

  /** A release number: digits with dots, dashes or underscores, optionally led by v/V. */
  private static final Pattern VERSION = Pattern.compile("^[vV]?\\d+(?:[.\\-_]\\w+)*$");

  static void interpret(DeviceFacts f, EvidenceSet ev) {
    Map<String, ValueStat> second = f.values(ASTM_MODEL);
    if (!f.has(ASTM_SENDER) && second.isEmpty()) {
      return;
    }
    boolean versionSecond = second.keySet().stream().anyMatch(v -> VERSION.matcher(v).matches());
    if (versionSecond) {
      add(ev, f, ASTM_SENDER, Attributes.MODEL, 0.8);
      add(ev, f, ASTM_MODEL, Attributes.FIRMWARE, 0.8);
      add(ev, f, ASTM_SOFTWARE, Attributes.SERIAL, 0.7);
    } else if (!second.isEmpty()) {
      add(ev, f, ASTM_MODEL, Attributes.MODEL, 0.8);
      add(ev, f, ASTM_SOFTWARE, Attributes.FIRMWARE, 0.8);
      add(ev, f, ASTM_SERIAL, Attributes.SERIAL, 0.9);
    } else {
      add(ev, f, ASTM_SENDER, Attributes.MODEL, 0.5);
    }
  }

  private static void add(
      EvidenceSet ev, DeviceFacts f, String field, String attribute, double confidence) {
    f.values(field)
        .forEach(
            (value, stat) ->
                ev.add(attribute, value, field, value, Optional.empty(), confidence, stat));
  }
}

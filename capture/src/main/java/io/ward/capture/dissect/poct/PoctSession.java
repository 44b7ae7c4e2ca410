package io.ward.capture.dissect.poct;

import io.ward.capture.dissect.DissectorSession;
import io.ward.capture.dissect.FlowContext;
import io.ward.model.ObservationFields;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/** One POCT1-A conversation between a device and its observation reviewer / data manager. */
final class PoctSession implements DissectorSession {

  /** Messages read per connection; a device says who it is in its first few. */
  static final int MAX_MESSAGES = 200;

  private static final int MAX_DISTINCT_FACTS = 64;

  private static final Map<String, String> FIELDS =
      Map.of(
          "DEV.vendor_id", ObservationFields.POCT_VENDOR,
          "DEV.model_id", ObservationFields.POCT_MODEL,
          "DEV.serial_id", ObservationFields.POCT_SERIAL,
          "DEV.sw_version", ObservationFields.POCT_SOFTWARE,
          "DEV.device_id", PoctDissector.DEVICE_ID,
          "DEV.manufacturer_name", PoctDissector.MANUFACTURER,
          "DEV.hw_version", PoctDissector.HARDWARE_VERSION);

  private final FlowContext flow;
  private final PoctFramer fromClient = new PoctFramer();
  private final PoctFramer fromServer = new PoctFramer();
  private final Set<String> emitted = new HashSet<>();
  private int messages;

  PoctSession(FlowContext flow) {
    this.flow = flow;
  }

  @Override
  public boolean onData(boolean client, long epochNanos, byte[] buf, int offset, int length) {
    if (offset < 0 || length < 0 || offset > buf.length - length) {
      flow.anomaly("poct.bad_call");
      return true;
    }
    (client ? fromClient : fromServer)
        .feed(
            buf,
            offset,
            length,
            new PoctFramer.Listener() {
              @Override
              public void message(byte[] bytes, int size) {
                onMessage(client, epochNanos, bytes, size);
              }

              @Override
              public void anomaly(String kind) {
                flow.anomaly(kind);
              }
            });
    return messages < MAX_MESSAGES;
  }

  @Override
  public boolean onGap(boolean client, long missingBytes) {
    (client ? fromClient : fromServer).reset();
    return messages < MAX_MESSAGES;
  }

  private void onMessage(boolean client, long t, byte[] bytes, int size) {
    if (++messages > MAX_MESSAGES) {
      return;
    }
    PoctParser.Result result = PoctParser.parse(bytes, 0, size);
    result.anomaly().ifPresent(flow::anomaly);
    result
        .message()
        .ifPresent(
            m -> {
              observe(client, t, PoctDissector.MESSAGE_TYPE, m.messageType());
              m.device().entrySet().stream()
                  .sorted(Map.Entry.comparingByKey())
                  .forEach(e -> observe(client, t, FIELDS.get(e.getKey()), e.getValue()));
              if (m.patientPresent()) {
                observe(client, t, PoctDissector.PATIENT_PRESENT, "true");
              }
            });
  }

  private void observe(boolean aboutClient, long t, String field, String value) {
    String key = (aboutClient ? "c|" : "s|") + field + '|' + value;
    if (emitted.size() < MAX_DISTINCT_FACTS && emitted.add(key)) {
      flow.observe(aboutClient, t, field, value);
    }
  }
}

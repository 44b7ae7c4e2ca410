package io.ward.capture.dissect.astm;

import io.ward.capture.dissect.DissectorSession;
import io.ward.capture.dissect.FlowContext;
import io.ward.model.ObservationFields;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/**
 * One analyzer–LIS connection. Each direction is framed separately; a header record describes the
 * side that sent it. Stops after {@link #MAX_RECORDS} records: results repeat, the device does not
 * change.
 */
final class AstmSession implements DissectorSession {

  static final int MAX_RECORDS = 500;

  private static final int MAX_DISTINCT_FACTS = 64;

  private final FlowContext flow;
  private final AstmFramer fromClient = new AstmFramer();
  private final AstmFramer fromServer = new AstmFramer();
  private final Set<String> emitted = new HashSet<>();
  private int records;

  AstmSession(FlowContext flow) {
    this.flow = flow;
  }

  @Override
  public boolean onData(boolean client, long epochNanos, byte[] buf, int offset, int length) {
    if (offset < 0 || length < 0 || offset > buf.length - length) {
      flow.anomaly("astm.bad_call");
      return true;
    }
    (client ? fromClient : fromServer)
        .feed(
            buf,
            offset,
            length,
            new AstmFramer.Listener() {
              @Override
              public void record(String record) {
                onRecord(client, epochNanos, record);
              }

              @Override
              public void anomaly(String kind) {
                flow.anomaly(kind);
              }
            });
    return records < MAX_RECORDS;
  }

  @Override
  public boolean onGap(boolean client, long missingBytes) {
    (client ? fromClient : fromServer).reset();
    return records < MAX_RECORDS;
  }

  private void onRecord(boolean client, long t, String record) {
    if (++records > MAX_RECORDS || record.isEmpty()) {
      return;
    }
    char type = record.charAt(0);
    if (type == 'H') {
      Optional<AstmHeader> h = AstmHeader.parse(record);
      if (h.isEmpty()) {
        flow.anomaly("astm.bad_header");
        return;
      }
      AstmHeader header = h.get();
      observe(client, t, ObservationFields.ASTM_SENDER, header.senderName());
      observe(client, t, ObservationFields.ASTM_MODEL, header.model());
      observe(client, t, ObservationFields.ASTM_SOFTWARE, header.softwareVersion());
      observe(client, t, ObservationFields.ASTM_SERIAL, header.serial());
      observe(client, t, AstmDissector.VERSION, header.version());
    } else if (type == 'P') {
      observe(client, t, AstmDissector.PATIENT_PRESENT, Optional.of("true"));
    }
  }

  private void observe(boolean aboutClient, long t, String field, Optional<String> value) {
    if (value.isEmpty()) {
      return;
    }
    String key = (aboutClient ? "c|" : "s|") + field + '|' + value.get();
    if (emitted.size() < MAX_DISTINCT_FACTS && emitted.add(key)) {
      flow.observe(aboutClient, t, field, value.get());
    }
  }
}

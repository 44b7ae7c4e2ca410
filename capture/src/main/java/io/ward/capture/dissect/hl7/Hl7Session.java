package io.ward.capture.dissect.hl7;

import io.ward.capture.dissect.DissectorSession;
import io.ward.capture.dissect.FlowContext;
import io.ward.model.ObservationFields;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/**
 * One MLLP connection: frames each direction, parses each message, and emits what it says about the
 * sender (MSH-3/4, type, version, devices, SFT software) and about the peer (MSH-5/6). The same
 * fact is emitted once per flow.
 */
final class Hl7Session implements DissectorSession {

  /** After this many messages the flow has said all it will; the rest is skipped. */
  static final int MAX_MESSAGES = 1_000;

  private static final int MAX_DISTINCT_FACTS = 512;

  private final FlowContext flow;
  private final MllpFramer fromClientFramer = new MllpFramer();
  private final MllpFramer fromServerFramer = new MllpFramer();

  /** Facts the flow has said; made at its second message (most connections carry one). */
  private Set<Fact> emitted;

  /** One fact, for the once-per-flow check. */
  private record Fact(boolean aboutClient, String field, String value) {}

  private final MllpFramer.Listener fromClientListener = new Listener(true);
  private final MllpFramer.Listener fromServerListener = new Listener(false);
  private int messages;

  /** The flow's first message while it is the only one; its facts are not in {@link #emitted}. */
  private Hl7Message first;

  private boolean firstFromClient;
  private long firstEpochNanos;

  /** How the message being emitted is checked: see {@link #emit}. */
  private boolean once;

  private boolean recordOnly;

  /** Time of the segment being framed, for the messages it completes. */
  private long epochNanos;

  Hl7Session(FlowContext flow) {
    this.flow = flow;
  }

  @Override
  public boolean onData(boolean fromClient, long epochNanos, byte[] buf, int offset, int length) {
    if (offset < 0 || length < 0 || offset > buf.length - length) {
      flow.anomaly("hl7.bad_call");
      return messages < MAX_MESSAGES;
    }
    // One listener per direction, reused: no object per segment on the hot path.
    this.epochNanos = epochNanos;
    if (fromClient) {
      fromClientFramer.feed(buf, offset, length, fromClientListener);
    } else {
      fromServerFramer.feed(buf, offset, length, fromServerListener);
    }
    return messages < MAX_MESSAGES;
  }

  @Override
  public boolean onGap(boolean fromClient, long missingBytes) {
    (fromClient ? fromClientFramer : fromServerFramer).reset();
    return messages < MAX_MESSAGES;
  }

  /** Hands framed messages of one direction to the session. */
  private final class Listener implements MllpFramer.Listener {
    private final boolean fromClient;

    Listener(boolean fromClient) {
      this.fromClient = fromClient;
    }

    @Override
    public void message(byte[] bytes, int offset, int size) {
      onMessage(fromClient, epochNanos, bytes, offset, size);
    }

    @Override
    public void anomaly(String kind) {
      flow.anomaly(kind);
    }
  }

  private void onMessage(boolean fromClient, long epochNanos, byte[] bytes, int offset, int size) {
    if (messages >= MAX_MESSAGES) {
      return;
    }
    messages++;
    Hl7MessageParser.Result result = Hl7MessageParser.parse(bytes, offset, size);
    result.anomaly().ifPresent(flow::anomaly);
    if (result.message().isEmpty()) {
      return;
    }
    if (first == null && emitted == null) {
      // The first message of the flow: nothing to repeat yet (most MLLP connections carry just
      // one), so its facts go out without building the keys of the once-per-flow check.
      first = result.message().get();
      firstFromClient = fromClient;
      firstEpochNanos = epochNanos;
      emit(fromClient, epochNanos, first, false);
      return;
    }
    if (emitted == null) {
      emitted = new HashSet<>();
    }
    if (first != null) {
      emit(firstFromClient, firstEpochNanos, first, true); // only records the keys: already sent
      first = null;
    }
    emit(fromClient, epochNanos, result.message().get(), true);
  }

  /**
   * The facts of one message; with {@code once}, each only if the flow has not said it before (and
   * a message already sent, passed again, only has its facts recorded).
   */
  private void emit(boolean fromClient, long t, Hl7Message m, boolean once) {
    this.once = once;
    this.recordOnly = m == first;
    boolean sender = fromClient;
    boolean peer = !fromClient;
    observe(sender, t, ObservationFields.HL7_SENDING_APP, m.sendingApplication());
    observe(sender, t, ObservationFields.HL7_SENDING_FACILITY, m.sendingFacility());
    observe(peer, t, ObservationFields.HL7_RECEIVING_APP, m.receivingApplication());
    observe(peer, t, ObservationFields.HL7_RECEIVING_FACILITY, m.receivingFacility());
    observe(sender, t, ObservationFields.HL7_MESSAGE_TYPE, m.messageType());
    observe(sender, t, ObservationFields.HL7_VERSION, m.version());
    m.deviceIds()
        .forEach(id -> observe(sender, t, ObservationFields.HL7_DEVICE_ID, Optional.of(id)));
    m.udis().forEach(udi -> observe(sender, t, ObservationFields.HL7_UDI, Optional.of(udi)));
    m.deviceSerials().forEach(s -> observe(sender, t, Hl7Dissector.DEVICE_SERIAL, Optional.of(s)));
    m.software()
        .ifPresent(
            sft -> {
              observe(sender, t, ObservationFields.HL7_SOFTWARE_VENDOR, sft.vendor());
              observe(sender, t, ObservationFields.HL7_SOFTWARE_VERSION, sft.version());
              observe(sender, t, ObservationFields.HL7_SOFTWARE_PRODUCT, sft.product());
            });
    if (m.pidPresent()) {
      observe(sender, t, ObservationFields.HL7_PID_PRESENT, Optional.of("true"));
    }
  }

  private void observe(boolean aboutClient, long t, String field, Optional<String> value) {
    if (value.isEmpty() || value.get().isEmpty()) {
      return;
    }
    if (once) {
      Fact key = new Fact(aboutClient, field, value.get());
      if (emitted.size() >= MAX_DISTINCT_FACTS || !emitted.add(key) || recordOnly) {
        return;
      }
    }
    flow.observe(aboutClient, t, field, value.get());
  }
}

package io.ward.capture.dissect.hl7;

import io.ward.capture.dissect.DissectorSession;
import io.ward.capture.dissect.FlowContext;
import io.ward.capture.dissect.SideFact;
import io.ward.model.Facts;
import io.ward.model.ObservationFields;
import java.util.HashSet;
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
  private Set<SideFact> emitted;

  /** One fact, for the once-per-flow check. */
  private final MllpFramer.Listener fromClientListener = new Listener(true);

  private final MllpFramer.Listener fromServerListener = new Listener(false);
  private int messages;

  /** The flow's first message while it is the only one; its facts are not in {@link #emitted}. */
  private Hl7Message first;

  private boolean firstFromClient;
  private long firstEpochNanos;

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
    if (result.anomaly().isPresent()) {
      // Not ifPresent(flow::anomaly): a capturing lambda or method reference is, under the C1
      // compiler Ward analyses with, an allocation through a method handle and a native call
      // (about 35 ns against 4 for a plain object; bench/README.md), once per message here.
      flow.anomaly(result.anomaly().get());
    }
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
    if (!once) {
      // The same Facts instances for every message of a kind: the inventory counts a repeat fast.
      flow.observe(fromClient, t, m.senderFacts());
      flow.observe(!fromClient, t, m.peerFacts());
      return;
    }
    // In the message's order: MSH-3 and MSH-4, MSH-5 and MSH-6, then the rest of the sender's
    // facts. It decides which facts are kept when a flow reaches MAX_DISTINCT_FACTS.
    boolean recordOnly = m == first;
    Facts sender = m.senderFacts();
    int header = 0;
    while (header < Math.min(2, sender.size())
        && (sender.field(header).equals(ObservationFields.HL7_SENDING_APP)
            || sender.field(header).equals(ObservationFields.HL7_SENDING_FACILITY))) {
      header++;
    }
    emitNew(fromClient, t, sender, 0, header, recordOnly);
    emitNew(!fromClient, t, m.peerFacts(), 0, m.peerFacts().size(), recordOnly);
    emitNew(fromClient, t, sender, header, sender.size(), recordOnly);
  }

  /**
   * Facts {@code [from, to)} that the flow has not said yet; with {@code recordOnly}, only noted as
   * said.
   */
  private void emitNew(
      boolean aboutClient, long t, Facts facts, int from, int to, boolean recordOnly) {
    for (int i = from; i < to; i++) {
      SideFact key = new SideFact(aboutClient, facts.field(i), facts.value(i));
      if (emitted.size() < MAX_DISTINCT_FACTS && emitted.add(key) && !recordOnly) {
        flow.observe(aboutClient, t, facts.field(i), facts.value(i));
      }
    }
  }
}

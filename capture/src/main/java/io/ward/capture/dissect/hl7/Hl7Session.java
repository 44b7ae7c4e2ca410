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
final class Hl7Session implements DissectorSession, MllpFramer.Listener {

  /** After this many messages the flow has said all it will; the rest is skipped. */
  static final int MAX_MESSAGES = 1_000;

  private static final int MAX_DISTINCT_FACTS = 512;

  /**
   * At most this many facts in the first two messages for the second to skip the set: the check
   * compares each fact with every other, and a set this small never reaches MAX_DISTINCT_FACTS.
   */
  private static final int MAX_PAIR_FACTS = 64;

  private final FlowContext flow;
  private final MllpFramer fromClientFramer = new MllpFramer();
  private final MllpFramer fromServerFramer = new MllpFramer();

  /**
   * Facts the flow has said; made at its third message, or at its second when that one repeats a
   * fact (most connections carry one message and its acknowledgement).
   */
  private Set<SideFact> emitted;

  private int messages;

  /** The flow's first message while it is the only one; its facts are not in {@link #emitted}. */
  private Hl7Message first;

  private boolean firstFromClient;
  private long firstEpochNanos;

  /**
   * The flow's second message while there are two, when it repeated none of the first's facts nor
   * its own; its facts are not in {@link #emitted} either.
   */
  private Hl7Message second;

  private boolean secondFromClient;
  private long secondEpochNanos;

  /** Time of the segment being framed, for the messages it completes. */
  private long epochNanos;

  /** The direction of the segment being framed. */
  private boolean framingFromClient;

  Hl7Session(FlowContext flow) {
    this.flow = flow;
  }

  @Override
  public boolean onData(boolean fromClient, long epochNanos, byte[] buf, int offset, int length) {
    if (offset < 0 || length < 0 || offset > buf.length - length) {
      flow.anomaly("hl7.bad_call");
      return messages < MAX_MESSAGES;
    }
    // The session is both directions' listener, told the direction first: no object per segment
    // on the hot path, nor one per direction per connection.
    this.epochNanos = epochNanos;
    this.framingFromClient = fromClient;
    (fromClient ? fromClientFramer : fromServerFramer).feed(buf, offset, length, this);
    return messages < MAX_MESSAGES;
  }

  @Override
  public boolean onGap(boolean fromClient, long missingBytes) {
    (fromClient ? fromClientFramer : fromServerFramer).reset();
    return messages < MAX_MESSAGES;
  }

  /** A message the framer of the direction being fed completed. */
  @Override
  public void message(byte[] bytes, int offset, int size) {
    onMessage(framingFromClient, epochNanos, bytes, offset, size);
  }

  @Override
  public void anomaly(String kind) {
    flow.anomaly(kind);
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
      emitAll(fromClient, epochNanos, first);
      return;
    }
    Hl7Message m = result.message().get();
    if (emitted == null && second == null && saysNothingTwice(fromClient, m)) {
      // The second message, usually the acknowledgement, repeats nothing the flow said: all of
      // its facts go out as a set, as the first's did, still without building the keys.
      second = m;
      secondFromClient = fromClient;
      secondEpochNanos = epochNanos;
      emitAll(fromClient, epochNanos, m);
      return;
    }
    if (emitted == null) {
      emitted = new HashSet<>();
    }
    if (first != null) {
      emitNew(firstFromClient, firstEpochNanos, first, true); // records the keys: already sent
      first = null;
    }
    if (second != null) {
      emitNew(secondFromClient, secondEpochNanos, second, true);
      second = null;
    }
    emitNew(fromClient, epochNanos, m, false);
  }

  /**
   * True when {@code m}, from the client or not, states no fact (side, field and value) that the
   * first message stated, nor any twice itself: then sending all of its facts is what the
   * once-per-flow check would send. Compares fact with fact, without the keys and set the check
   * would make for a connection that carries only these two messages.
   */
  private boolean saysNothingTwice(boolean fromClient, Hl7Message m) {
    if (first == null) {
      return false;
    }
    Facts firstSender = first.senderFacts();
    Facts firstPeer = first.peerFacts();
    Facts sender = m.senderFacts();
    Facts peer = m.peerFacts();
    if (firstSender.size() + firstPeer.size() + sender.size() + peer.size() > MAX_PAIR_FACTS) {
      return false;
    }
    // The facts about each side: the sender's facts describe the side it came from.
    Facts firstAboutSame = firstFromClient == fromClient ? firstSender : firstPeer;
    Facts firstAboutOther = firstFromClient == fromClient ? firstPeer : firstSender;
    return unique(sender, firstAboutSame) && unique(peer, firstAboutOther);
  }

  /** True when no fact of {@code facts} is in {@code earlier} or earlier in {@code facts}. */
  private static boolean unique(Facts facts, Facts earlier) {
    for (int i = 0; i < facts.size(); i++) {
      String field = facts.field(i);
      String value = facts.value(i);
      if (contains(earlier, earlier.size(), field, value) || contains(facts, i, field, value)) {
        return false;
      }
    }
    return true;
  }

  private static boolean contains(Facts facts, int before, String field, String value) {
    for (int i = 0; i < before; i++) {
      if (facts.field(i).equals(field) && facts.value(i).equals(value)) {
        return true;
      }
    }
    return false;
  }

  /** All the facts of one message, as sets: the same instances for every message of a kind. */
  private void emitAll(boolean fromClient, long t, Hl7Message m) {
    // The inventory counts a set it has seen before from the same subject fast.
    flow.observe(fromClient, t, m.senderFacts());
    flow.observe(!fromClient, t, m.peerFacts());
  }

  /**
   * The facts of one message that the flow has not said before; with {@code recordOnly} (a message
   * already sent), only noted as said.
   */
  private void emitNew(boolean fromClient, long t, Hl7Message m, boolean recordOnly) {
    // In the message's order: MSH-3 and MSH-4, MSH-5 and MSH-6, then the rest of the sender's
    // facts. It decides which facts are kept when a flow reaches MAX_DISTINCT_FACTS.
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

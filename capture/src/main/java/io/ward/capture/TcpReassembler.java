package io.ward.capture;

import java.util.Arrays;

/**
 * Puts one direction of a TCP stream back in order. In-order bytes are handed on in place (no
 * copy); only out-of-order segments are copied, and at most {@code limitBytes} of them are held.
 * Retransmitted and overlapping bytes are trimmed (first copy wins, as most stacks do). When the
 * bound is reached, or a hole never fills, the hole is reported as a gap and delivery resumes after
 * it.
 *
 * <p>Sequence numbers compare modulo 2^32 (RFC 793 §3.3): {@code a - b} as a signed int.
 */
final class TcpReassembler {

  /** Receives the ordered stream of one direction. */
  interface Receiver {
    /** In-order bytes; false to stop delivery. */
    boolean data(boolean fromClient, byte[] buf, int offset, int length);

    /** Bytes that will never arrive; false to stop delivery. */
    boolean gap(boolean fromClient, long missingBytes);
  }

  private static final int MAX_SEGMENTS = 256;

  private final boolean fromClient;
  private final int limitBytes;
  private final ReassemblyBudget budget;
  private boolean started;
  private int nextSeq;
  // Made on the first out-of-order segment: most streams never have one, and every TCP flow has two
  // reassemblers (the arrays were a twentieth of an analysis's allocation).
  private static final int[] NO_SEQS = {};
  private static final byte[][] NO_DATA = {};
  private int[] pendingSeq = NO_SEQS;
  private byte[][] pendingData = NO_DATA;
  private int pendingCount;
  private int pendingBytes;

  TcpReassembler(boolean fromClient, int limitBytes, ReassemblyBudget budget) {
    this.fromClient = fromClient;
    this.limitBytes = limitBytes;
    this.budget = budget;
  }

  /** Drops whatever is held and returns it to the budget (the flow ended or stopped). */
  void release() {
    clear();
  }

  /** Bytes held out of order. */
  int pendingBytes() {
    return pendingBytes;
  }

  /**
   * One segment. {@code wireLength} may exceed {@code length} when the capture's snap length cut
   * the payload; the missing tail is reported as a gap.
   *
   * @return false when the receiver asked to stop
   */
  boolean segment(
      int seq, int flags, byte[] buf, int offset, int length, int wireLength, Receiver receiver) {
    if ((flags & Packet.TCP_SYN) != 0) {
      if (!started) {
        started = true;
        nextSeq = seq + 1;
      }
      seq += 1; // the SYN occupies one sequence number (RFC 793 §3.3)
    }
    if (wireLength <= 0) {
      return true;
    }
    if (!started) {
      // Joined mid-stream: the first segment seen defines the start.
      started = true;
      nextSeq = seq;
    }
    int rel = seq - nextSeq;
    if (rel > 0) {
      return outOfOrder(seq, buf, offset, length, wireLength, receiver);
    }
    if (rel + wireLength <= 0) {
      return true; // a retransmission of bytes already delivered
    }
    int skip = -rel;
    return deliver(
            buf,
            offset + Math.min(skip, length),
            Math.max(0, length - skip),
            wireLength - skip,
            receiver)
        && drain(receiver);
  }

  /** Hands on whatever is still held at the end of the flow, reporting the holes before it. */
  boolean flush(Receiver receiver) {
    while (pendingCount > 0) {
      int rel = pendingSeq[0] - nextSeq;
      if (rel > 0) {
        if (!receiver.gap(fromClient, rel)) {
          clear();
          return false;
        }
        nextSeq = pendingSeq[0];
      }
      if (!drain(receiver)) {
        return false;
      }
    }
    return true;
  }

  /** Delivers captured bytes and accounts for any tail the snap length cut off. */
  private boolean deliver(byte[] buf, int offset, int length, int wireLength, Receiver receiver) {
    nextSeq += wireLength;
    if (length > 0 && !receiver.data(fromClient, buf, offset, length)) {
      clear();
      return false;
    }
    if (wireLength > length && !receiver.gap(fromClient, wireLength - length)) {
      clear();
      return false;
    }
    return true;
  }

  /** Delivers held segments that have become contiguous with the stream. */
  private boolean drain(Receiver receiver) {
    while (pendingCount > 0) {
      int rel = pendingSeq[0] - nextSeq;
      if (rel > 0) {
        return true;
      }
      byte[] data = pendingData[0];
      removeFirst();
      int skip = -rel;
      if (skip < data.length
          && !deliver(data, skip, data.length - skip, data.length - skip, receiver)) {
        return false;
      }
    }
    return true;
  }

  private boolean outOfOrder(
      int seq, byte[] buf, int offset, int length, int wireLength, Receiver receiver) {
    // Make room: give up on the oldest hole until the segment fits or nothing is held.
    while (pendingCount > 0
        && (pendingBytes + length > limitBytes || pendingCount >= MAX_SEGMENTS)) {
      if (!skipToFirstPending(receiver)) {
        return false;
      }
    }
    int rel = seq - nextSeq;
    if (rel <= 0) {
      return segment(seq, 0, buf, offset, length, wireLength, receiver);
    }
    if (length > limitBytes || length < wireLength || !budget.take(length)) {
      // Cannot be held (too large, cut by the snap length, or the worker's budget is spent):
      // the hole before it is lost.
      if (!receiver.gap(fromClient, rel)) {
        clear();
        return false;
      }
      nextSeq = seq;
      return deliver(buf, offset, length, wireLength, receiver) && drain(receiver);
    }
    insert(seq, Arrays.copyOfRange(buf, offset, offset + length));
    return true;
  }

  private boolean skipToFirstPending(Receiver receiver) {
    int rel = pendingSeq[0] - nextSeq;
    if (rel > 0) {
      if (!receiver.gap(fromClient, rel)) {
        clear();
        return false;
      }
      nextSeq = pendingSeq[0];
    }
    return drain(receiver);
  }

  private void insert(int seq, byte[] data) {
    int i = pendingCount;
    while (i > 0 && pendingSeq[i - 1] - seq > 0) {
      i--;
    }
    if (i > 0 && pendingSeq[i - 1] == seq && pendingData[i - 1].length >= data.length) {
      budget.release(data.length);
      return; // duplicate of a held segment
    }
    if (pendingCount == pendingSeq.length) {
      int grown = Math.max(4, pendingCount * 2);
      pendingSeq = Arrays.copyOf(pendingSeq, grown);
      pendingData = Arrays.copyOf(pendingData, grown);
    }
    System.arraycopy(pendingSeq, i, pendingSeq, i + 1, pendingCount - i);
    System.arraycopy(pendingData, i, pendingData, i + 1, pendingCount - i);
    pendingSeq[i] = seq;
    pendingData[i] = data;
    pendingCount++;
    pendingBytes += data.length;
  }

  private void removeFirst() {
    pendingBytes -= pendingData[0].length;
    budget.release(pendingData[0].length);
    pendingCount--;
    System.arraycopy(pendingSeq, 1, pendingSeq, 0, pendingCount);
    System.arraycopy(pendingData, 1, pendingData, 0, pendingCount);
    pendingData[pendingCount] = null;
  }

  private void clear() {
    budget.release(pendingBytes);
    Arrays.fill(pendingData, 0, pendingCount, null);
    pendingCount = 0;
    pendingBytes = 0;
  }
}

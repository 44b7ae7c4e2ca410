package io.ward.capture;

/**
 * Which worker owns a flow: a symmetric hash of the flow key picks one of a fixed number of
 * buckets, and each bucket belongs to one worker, so every packet of a flow, both directions, goes
 * to the same worker and results do not depend on the number of workers. Packets without a flow
 * (ARP, LLDP, fragments, undecodable) belong to worker 0, so their deduplication is the same as
 * with one worker.
 */
final class FlowShares {
  private static final int BUCKETS = 1024;

  private final int[] bucketOwner = new int[BUCKETS];

  /**
   * Shares for {@code workers} workers, worker 0 weighing {@code firstWeight} against 1 for each of
   * the others (a worker that also does other work takes fewer flows).
   */
  FlowShares(int workers, double firstWeight) {
    double total = firstWeight + (workers - 1);
    for (int b = 0; b < BUCKETS; b++) {
      double at = (b + 0.5) / BUCKETS * total;
      bucketOwner[b] = at < firstWeight ? 0 : Math.min(workers - 1, 1 + (int) (at - firstWeight));
    }
  }

  /** The worker owning the flow of a packet the decoder called {@link PacketDecoder#FLOW}. */
  int ownerOfFlow(Packet p) {
    boolean srcIsA =
        FlowTable.srcIsA(p.srcHigh, p.srcLow, p.srcPort, p.dstHigh, p.dstLow, p.dstPort);
    long hash =
        srcIsA
            ? FlowTable.hash(
                p.srcHigh, p.srcLow, p.dstHigh, p.dstLow, p.srcPort, p.dstPort, p.ipProto, p.vlan)
            : FlowTable.hash(
                p.dstHigh, p.dstLow, p.srcHigh, p.srcLow, p.dstPort, p.srcPort, p.ipProto, p.vlan);
    return bucketOwner[(int) (hash >>> 32) & (BUCKETS - 1)];
  }

  /** The worker owning a packet the decoder classified as {@code kind}. */
  int owner(int kind, Packet p) {
    return kind == PacketDecoder.FLOW ? ownerOfFlow(p) : 0;
  }
}

package io.ward.capture;

import io.ward.capture.dissect.ObservationSink;
import io.ward.model.Endpoint;
import io.ward.model.Facts;
import io.ward.model.Observation;
import io.ward.model.Transport;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Everything after reading for one thread: decode, flow table, TCP reassembly, dissectors, link
 * observations. With several workers each owns one processor and a disjoint share of the flows.
 */
final class PacketProcessor {
  /** A closed TCP flow (both FINs or a RST) lingers this long for its last ACKs (as Zeek does). */
  static final long CLOSE_LINGER_NANOS = TimeUnit.SECONDS.toNanos(5);

  /** {@link Transport#id()} of each transport, computed once rather than once per flow. */
  private static final String[] TRANSPORT_IDS =
      Arrays.stream(Transport.values()).map(Transport::id).toArray(String[]::new);

  private static final long SWEEP_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(1);

  /** Out-of-order TCP bytes held over all flows of all workers. */
  static final long REASSEMBLY_BUDGET_BYTES = 256L << 20;

  final Counters counters = new Counters();

  /** This worker's flows' endpoints, shared by the flows of one device. */
  final EndpointCache endpoints = new EndpointCache();

  final ProtocolMatcher matcher;
  private final ObservationSink sink;
  private final boolean dissect;
  private final long idleNanos;
  private final int reassemblyLimit;
  private final int maxFlows;
  private final PacketDecoder decoder = new PacketDecoder(counters);
  private final Packet packet = new Packet();
  private final FlowTable table = new FlowTable(4096);

  /**
   * TCP flows in the order they closed (both FINs or a RST), so that the sweep summarises each once
   * it has lingered {@link #CLOSE_LINGER_NANOS}. Without it a closed flow stayed in the table until
   * the idle timeout: with devices that open a connection per message that was two minutes of
   * finished connections held in memory (84,000 flows at 20,000 devices).
   */
  private final ArrayDeque<FlowState> closing = new ArrayDeque<>();

  private final LinkLayerObserver link = new LinkLayerObserver(this);
  private final Map<String, long[]> flowsByProtocol = new HashMap<>();
  private long nextSweepNanos = Long.MIN_VALUE;
  long flows;
  long fragments;
  long undecodable;

  private final ReassemblyBudget budget;

  /**
   * With workers that each read the whole capture: which packets this one processes; null when it
   * processes every packet it is given.
   */
  private final FlowShares shares;

  private final int self;

  /** A processor of every packet it is given. */
  PacketProcessor(
      CaptureOptions options, ProtocolMatcher matcher, ObservationSink sink, int maxFlows) {
    this(options, matcher, sink, maxFlows, null, 0);
  }

  /**
   * Worker {@code self} of workers that are each given every packet: it processes only those that
   * {@code shares} gives it (decoding the others only to find their owner); null shares, all.
   */
  PacketProcessor(
      CaptureOptions options,
      ProtocolMatcher matcher,
      ObservationSink sink,
      int maxFlows,
      FlowShares shares,
      int self) {
    this.shares = shares;
    this.self = self;
    this.budget = new ReassemblyBudget(REASSEMBLY_BUDGET_BYTES / options.workers());
    this.matcher = matcher;
    this.sink = sink;
    this.dissect = !options.decodeOnly();
    this.idleNanos = options.flowIdleTimeoutNanos();
    this.reassemblyLimit = options.reassemblyLimitBytes();
    this.maxFlows = maxFlows;
  }

  void process(PacketRecord r) {
    Packet p = packet;
    int kind = decoder.decode(r, p);
    if (shares != null && shares.owner(kind, p) != self) {
      // Another worker's packet. Its time still drives this worker's sweep, so that idle and closed
      // flows leave the table when they would with one worker, even while none of this worker's
      // own packets arrive (the output is the same either way; the memory held is not).
      if (r.epochNanos >= nextSweepNanos) {
        sweep(r.epochNanos);
      }
      return;
    }
    decoder.commitAnomaly();
    if (p.fragment) {
      fragments++;
    }
    switch (kind) {
      case PacketDecoder.FLOW:
        flow(p, r);
        break;
      case PacketDecoder.LINK:
        link.frame(p, r.epochNanos);
        break;
      case PacketDecoder.UNDECODABLE:
        undecodable++;
        break;
      default:
        break;
    }
    long now = r.epochNanos;
    if (now >= nextSweepNanos) {
      sweep(now);
    }
  }

  private void flow(Packet p, PacketRecord r) {
    boolean srcIsA =
        FlowTable.srcIsA(p.srcHigh, p.srcLow, p.srcPort, p.dstHigh, p.dstLow, p.dstPort);
    long aHigh = srcIsA ? p.srcHigh : p.dstHigh;
    long aLow = srcIsA ? p.srcLow : p.dstLow;
    long bHigh = srcIsA ? p.dstHigh : p.srcHigh;
    long bLow = srcIsA ? p.dstLow : p.srcLow;
    int aPort = srcIsA ? p.srcPort : p.dstPort;
    int bPort = srcIsA ? p.dstPort : p.srcPort;
    long hash = FlowTable.hash(aHigh, aLow, bHigh, bLow, aPort, bPort, p.ipProto, p.vlan);
    long now = r.epochNanos;
    FlowState f = table.find(hash, aHigh, aLow, bHigh, bLow, aPort, bPort, p.ipProto, p.vlan);
    boolean tcp = p.ipProto == Packet.PROTO_TCP;
    if (f != null
        && (expired(f, now)
            || (tcp
                && f.closed()
                && (p.tcpFlags & (Packet.TCP_SYN | Packet.TCP_ACK)) == Packet.TCP_SYN))) {
      finish(f); // idle too long, or a new connection reusing the ports of a closed one
      f = null;
    }
    if (f == null) {
      if (table.size() >= maxFlows) {
        finish(table.oldest());
      }
      f = create(p, hash, srcIsA, aHigh, aLow, bHigh, bLow, aPort, bPort, now);
      table.add(f);
    } else {
      table.touch(f);
    }
    int wire = r.wireLength;
    if (srcIsA) {
      f.aPackets++;
      f.aBytes += wire;
    } else {
      f.bPackets++;
      f.bBytes += wire;
    }
    f.nowNanos = now; // the time of the packet, for the macs and the session
    f.mac(srcIsA, p.srcMac, /* asSender= */ true);
    f.mac(!srcIsA, p.dstMac, /* asSender= */ false);
    if (now < f.firstNanos) {
      f.firstNanos = now;
    }
    if (now > f.lastNanos) {
      f.lastNanos = now;
    }
    if (tcp) {
      boolean wasClosed = f.closed();
      int flags = p.tcpFlags;
      if ((flags & Packet.TCP_RST) != 0) {
        f.reset = true;
      }
      if ((flags & Packet.TCP_FIN) != 0) {
        if (srcIsA) {
          f.aFin = true;
        } else {
          f.bFin = true;
        }
      }
      if (!wasClosed && f.closed()) {
        closing.addLast(f);
      }
    }
    if (f.state != FlowState.DONE) {
      deliver(f, p, srcIsA == f.clientIsA);
    }
  }

  private FlowState create(
      Packet p,
      long hash,
      boolean srcIsA,
      long aHigh,
      long aLow,
      long bHigh,
      long bLow,
      int aPort,
      int bPort,
      long now) {
    boolean srcIsClient = srcIsClient(p);
    FlowState f =
        new FlowState(
            this,
            hash,
            aHigh,
            aLow,
            bHigh,
            bLow,
            aPort,
            bPort,
            p.ipProto,
            p.vlan,
            srcIsClient == srcIsA);
    f.firstNanos = now;
    f.lastNanos = now;
    boolean tcp = p.ipProto == Packet.PROTO_TCP;
    if (!dissect
        || !(tcp || p.ipProto == Packet.PROTO_UDP)
        || !matcher.candidates(tcp, f.serverPort(), f.clientPort())) {
      f.state = FlowState.DONE;
    }
    return f;
  }

  /**
   * Who opened the conversation: the sender of a SYN, the receiver of a SYN-ACK; otherwise the side
   * not on a server port (for TCP with both or neither on one, the higher port); for UDP the sender
   * of the first datagram unless only it uses a server port.
   */
  private boolean srcIsClient(Packet p) {
    int flags = p.tcpFlags;
    if (p.ipProto == Packet.PROTO_TCP) {
      if ((flags & Packet.TCP_SYN) != 0) {
        return (flags & Packet.TCP_ACK) == 0;
      }
      boolean srcServer = matcher.isServerPort(true, p.srcPort);
      boolean dstServer = matcher.isServerPort(true, p.dstPort);
      if (srcServer != dstServer) {
        return dstServer;
      }
      return p.srcPort >= p.dstPort;
    }
    if (p.ipProto == Packet.PROTO_UDP) {
      if (fromServerToClientPort(p.srcPort, p.dstPort)) {
        return false;
      }
      return !(matcher.isServerPort(false, p.srcPort) && !matcher.isServerPort(false, p.dstPort));
    }
    return true;
  }

  /**
   * UDP services whose clients also use a fixed port below 1024, where the first datagram of a flow
   * is often the server's: DHCP (server 67, client 68; a reply goes to the leased address, a flow
   * of its own) and DHCPv6 (server 547, client 546). Both ports count as server ports otherwise,
   * and the sender of the first datagram, the DHCP server, was taken for the client.
   */
  private static boolean fromServerToClientPort(int srcPort, int dstPort) {
    return (srcPort == 67 && dstPort == 68) || (srcPort == 547 && dstPort == 546);
  }

  private void deliver(FlowState f, Packet p, boolean fromClient) {
    if (f.isTcp()) {
      if (p.payloadWireLength == 0 && (p.tcpFlags & Packet.TCP_SYN) == 0) {
        return;
      }
      TcpReassembler stream = fromClient ? f.clientStream : f.serverStream;
      if (stream == null) {
        stream = new TcpReassembler(fromClient, reassemblyLimit, budget);
        if (fromClient) {
          f.clientStream = stream;
        } else {
          f.serverStream = stream;
        }
      }
      stream.segment(
          p.seq, p.tcpFlags, p.buf, p.payloadOffset, p.payloadLength, p.payloadWireLength, f);
    } else if (p.payloadLength > 0) {
      f.data(fromClient, p.buf, p.payloadOffset, p.payloadLength);
    }
  }

  private boolean expired(FlowState f, long now) {
    long idle = now - f.lastNanos;
    return idle > idleNanos || (idle > CLOSE_LINGER_NANOS && f.closed());
  }

  /** Summarises flows idle past the timeout, oldest first, and closed flows past their linger. */
  private void sweep(long now) {
    FlowState f;
    while ((f = table.oldest()) != null && now - f.lastNanos > idleNanos) {
      finish(f);
    }
    // Closed flows, in the order they closed. One still busy with packets after its close goes
    // back to the end rather than hold up the rest: each sweep looks at each queued flow once.
    for (int n = closing.size(); n > 0; n--) {
      f = closing.pollFirst();
      if (f.summarised) {
        continue;
      }
      if (now - f.lastNanos > CLOSE_LINGER_NANOS) {
        finish(f);
      } else {
        closing.addLast(f);
      }
    }
    nextSweepNanos = now + SWEEP_INTERVAL_NANOS;
  }

  private void finish(FlowState f) {
    table.remove(f);
    summarise(f);
  }

  private void summarise(FlowState f) {
    f.summarised = true;
    f.close();
    sink.flow(f.toFlow());
    flows++;
    String key = f.appProtocol != null ? f.appProtocol : TRANSPORT_IDS[f.transport().ordinal()];
    flowsByProtocol.computeIfAbsent(key, k -> new long[1])[0]++;
  }

  /** Summarises every live flow: the capture ended. */
  void finishAll() {
    FlowState f = table.oldest();
    table.clear();
    closing.clear();
    while (f != null) {
      FlowState next = f.newer;
      summarise(f);
      f = next;
    }
  }

  /**
   * Hands an observation to the sink. Dissectors call this, and their exceptions are counted rather
   * than thrown: the sink's own are wrapped so that they fail the analysis instead (see {@link
   * SinkFailure}).
   */
  void emit(Observation o) {
    try {
      sink.observation(o);
    } catch (RuntimeException e) {
      throw new SinkFailure(e);
    }
  }

  /** As {@link #emit(Observation)}, for a set of facts about one subject. */
  void emit(long epochNanos, Endpoint subject, Facts facts) {
    try {
      sink.observations(epochNanos, subject, facts);
    } catch (RuntimeException e) {
      throw new SinkFailure(e);
    }
  }

  void addFlowsByProtocol(Map<String, Long> into) {
    flowsByProtocol.forEach((k, v) -> into.merge(k, v[0], Long::sum));
  }
}

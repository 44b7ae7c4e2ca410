package io.ward.capture;

import io.ward.capture.dissect.Dissector;
import io.ward.capture.dissect.DissectorSession;
import io.ward.capture.dissect.FlowContext;
import io.ward.model.Endpoint;
import io.ward.model.Facts;
import io.ward.model.Flow;
import io.ward.model.MacAddress;
import io.ward.model.Observation;
import io.ward.model.Transport;
import java.util.Objects;
import java.util.Optional;

/**
 * One live flow: its canonical key (side A sorts before side B), counters per side, and the state
 * of its dissection. Also the {@link FlowContext} its dissector session talks to, and the {@link
 * TcpReassembler.Receiver} of its two byte streams.
 */
final class FlowState implements FlowContext, TcpReassembler.Receiver {
  static final int PROBING = 0;
  static final int ACTIVE = 1;
  static final int DONE = 2;

  /**
   * Payload chunks (both directions together) offered to the probes before the flow is left
   * unrecognised: enough for a server banner, the client's first message and the reply.
   */
  static final int PROBE_BUDGET = 6;

  final long hash;
  final long aHigh;
  final long aLow;
  final long bHigh;
  final long bLow;
  final int aPort;
  final int bPort;
  final int proto;
  final int vlan;
  final boolean clientIsA;
  private final PacketProcessor owner;

  FlowState older;
  FlowState newer;

  long aMac = Packet.NO_MAC;
  long bMac = Packet.NO_MAC;
  boolean aMacFromSender;
  boolean bMacFromSender;
  long aPackets;
  long aBytes;
  long bPackets;
  long bBytes;
  long firstNanos;
  long lastNanos;
  boolean aFin;
  boolean bFin;

  /** Set once the flow is summarised: a queue that still holds it must skip it. */
  boolean summarised;

  boolean reset;

  int state;
  private int probesLeft = PROBE_BUDGET;
  private DissectorSession session;
  String appProtocol;
  boolean encrypted;
  TcpReassembler clientStream;
  TcpReassembler serverStream;

  /** Capture time of the packet being delivered to the session. */
  long nowNanos;

  private Endpoint clientEndpoint;
  private Endpoint serverEndpoint;

  /**
   * Whether the client's address is unspecified (0.0.0.0 or ::): a host sends from it only on its
   * own link and before it has an address, so every such host shares the flow, and each frame's
   * sender is a device of its own (see {@link Flow#otherClients}).
   */
  private final boolean clientUnspecified;

  /** Other devices that spoke as the client, or null: nearly every flow has none. */
  private OtherClients otherClients;

  FlowState(
      PacketProcessor owner,
      long hash,
      long aHigh,
      long aLow,
      long bHigh,
      long bLow,
      int aPort,
      int bPort,
      int proto,
      int vlan,
      boolean clientIsA) {
    this.owner = owner;
    this.hash = hash;
    this.aHigh = aHigh;
    this.aLow = aLow;
    this.bHigh = bHigh;
    this.bLow = bLow;
    this.aPort = aPort;
    this.bPort = bPort;
    this.proto = proto;
    this.vlan = vlan;
    this.clientIsA = clientIsA;
    this.clientUnspecified = clientIsA ? unspecified(aHigh, aLow) : unspecified(bHigh, bLow);
  }

  /** 0.0.0.0 (held IPv4-mapped, as the decoder does) or ::. */
  private static boolean unspecified(long high, long low) {
    return high == 0 && (low == 0 || low == 0x0000_FFFF_0000_0000L);
  }

  boolean closed() {
    return reset || (aFin && bFin);
  }

  boolean isTcp() {
    return proto == Packet.PROTO_TCP;
  }

  /**
   * Records the MAC seen for one side; a sender's own address beats a receiver's. Another sender on
   * a client side of unspecified address is another client, seen at {@link #nowNanos}.
   */
  void mac(boolean sideA, long mac, boolean asSender) {
    if (mac == Packet.NO_MAC) {
      return;
    }
    if (sideA) {
      if (aMac == Packet.NO_MAC || (asSender && !aMacFromSender)) {
        aMac = mac;
        aMacFromSender = asSender;
        clientEndpoint = null;
        serverEndpoint = null;
      } else if (mac != aMac && asSender && clientUnspecified && clientIsA) {
        anotherSender(mac);
      }
    } else if (bMac == Packet.NO_MAC || (asSender && !bMacFromSender)) {
      bMac = mac;
      bMacFromSender = asSender;
      clientEndpoint = null;
      serverEndpoint = null;
    } else if (mac != bMac && asSender && clientUnspecified && !clientIsA) {
      anotherSender(mac);
    }
  }

  /**
   * A frame sent from the client's unspecified address by another device than the client: known by
   * its MAC alone, as the address names no one.
   */
  private void anotherSender(long mac) {
    if (otherClients == null) {
      otherClients = new OtherClients();
    } else if (otherClients.repeatSender(mac, nowNanos)) {
      return;
    }
    if (!otherClients.addSender(mac, Endpoint.ofMac(new MacAddress(mac), vlan), nowNanos)) {
      owner.counters.add(Anomaly.FLOW_TOO_MANY_CLIENTS);
    }
  }

  // ---- dissection -------------------------------------------------------------------------

  /** Payload bytes in order for one direction (a datagram, or a piece of a TCP stream). */
  @Override
  public boolean data(boolean fromClient, byte[] buf, int offset, int length) {
    if (state == PROBING) {
      Dissector d =
          owner.matcher.probe(
              isTcp(), serverPort(), clientPort(), buf, offset, length, fromClient, owner.counters);
      if (d == null) {
        if (--probesLeft <= 0) {
          stop();
        }
        return state != DONE;
      }
      appProtocol = d.protocol();
      encrypted |= d.encrypted();
      try {
        session = d.open(this);
      } catch (SinkFailure e) {
        throw e;
      } catch (RuntimeException e) {
        failed();
        return false;
      }
      if (session == null) {
        stop();
        return false;
      }
      state = ACTIVE;
    }
    if (state != ACTIVE) {
      return false;
    }
    try {
      if (!session.onData(fromClient, nowNanos, buf, offset, length)) {
        stop();
      }
    } catch (SinkFailure e) {
      throw e;
    } catch (RuntimeException e) {
      failed();
    }
    return state == ACTIVE;
  }

  @Override
  public boolean gap(boolean fromClient, long missingBytes) {
    owner.counters.add(Anomaly.TCP_REASSEMBLY_GAP);
    if (state == PROBING) {
      return true;
    }
    if (state != ACTIVE) {
      return false;
    }
    try {
      if (!session.onGap(fromClient, missingBytes)) {
        stop();
      }
    } catch (SinkFailure e) {
      throw e;
    } catch (RuntimeException e) {
      failed();
    }
    return state == ACTIVE;
  }

  /** Ends dissection: no more payload for this flow (the flow itself is still counted). */
  void stop() {
    state = DONE;
    if (clientStream != null) {
      clientStream.release();
    }
    if (serverStream != null) {
      serverStream.release();
    }
    clientStream = null;
    serverStream = null;
  }

  private void failed() {
    owner.counters.add("dissector." + appProtocol + ".exception");
    stop();
  }

  /** Delivers held TCP bytes and tells the session the flow ended. */
  void close() {
    if (state != DONE && clientStream != null) {
      clientStream.flush(this);
    }
    if (state != DONE && serverStream != null) {
      serverStream.flush(this);
    }
    stop();
    if (session != null) {
      try {
        session.onClose();
      } catch (SinkFailure e) {
        throw e;
      } catch (RuntimeException e) {
        owner.counters.add("dissector." + appProtocol + ".exception");
      }
      session = null;
    }
  }

  // ---- summary ----------------------------------------------------------------------------

  Transport transport() {
    switch (proto) {
      case Packet.PROTO_TCP:
        return Transport.TCP;
      case Packet.PROTO_UDP:
        return Transport.UDP;
      case Packet.PROTO_ICMP:
        return Transport.ICMP;
      case Packet.PROTO_ICMPV6:
        return Transport.ICMPV6;
      default:
        return Transport.OTHER;
    }
  }

  Flow toFlow() {
    return new Flow(
        client(),
        clientPort(),
        server(),
        serverPort(),
        transport(),
        vlan,
        Optional.ofNullable(appProtocol),
        encrypted,
        clientIsA ? aPackets : bPackets,
        clientIsA ? aBytes : bBytes,
        clientIsA ? bPackets : aPackets,
        clientIsA ? bBytes : aBytes,
        firstNanos,
        lastNanos,
        otherClients == null ? java.util.List.of() : otherClients.list());
  }

  private Endpoint endpoint(boolean sideA) {
    return sideA
        ? owner.endpoints.of(aMac, aHigh, aLow, vlan)
        : owner.endpoints.of(bMac, bHigh, bLow, vlan);
  }

  // ---- FlowContext ------------------------------------------------------------------------

  @Override
  public Endpoint client() {
    if (clientEndpoint == null) {
      clientEndpoint = endpoint(clientIsA);
    }
    return clientEndpoint;
  }

  @Override
  public Endpoint server() {
    if (serverEndpoint == null) {
      serverEndpoint = endpoint(!clientIsA);
    }
    return serverEndpoint;
  }

  @Override
  public int clientPort() {
    return clientIsA ? aPort : bPort;
  }

  @Override
  public int serverPort() {
    return clientIsA ? bPort : aPort;
  }

  @Override
  public void observe(boolean aboutClient, long epochNanos, String field, String value) {
    observe(aboutClient ? client() : server(), epochNanos, field, value);
  }

  @Override
  public void observe(Endpoint subject, long epochNanos, String field, String value) {
    Objects.requireNonNull(subject, "subject");
    owner.emit(new Observation(epochNanos, subject, field, value));
  }

  @Override
  public void observe(boolean aboutClient, long epochNanos, Facts facts) {
    if (facts.size() > 0) {
      owner.emit(epochNanos, aboutClient ? client() : server(), facts);
    }
  }

  @Override
  public void alsoClient(Endpoint endpoint, long epochNanos) {
    Objects.requireNonNull(endpoint, "endpoint");
    if (endpoint.equals(client())) {
      return;
    }
    if (otherClients == null) {
      otherClients = new OtherClients();
    }
    if (!otherClients.add(endpoint, epochNanos)) {
      owner.counters.add(Anomaly.FLOW_TOO_MANY_CLIENTS);
    }
  }

  @Override
  public void anomaly(String kind) {
    owner.counters.add(kind == null ? "anomaly.unnamed" : kind);
  }

  @Override
  public void markEncrypted() {
    encrypted = true;
  }
}

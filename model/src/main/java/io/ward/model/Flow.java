package io.ward.model;

import java.util.List;
import java.util.Optional;

/**
 * A bidirectional conversation summarised when it ends or when the capture ends. The client is the
 * side that sent the TCP SYN, or else the side using the non-well-known port.
 *
 * @param appProtocol application protocol recognised by payload (e.g. {@code hl7}, {@code dicom},
 *     {@code tls}), or empty when none was recognised
 * @param encrypted true when the application protocol protects its payload (TLS, SSH, SNMPv3…)
 * @param otherClients devices other than {@code client} that also spoke as this flow's client,
 *     empty on nearly every flow: before DHCP gives them an address, every client sends from
 *     0.0.0.0:68 to 255.255.255.255:67, one flow key for all of them, and a DHCP message names its
 *     client (chaddr) apart from the frame's sender. Their packets and bytes are counted with the
 *     client's.
 */
public record Flow(
    Endpoint client,
    int clientPort,
    Endpoint server,
    int serverPort,
    Transport transport,
    int vlan,
    Optional<String> appProtocol,
    boolean encrypted,
    long clientPackets,
    long clientBytes,
    long serverPackets,
    long serverBytes,
    long firstSeenEpochNanos,
    long lastSeenEpochNanos,
    List<OtherClient> otherClients) {

  public Flow {
    if (lastSeenEpochNanos < firstSeenEpochNanos) {
      throw new IllegalArgumentException("flow ends before it starts");
    }
    otherClients = List.copyOf(otherClients);
  }

  /** A flow with no client but {@code client}. */
  public Flow(
      Endpoint client,
      int clientPort,
      Endpoint server,
      int serverPort,
      Transport transport,
      int vlan,
      Optional<String> appProtocol,
      boolean encrypted,
      long clientPackets,
      long clientBytes,
      long serverPackets,
      long serverBytes,
      long firstSeenEpochNanos,
      long lastSeenEpochNanos) {
    this(
        client,
        clientPort,
        server,
        serverPort,
        transport,
        vlan,
        appProtocol,
        encrypted,
        clientPackets,
        clientBytes,
        serverPackets,
        serverBytes,
        firstSeenEpochNanos,
        lastSeenEpochNanos,
        List.of());
  }

  /** Another client of a flow (see {@link Flow#otherClients}) and when it was seen on it. */
  public record OtherClient(Endpoint endpoint, long firstSeenEpochNanos, long lastSeenEpochNanos) {
    public OtherClient {
      java.util.Objects.requireNonNull(endpoint, "endpoint");
      if (lastSeenEpochNanos < firstSeenEpochNanos) {
        throw new IllegalArgumentException("seen last before first");
      }
    }
  }

  /** Packets in both directions. */
  public long packets() {
    return clientPackets + serverPackets;
  }

  /** Bytes in both directions (layer-2 frame lengths as captured on the wire). */
  public long bytes() {
    return clientBytes + serverBytes;
  }
}

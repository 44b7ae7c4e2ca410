package io.ward.model;

import java.util.Optional;

/**
 * A bidirectional conversation summarised when it ends or when the capture ends. The client is the
 * side that sent the TCP SYN, or else the side using the non-well-known port.
 *
 * @param appProtocol application protocol recognised by payload (e.g. {@code hl7}, {@code dicom},
 *     {@code tls}), or empty when none was recognised
 * @param encrypted true when the application protocol protects its payload (TLS, SSH, SNMPv3…)
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
    long lastSeenEpochNanos) {

  public Flow {
    if (lastSeenEpochNanos < firstSeenEpochNanos) {
      throw new IllegalArgumentException("flow ends before it starts");
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

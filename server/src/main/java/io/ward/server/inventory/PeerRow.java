package io.ward.server.inventory;

import java.time.Instant;

/**
 * Traffic between a device and one peer over one protocol, summed over the stored flow hours.
 *
 * @param peerId the peer's storage id
 * @param peerKey the peer's engine id
 * @param peerName the peer's display name
 * @param protocol application protocol, or the transport when none was recognised
 * @param asClient true when the device initiated (the peer served)
 * @param serverPort the server port of the most recent hour
 * @param flows flows counted
 * @param packets packets both ways
 * @param bytes bytes both ways
 * @param cleartextFlows flows of a clinical or management protocol without encryption
 * @param firstHour the first hour with traffic
 * @param lastHour the last hour with traffic
 */
public record PeerRow(
    long peerId,
    String peerKey,
    String peerName,
    String protocol,
    boolean asClient,
    int serverPort,
    long flows,
    long packets,
    long bytes,
    long cleartextFlows,
    Instant firstHour,
    Instant lastHour) {}

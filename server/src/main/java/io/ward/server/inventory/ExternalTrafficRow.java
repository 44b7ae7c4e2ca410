package io.ward.server.inventory;

import io.ward.model.IpAddress;

/**
 * One device's traffic with one external endpoint over a capture, both directions.
 *
 * @param deviceKey the device's engine id
 * @param ip the external endpoint's address
 * @param flows flows between the two
 * @param packets packets of those flows, both directions
 * @param bytes bytes of those flows, both directions
 * @param firstSeenEpochNanos when the first of them started
 * @param lastSeenEpochNanos when the last of them was last seen
 */
public record ExternalTrafficRow(
    String deviceKey,
    IpAddress ip,
    long flows,
    long packets,
    long bytes,
    long firstSeenEpochNanos,
    long lastSeenEpochNanos) {

  ExternalTrafficRow plus(ExternalTrafficRow o) {
    return new ExternalTrafficRow(
        deviceKey,
        ip,
        flows + o.flows,
        packets + o.packets,
        bytes + o.bytes,
        Math.min(firstSeenEpochNanos, o.firstSeenEpochNanos),
        Math.max(lastSeenEpochNanos, o.lastSeenEpochNanos));
  }
}

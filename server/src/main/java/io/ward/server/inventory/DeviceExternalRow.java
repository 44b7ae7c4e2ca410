package io.ward.server.inventory;

import java.time.Instant;
import java.util.List;

/**
 * An external endpoint one device talked with, and that device's own traffic with it.
 *
 * @param endpointId the endpoint's storage id
 * @param ip its address
 * @param hostnames names it was seen under, newest first
 * @param protocols application protocols of its flows (with every device), sorted
 * @param deviceCount how many devices talked with it, this one included
 * @param flows flows between this device and the endpoint
 * @param packets packets of those flows, both directions
 * @param bytes bytes of those flows, both directions
 * @param firstSeen when the first of them started
 * @param lastSeen when the last of them was last seen
 * @param reasons ids of the rules that made it external, sorted; empty when not recorded
 */
public record DeviceExternalRow(
    long endpointId,
    String ip,
    List<String> hostnames,
    List<String> protocols,
    int deviceCount,
    long flows,
    long packets,
    long bytes,
    Instant firstSeen,
    Instant lastSeen,
    List<String> reasons) {

  public DeviceExternalRow {
    hostnames = List.copyOf(hostnames);
    protocols = List.copyOf(protocols);
    reasons = List.copyOf(reasons);
  }
}

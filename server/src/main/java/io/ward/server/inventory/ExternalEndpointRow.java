package io.ward.server.inventory;

import java.time.Instant;
import java.util.List;

/**
 * One stored external endpoint, summed over every capture that showed it.
 *
 * @param id the storage id
 * @param ip its address
 * @param hostnames names it was seen under (DNS answers, TLS server names), newest first
 * @param protocols application protocols of its flows, sorted
 * @param flows flows it took part in, all devices together
 * @param packets packets of those flows, both directions
 * @param bytes bytes of those flows, both directions
 * @param deviceCount how many devices talked with it
 * @param captures how many ingested captures showed it
 * @param firstSeen capture time it was first seen
 * @param lastSeen capture time it was last seen
 * @param reasons ids of the rules that made it external in the captures that showed it ({@code
 *     behind-router}, {@code no-link-layer}), sorted; empty when not recorded
 * @param devices the devices that talked with it, most flows first, as many as asked for
 */
public record ExternalEndpointRow(
    long id,
    String ip,
    List<String> hostnames,
    List<String> protocols,
    long flows,
    long packets,
    long bytes,
    int deviceCount,
    int captures,
    Instant firstSeen,
    Instant lastSeen,
    List<String> reasons,
    List<Talker> devices) {

  public ExternalEndpointRow {
    hostnames = List.copyOf(hostnames);
    protocols = List.copyOf(protocols);
    reasons = List.copyOf(reasons);
    devices = List.copyOf(devices);
  }

  /** This row with the devices listed. */
  ExternalEndpointRow withDevices(List<Talker> listed) {
    return new ExternalEndpointRow(
        id,
        ip,
        hostnames,
        protocols,
        flows,
        packets,
        bytes,
        deviceCount,
        captures,
        firstSeen,
        lastSeen,
        reasons,
        listed);
  }

  /**
   * A device that talked with the endpoint, and its own traffic with it.
   *
   * @param deviceId the device's storage id
   * @param deviceKey its engine id
   * @param deviceName its display name
   * @param flows flows between the two (0 when the inventory named the device without flows of its
   *     own resolving to it)
   * @param packets packets of those flows, both directions
   * @param bytes bytes of those flows, both directions
   * @param firstSeen when the first of them started
   * @param lastSeen when the last of them was last seen
   */
  public record Talker(
      long deviceId,
      String deviceKey,
      String deviceName,
      long flows,
      long packets,
      long bytes,
      Instant firstSeen,
      Instant lastSeen) {}
}

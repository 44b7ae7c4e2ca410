package io.ward.server.api;

import io.ward.server.inventory.DeviceExternalRow;
import io.ward.server.inventory.ExternalEndpointRow;
import java.time.Instant;
import java.util.List;

/**
 * An external endpoint as the API shows it: an internet host the devices talked to, summed over
 * every capture ingested, with the devices that talked with it.
 *
 * @param ip its address
 * @param hostnames names it was seen under (DNS answers, TLS server names), newest first
 * @param protocols application protocols of its flows, sorted
 * @param flows flows it took part in, all devices together
 * @param packets packets of those flows, both directions
 * @param bytes bytes of those flows, both directions
 * @param deviceCount how many devices talked with it
 * @param captures how many ingested captures showed it
 * @param reasons why it is an internet host, by the captures that showed it, sorted: {@code
 *     behind-router} (only a router's frames carried it), {@code no-link-layer} (a capture carried
 *     no MAC for it, and it talked with a private or internal address); empty when not recorded
 *     (stored before reasons were)
 * @param devices the devices that talked with it, most flows first: the 20 busiest in a listing, up
 *     to {@code limit} for one endpoint
 */
public record ExternalEndpointJson(
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

  /** The view of a stored endpoint. */
  public static ExternalEndpointJson of(ExternalEndpointRow r) {
    return new ExternalEndpointJson(
        r.id(),
        r.ip(),
        r.hostnames(),
        r.protocols(),
        r.flows(),
        r.packets(),
        r.bytes(),
        r.deviceCount(),
        r.captures(),
        r.firstSeen(),
        r.lastSeen(),
        r.reasons(),
        r.devices().stream().map(Talker::of).toList());
  }

  /**
   * A device that talked with the endpoint, and its own traffic with it.
   *
   * @param id the device's id (as in {@code /api/v1/devices/{id}})
   * @param key its Ward id
   * @param name its display name
   * @param flows flows between the two
   */
  public record Talker(
      long id,
      String key,
      String name,
      long flows,
      long packets,
      long bytes,
      Instant firstSeen,
      Instant lastSeen) {

    static Talker of(ExternalEndpointRow.Talker t) {
      return new Talker(
          t.deviceId(),
          t.deviceKey(),
          t.deviceName(),
          t.flows(),
          t.packets(),
          t.bytes(),
          t.firstSeen(),
          t.lastSeen());
    }
  }

  /**
   * An external endpoint one device talked with, in that device's detail.
   *
   * @param id the endpoint's id (as in {@code /api/v1/external-endpoints/{id}})
   * @param deviceCount how many devices talked with it, this one included
   * @param flows flows between this device and the endpoint
   * @param packets packets of those flows, both directions
   * @param bytes bytes of those flows, both directions
   * @param firstSeen when the first of them started
   * @param lastSeen when the last of them was last seen
   * @param reasons why it is an internet host, as {@link ExternalEndpointJson#reasons}
   */
  public record Contact(
      long id,
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

    /** The view of a stored row. */
    public static Contact of(DeviceExternalRow r) {
      return new Contact(
          r.endpointId(),
          r.ip(),
          r.hostnames(),
          r.protocols(),
          r.deviceCount(),
          r.flows(),
          r.packets(),
          r.bytes(),
          r.firstSeen(),
          r.lastSeen(),
          r.reasons());
    }
  }
}

package io.ward.model;

import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * An address beyond the hospital's network that its devices talked to: a public address seen only
 * behind a router's MAC (or, where the capture had no link layer for it, one that talked with a
 * private or declared-internal address), outside every range declared internal, that spoke no
 * clinical protocol. It is not a device of the inventory; it is listed so that what devices talk to
 * stays visible.
 *
 * @param ip the address
 * @param hostnames names it was seen under (DNS answers, TLS server names), sorted
 * @param protocols application protocols of its flows, sorted
 * @param flows flows it took part in
 * @param packets packets of those flows, both directions
 * @param bytes bytes of those flows, both directions
 * @param deviceIds ids of the inventory's devices that talked with it, sorted, at most {@link
 *     #MAX_LISTED_DEVICES}
 * @param deviceCount how many devices talked with it, listed or not
 * @param deviceCountExact false when it had more peers than the inventory keeps per address
 *     (65,536, the smallest kept): {@code deviceCount} is then a lower bound
 * @param reason which rule made it external
 */
public record ExternalEndpoint(
    IpAddress ip,
    List<String> hostnames,
    Set<String> protocols,
    long flows,
    long packets,
    long bytes,
    long firstSeenEpochNanos,
    long lastSeenEpochNanos,
    List<String> deviceIds,
    int deviceCount,
    boolean deviceCountExact,
    Reason reason) {

  /** Which rule made an address external: the evidence differs, and so must what is said of it. */
  public enum Reason {
    /** Only a router's frames carried it: no frame, ARP reply or DHCP lease bound it to a MAC. */
    BEHIND_ROUTER("behind-router", "only behind a router"),
    /**
     * The capture carried no MAC for it (raw IP, a Linux cooked capture's tunnel interfaces), and
     * it exchanged a flow with a private or declared-internal address.
     */
    NO_LINK_LAYER(
        "no-link-layer", "with no link layer (no MAC), talking with a private or internal address");

    private final String id;
    private final String description;

    Reason(String id, String description) {
      this.id = id;
      this.description = description;
    }

    /** The name in the inventory JSON, the API and storage. */
    public String id() {
      return id;
    }

    /**
     * How a capture showed the address, for messages: "a capture saw it " + description, "a public
     * address seen " + description.
     */
    public String description() {
      return description;
    }

    /** The reason named {@code id}, if any. */
    public static Optional<Reason> fromId(String id) {
      for (Reason r : values()) {
        if (r.id.equals(id)) {
          return Optional.of(r);
        }
      }
      return Optional.empty();
    }
  }

  /** Device ids listed per endpoint: a cloud service that every workstation uses lists a few. */
  public static final int MAX_LISTED_DEVICES = 20;

  /**
   * Protocols only a hospital's own systems speak (HL7, DICOM, POCT1-A, ASTM): a host that used one
   * is a device, never an external endpoint.
   */
  public static final Set<String> CLINICAL_PROTOCOLS = Set.of("hl7", "dicom", "poct1a", "astm");

  /**
   * Why a host is a device whatever else it did (the inventory's rule when it splits a capture, the
   * server's when it reconciles stored hosts): a clinical protocol, DICOM AE titles, HL7
   * applications, or a medical device; empty when none holds.
   */
  public static Optional<String> clinicalReason(
      boolean medical,
      Collection<String> protocols,
      Collection<String> aeTitles,
      Collection<String> hl7Applications) {
    List<String> spoke =
        new TreeSet<>(protocols).stream().filter(CLINICAL_PROTOCOLS::contains).toList();
    if (!spoke.isEmpty()) {
      return Optional.of("it spoke " + String.join(", ", spoke));
    }
    if (!aeTitles.isEmpty()) {
      return Optional.of("it has DICOM AE titles");
    }
    if (!hl7Applications.isEmpty()) {
      return Optional.of("it has HL7 applications");
    }
    return medical ? Optional.of("it is a medical device") : Optional.empty();
  }

  public ExternalEndpoint {
    Objects.requireNonNull(ip, "ip");
    Objects.requireNonNull(reason, "reason");
    hostnames = List.copyOf(hostnames);
    protocols = Set.copyOf(protocols);
    deviceIds = List.copyOf(deviceIds);
    if (deviceIds.size() > MAX_LISTED_DEVICES || deviceCount < deviceIds.size()) {
      throw new IllegalArgumentException(
          "at most " + MAX_LISTED_DEVICES + " device ids, and no more than deviceCount");
    }
  }
}

package io.ward.inventory;

import io.ward.model.Endpoint;
import io.ward.model.IpAddress;
import java.util.Objects;

/**
 * The client, server and protocol of the flows {@link InputStore} counted most recently, with the
 * records they landed in. A device that opens a connection per message (an HL7 feed, a DICOM
 * modality) repeats the same triple flow after flow; a repeat then only counts the flow and its
 * times, without making endpoint keys and finding records, and without offering the peers again
 * (which cannot change anything: see {@link #find}). On the 1.5M-packet bench capture, flows took a
 * twelfth of the analysis this way.
 *
 * <p>Direct-mapped and reused in place like {@link RecentFacts}. Not thread-safe.
 */
final class RecentFlows {

  /** A power of two; a hospital's distinct client-server-protocol triples fit many times over. */
  static final int SLOTS = 16_384;

  /** One remembered triple and the records of its two ends (null when an end names no device). */
  static final class Slot {
    private final long[] addresses = new long[6]; // client mac, ip high, ip low; server the same
    private int presence; // bit 0: client IP present, bit 1: server IP present
    private String protocol;
    // The endpoints last remembered: the capture engine shares one Endpoint per address, so most
    // repeats are these very objects and need no address comparison.
    private Endpoint clientEndpoint;
    private Endpoint serverEndpoint;
    KeyRecord client;
    KeyRecord server;
  }

  private final Slot[] slots;

  RecentFlows() {
    this(SLOTS);
  }

  /** With {@code slots} slots, a power of two (tests use one, so that every flow collides). */
  RecentFlows(int slots) {
    SubjectSlot.checkSlots(slots);
    this.slots = new Slot[slots];
  }

  /**
   * The slot of a triple counted before, or null. Offering a counted peer again changes nothing:
   * each record keeps the smallest peers, so a peer it dropped stays larger than all it keeps.
   */
  Slot find(Endpoint client, Endpoint server, String protocol) {
    Slot s = slots[index(client, server, protocol)];
    if (s == null || !Objects.equals(s.protocol, protocol)) {
      return null;
    }
    if (s.clientEndpoint == client && s.serverEndpoint == server) {
      return s;
    }
    return s.presence == presence(client, server)
            && same(s.addresses, 0, client)
            && same(s.addresses, 3, server)
        ? s
        : null;
  }

  /** Remembers the records a triple landed in, replacing whatever shared its slot. */
  void remember(
      Endpoint client,
      Endpoint server,
      String protocol,
      KeyRecord clientRecord,
      KeyRecord serverRecord) {
    int i = index(client, server, protocol);
    Slot s = slots[i];
    if (s == null) {
      s = new Slot();
      slots[i] = s;
    }
    put(s.addresses, 0, client);
    put(s.addresses, 3, server);
    s.presence = presence(client, server);
    s.clientEndpoint = client;
    s.serverEndpoint = server;
    s.protocol = protocol;
    s.client = clientRecord;
    s.server = serverRecord;
  }

  private static int presence(Endpoint client, Endpoint server) {
    return (client.ip().isPresent() ? 1 : 0) | (server.ip().isPresent() ? 2 : 0);
  }

  private static boolean same(long[] a, int at, Endpoint e) {
    IpAddress ip = e.ip().orElse(null);
    return a[at] == SubjectSlot.mac(e)
        && (ip == null || a[at + 1] == ip.high() && a[at + 2] == ip.low());
  }

  private static void put(long[] a, int at, Endpoint e) {
    IpAddress ip = e.ip().orElse(null);
    a[at] = SubjectSlot.mac(e);
    a[at + 1] = ip == null ? 0 : ip.high();
    a[at + 2] = ip == null ? 0 : ip.low();
  }

  private int index(Endpoint client, Endpoint server, String protocol) {
    long h =
        SubjectSlot.mac(client) * 0x9E3779B97F4A7C15L
            + SubjectSlot.mac(server) * 0xC2B2AE3D27D4EB4FL;
    IpAddress ci = client.ip().orElse(null);
    IpAddress si = server.ip().orElse(null);
    if (ci != null) {
      h ^= ci.high() * 0x165667B19E3779F9L + ci.low() * 0x27D4EB2F165667C5L;
    }
    if (si != null) {
      h += si.high() * 0x85EBCA77C2B2AE63L + si.low() * 0xFF51AFD7ED558CCDL;
    }
    h += protocol == null ? 0 : protocol.hashCode();
    h ^= h >>> 31;
    h *= 0xBF58476D1CE4E5B9L;
    return (int) (h ^ (h >>> 32)) & (slots.length - 1);
  }
}

package io.ward.inventory;

import io.ward.model.Endpoint;
import io.ward.model.Flow;
import io.ward.model.IpAddress;
import io.ward.model.MacAddress;
import io.ward.model.Observation;
import io.ward.model.ObservationFields;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The aggregated input of one analysis: a {@link KeyRecord} per endpoint, and MAC↔IP bindings. */
final class InputStore {

  /** Fields that describe an address without showing it is in use (a DNS answer may be stale). */
  static final Set<String> ATTACH_ONLY = Set.of(ObservationFields.DNS_NAME);

  /** Fields whose value is an IP address the subject's MAC holds. */
  private static final Set<String> BINDING_FIELDS =
      Set.of(ObservationFields.DHCP_LEASED_IP, ObservationFields.DHCP_REQUESTED_IP);

  /** Fields paired by capture time (MSH-3 with MSH-4, MSH-5 with MSH-6 of one message). */
  private static final Set<String> TIMED_FIELDS =
      Set.of(
          ObservationFields.HL7_SENDING_APP,
          ObservationFields.HL7_SENDING_FACILITY,
          ObservationFields.HL7_RECEIVING_APP,
          ObservationFields.HL7_RECEIVING_FACILITY);

  private final KnowledgeBase kb;
  final Map<EndpointKey, KeyRecord> records = new HashMap<>();

  /** Port names by transport and port, so a flow costs no string building to name its service. */
  private final Map<Integer, Optional<String>> portNames = new HashMap<>();

  InputStore(KnowledgeBase kb) {
    this(kb, new RecentFacts(), new RecentFlows());
  }

  /** With the given caches of recent facts and flows (tests make every entry share one slot). */
  InputStore(KnowledgeBase kb, RecentFacts recent, RecentFlows recentFlows) {
    this.kb = kb;
    this.recent = recent;
    this.recentFlows = recentFlows;
  }

  // The subject of the previous observation, its key and record: a dissector reports several facts
  // about one endpoint in a row, with the same Endpoint object, so most lookups are skipped.
  private Endpoint lastSubject;
  private Optional<EndpointKey> lastKey = Optional.empty();
  private KeyRecord lastRecord;

  private final RecentFacts recent;
  private final RecentFlows recentFlows;

  void add(Observation o) {
    String value = o.value();
    if (value.isBlank()) {
      return;
    }
    Endpoint subject = o.subject();
    String field = o.field();
    RecentFacts.Slot known = recent.find(subject, field, value);
    if (known != null) {
      // Counted before: the same effects as below, without finding the record, field and value.
      KeyRecord r = known.record;
      r.observations++;
      r.seen(o.epochNanos(), subject.vlan());
      known.stat.add(o.epochNanos(), known.keepTime);
      return;
    }
    if (subject != lastSubject) {
      lastSubject = subject;
      lastKey = EndpointKey.of(subject);
      lastRecord = lastKey.isPresent() ? record(lastKey.get()) : null;
    }
    if (lastRecord == null) {
      return;
    }
    Optional<EndpointKey> key = lastKey;
    KeyRecord r = lastRecord;
    r.observations++;
    r.seen(o.epochNanos(), subject.vlan());
    boolean keepTime = TIMED_FIELDS.contains(field);
    ValueStat stat = r.value(field, value.trim(), o.epochNanos(), keepTime);
    boolean arpIp = field.equals(ObservationFields.ARP_IP);
    if (arpIp && key.get().ip().isPresent()) {
      r.strongBindings++;
    }
    boolean binding = BINDING_FIELDS.contains(field);
    if (binding && key.get().mac().isPresent()) {
      bind(key.get().mac().get(), value, o.epochNanos(), subject.vlan());
    }
    if (!arpIp && !binding && !stat.dropped) {
      // Address facts do more than count (bindings), so only plain facts take the short path.
      recent.remember(subject, field, value, r, stat, keepTime);
    }
  }

  /** A DHCP lease names the IP the client's MAC holds: recorded as a key of its own. */
  private void bind(MacAddress mac, String ipText, long epochNanos, int vlan) {
    IpAddress ip;
    try {
      ip = IpAddress.parse(ipText.trim());
    } catch (IllegalArgumentException e) {
      return; // a dissector bug or a hostile value; nothing to bind
    }
    Optional<EndpointKey> key = EndpointKey.of(Optional.of(mac), Optional.of(ip));
    if (key.isEmpty() || key.get().ip().isEmpty()) {
      return;
    }
    KeyRecord r = record(key.get());
    r.strongBindings++;
    r.seen(epochNanos, vlan);
  }

  void add(Flow f) {
    Optional<String> protocol = protocol(f);
    String protocolName = protocol.orElse(null);
    RecentFlows.Slot known = recentFlows.find(f.client(), f.server(), protocolName);
    if (known != null) {
      // Counted before: the flow and its times, as below; the peers are already there.
      counted(known.client, f);
      counted(known.server, f);
      return;
    }
    Optional<EndpointKey> client = EndpointKey.of(f.client());
    Optional<EndpointKey> server = EndpointKey.of(f.server());
    KeyRecord clientRecord = client.isPresent() ? record(client.get()) : null;
    KeyRecord serverRecord = server.isPresent() ? record(server.get()) : null;
    counted(clientRecord, f);
    counted(serverRecord, f);
    if (protocol.isPresent()) {
      if (clientRecord != null) {
        clientRecord.server(protocol.get(), server);
      }
      if (serverRecord != null) {
        serverRecord.client(protocol.get(), client);
      }
    }
    recentFlows.remember(f.client(), f.server(), protocolName, clientRecord, serverRecord);
  }

  private static void counted(KeyRecord r, Flow f) {
    if (r != null) {
      r.flows++;
      r.seen(f.firstSeenEpochNanos(), f.vlan());
      r.seen(f.lastSeenEpochNanos(), f.vlan());
    }
  }

  /** Adds everything {@code other} holds: the store of another part of the same input. */
  void merge(InputStore other) {
    other.records.forEach((key, r) -> record(key).merge(r));
  }

  /** The application protocol, or the protocol named by the well-known server port. */
  private Optional<String> protocol(Flow f) {
    if (f.appProtocol().isPresent() && !f.appProtocol().get().isBlank()) {
      return Optional.of(f.appProtocol().get().trim().toLowerCase(Locale.ROOT));
    }
    int key = f.transport().ordinal() << 16 | (f.serverPort() & 0xFFFF);
    Optional<String> name = portNames.get(key);
    if (name == null) {
      name = kb.portName(f.transport().id(), f.serverPort());
      portNames.put(key, name);
    }
    return name;
  }

  private KeyRecord record(EndpointKey key) {
    return records.computeIfAbsent(key, k -> new KeyRecord());
  }
}

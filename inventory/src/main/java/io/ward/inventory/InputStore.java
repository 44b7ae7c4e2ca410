package io.ward.inventory;

import io.ward.model.Endpoint;
import io.ward.model.Facts;
import io.ward.model.Flow;
import io.ward.model.IpAddress;
import io.ward.model.MacAddress;
import io.ward.model.Observation;
import io.ward.model.ObservationFields;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.IntFunction;

/** The aggregated input of one analysis: a {@link KeyRecord} per endpoint, and MAC↔IP bindings. */
final class InputStore {

  /** Fields that describe an address without showing it is in use (a DNS answer may be stale). */
  static final Set<String> ATTACH_ONLY = Set.of(ObservationFields.DNS_NAME);

  /**
   * Fields whose value is an IP address the subject's MAC holds: a lease the server acknowledged.
   * Not the address a client asks for (option 50): servers refuse such requests (NAK) or offer
   * another, and zeek/dhcp_dhcp.pcap's client asked for an address another network's server had
   * given it, which then showed as the client's.
   */
  private static final Set<String> BINDING_FIELDS = Set.of(ObservationFields.DHCP_LEASED_IP);

  /**
   * Fields paired by capture time (MSH-3 with MSH-4, MSH-5 with MSH-6 of one message, and SFT-1,
   * SFT-2 and SFT-3 of one segment: {@link Hl7Software}).
   */
  private static final Set<String> TIMED_FIELDS =
      Set.of(
          ObservationFields.HL7_SENDING_APP,
          ObservationFields.HL7_SENDING_FACILITY,
          ObservationFields.HL7_RECEIVING_APP,
          ObservationFields.HL7_RECEIVING_FACILITY,
          ObservationFields.HL7_SOFTWARE_VENDOR,
          ObservationFields.HL7_SOFTWARE_VERSION,
          ObservationFields.HL7_SOFTWARE_PRODUCT);

  private final KnowledgeBase kb;
  final Map<EndpointKey, KeyRecord> records = new HashMap<>();

  /**
   * The keys of {@link #records} in the order they came, so that a record's index names its key.
   */
  private final List<EndpointKey> keys = new ArrayList<>();

  private final IntFunction<EndpointKey> keyOf = keys::get;

  /** Port names by transport and port, so a flow costs no string building to name its service. */
  private final Map<Integer, Optional<String>> portNames = new HashMap<>();

  /** Names of flows no protocol names, by transport and port, as {@link #portNames}. */
  private final Map<Integer, String> unnamedNames = new HashMap<>();

  InputStore(KnowledgeBase kb) {
    this(kb, new RecentFacts(), new RecentFlows(), new RecentFactSets());
  }

  /** With the given caches of recent facts and flows (tests make every entry share one slot). */
  InputStore(KnowledgeBase kb, RecentFacts recent, RecentFlows recentFlows) {
    this(kb, recent, recentFlows, new RecentFactSets());
  }

  /** With the given caches (tests make every entry share one slot, or disable them). */
  InputStore(
      KnowledgeBase kb, RecentFacts recent, RecentFlows recentFlows, RecentFactSets recentSets) {
    this.kb = kb;
    this.recent = recent;
    this.recentFlows = recentFlows;
    this.recentSets = recentSets;
  }

  // The subject of the previous observation, its key and record: a dissector reports several facts
  // about one endpoint in a row, with the same Endpoint object, so most lookups are skipped.
  private Endpoint lastSubject;
  private Optional<EndpointKey> lastKey = Optional.empty();
  private KeyRecord lastRecord;

  private final RecentFacts recent;
  private final RecentFlows recentFlows;
  private final RecentFactSets recentSets;

  void add(Observation o) {
    String value = o.value();
    if (!value.isBlank()) {
      count(o.epochNanos(), o.subject(), o.field(), value);
    }
  }

  /**
   * Adds facts stated together about one subject, as adding each as an observation would. A set
   * this subject stated before is counted again in the places it was counted then.
   */
  void add(long epochNanos, Endpoint subject, Facts facts) {
    RecentFactSets.Slot known = recentSets.find(subject, facts);
    if (known != null && known.countAgain(epochNanos, subject.vlan())) {
      return;
    }
    RecentFactSets.Slot slot = recentSets.claim(subject, facts);
    boolean repeatable = slot != null;
    KeyRecord record = null;
    for (int i = 0; i < facts.size(); i++) {
      String value = Observation.cut(facts.value(i)); // as the fact's observation would hold it
      if (value.isBlank()) {
        continue; // never counted, so a repeat skips it too
      }
      ValueStat stat = count(epochNanos, subject, facts.field(i), value);
      if (stat == null) {
        repeatable = false; // an address fact, a value the bound dropped, or no record
      } else if (repeatable) {
        slot.add(stat, keptTime);
        record = countedIn;
      }
    }
    if (repeatable && record != null) {
      RecentFactSets.complete(slot, record);
    }
  }

  // Set by count: the record and the time flag of the fact it counted last.
  private KeyRecord countedIn;
  private boolean keptTime;

  /**
   * Counts one fact with a value that is not blank. Returns its statistics when counting it again
   * means only adding to them (a plain fact), or null (an address fact, which also binds or
   * strengthens; a value dropped by the record's bound; a subject with no key).
   */
  private ValueStat count(long epochNanos, Endpoint subject, String field, String value) {
    RecentFacts.Slot known = recent.find(subject, field, value);
    if (known != null) {
      // Counted before: the same effects as below, without finding the record, field and value.
      KeyRecord r = known.record;
      r.observations++;
      r.seen(epochNanos, subject.vlan());
      known.stat.add(epochNanos, known.keepTime);
      countedIn = r;
      keptTime = known.keepTime;
      return known.stat;
    }
    if (subject != lastSubject) {
      lastSubject = subject;
      lastKey = EndpointKey.of(subject);
      lastRecord = lastKey.isPresent() ? record(lastKey.get()) : null;
    }
    if (lastRecord == null) {
      return null;
    }
    Optional<EndpointKey> key = lastKey;
    KeyRecord r = lastRecord;
    r.observations++;
    r.seen(epochNanos, subject.vlan());
    boolean keepTime = TIMED_FIELDS.contains(field);
    ValueStat stat = r.value(field, value.trim(), epochNanos, keepTime);
    boolean arpIp = field.equals(ObservationFields.ARP_IP);
    if (arpIp && key.get().ip().isPresent()) {
      r.strongBindings++;
    }
    boolean binding = BINDING_FIELDS.contains(field);
    if (binding && key.get().mac().isPresent()) {
      bind(key.get().mac().get(), value, epochNanos, subject.vlan());
    }
    if (arpIp || binding || stat.dropped) {
      return null;
    }
    // Address facts do more than count (bindings), so only plain facts take the short path.
    recent.remember(subject, field, value, r, stat, keepTime);
    countedIn = r;
    keptTime = keepTime;
    return stat;
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
    // A flow no protocol names is remembered under its transport and port, so that a repeat on
    // another port is not taken for a repeat and still shows on a public end's record.
    String unnamed = protocol.isPresent() ? null : unnamed(f);
    if (!f.otherClients().isEmpty()) {
      addOtherClients(f, protocol, unnamed);
    }
    String protocolName = protocol.orElse(unnamed);
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
    talkers(clientRecord, serverRecord);
    if (protocol.isPresent()) {
      if (clientRecord != null) {
        clientRecord.server(protocol.get(), server);
      }
      if (serverRecord != null) {
        serverRecord.client(protocol.get(), client);
      }
    } else {
      unnamedOn(clientRecord, unnamed);
      unnamedOn(serverRecord, unnamed);
    }
    recentFlows.remember(f.client(), f.server(), protocolName, clientRecord, serverRecord);
  }

  /**
   * Credits the flow's other clients as its client is credited (see {@link Flow#otherClients}),
   * each once and at the times it was seen; the flow's packets and bytes stay with the client.
   */
  private void addOtherClients(Flow f, Optional<String> protocol, String unnamed) {
    Optional<EndpointKey> server = EndpointKey.of(f.server());
    KeyRecord serverRecord = server.isPresent() ? record(server.get()) : null;
    List<EndpointKey> credited = new ArrayList<>(f.otherClients().size() + 1);
    EndpointKey.of(f.client()).ifPresent(credited::add);
    for (Flow.OtherClient c : f.otherClients()) {
      Optional<EndpointKey> key = EndpointKey.of(c.endpoint());
      if (key.isEmpty() || credited.contains(key.get())) {
        continue; // no device, or the client (or one of these) named again
      }
      credited.add(key.get());
      KeyRecord r = record(key.get());
      r.flows++;
      r.seen(c.firstSeenEpochNanos(), f.vlan());
      r.seen(c.lastSeenEpochNanos(), f.vlan());
      talkers(r, serverRecord);
      if (protocol.isPresent()) {
        r.server(protocol.get(), server);
        if (serverRecord != null) {
          serverRecord.client(protocol.get(), key);
        }
      } else {
        unnamedOn(r, unnamed);
        unnamedOn(serverRecord, unnamed);
      }
    }
  }

  private static void unnamedOn(KeyRecord r, String unnamed) {
    if (r != null) {
      r.unnamedProtocol(unnamed);
    }
  }

  private static void counted(KeyRecord r, Flow f) {
    if (r != null) {
      r.flows++;
      r.packets += f.packets();
      r.bytes += f.bytes();
      r.seen(f.firstSeenEpochNanos(), f.vlan());
      r.seen(f.lastSeenEpochNanos(), f.vlan());
    }
  }

  /** Each end of a flow as the other's talker (see {@link KeyRecord#talkers}). */
  private void talkers(KeyRecord client, KeyRecord server) {
    if (client != null && server != null) {
      client.talker(server, keyOf);
      server.talker(client, keyOf);
    }
  }

  /** The key of the record at {@code index}. */
  EndpointKey key(int index) {
    return keys.get(index);
  }

  /** Adds everything {@code other} holds: the store of another part of the same input. */
  void merge(InputStore other) {
    other.records.forEach((key, r) -> record(key).merge(r));
    // Talkers name peers by index, and the other store numbered its keys in its own order; every
    // peer has a record there, so it has one here now.
    other.records.forEach(
        (key, r) -> {
          if (r.talkers != null) {
            KeyRecord mine = record(key);
            if (mine.talkers == null) {
              mine.talkers = new Talkers();
            }
            mine.talkers.addAll(r.talkers, i -> records.get(other.key(i)).index, keyOf);
          }
        });
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

  /**
   * What a flow no protocol names is called: its transport and server port ({@code tcp/8443}), or
   * its transport alone when it has no ports ({@code icmp}).
   */
  private String unnamed(Flow f) {
    int key = f.transport().ordinal() << 16 | (f.serverPort() & 0xFFFF);
    String name = unnamedNames.get(key);
    if (name == null) {
      boolean ports =
          f.transport() == io.ward.model.Transport.TCP
              || f.transport() == io.ward.model.Transport.UDP;
      name = ports ? f.transport().id() + "/" + f.serverPort() : f.transport().id();
      unnamedNames.put(key, name);
    }
    return name;
  }

  private KeyRecord record(EndpointKey key) {
    KeyRecord r = records.get(key);
    if (r == null) {
      r = new KeyRecord(keys.size(), key);
      records.put(key, r);
      keys.add(key);
    }
    return r;
  }
}

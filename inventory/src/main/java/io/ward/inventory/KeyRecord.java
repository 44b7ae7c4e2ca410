package io.ward.inventory;

import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.IntFunction;

/**
 * Everything seen about one {@link EndpointKey}: observation values per field and flow activity per
 * protocol. Bounded: at most {@link #MAX_VALUES_PER_FIELD} values per field and {@link #MAX_PEERS}
 * peers per protocol, keeping the smallest, so the bound does not make the result depend on input
 * order.
 */
final class KeyRecord {
  static final int MAX_VALUES_PER_FIELD = 64;
  static final int MAX_PEERS = 32;

  long first = Long.MAX_VALUE;
  long last = Long.MIN_VALUE;
  long observations;
  long flows;

  /** Packets and bytes of this key's flows, both directions (an external endpoint's volume). */
  long packets;

  long bytes;
  long strongBindings;

  /** This key's place in its {@link InputStore}, which names peers by it in {@link #talkers}. */
  final int index;

  /**
   * Every endpoint this key exchanged flows with, kept for a key with a public address only: such a
   * key may turn out an external endpoint, whose device count must not stop at {@link #MAX_PEERS}.
   * Null for other keys, and until the first flow.
   */
  Talkers talkers;

  private final boolean keepsTalkers;

  /** At most this many {@link #unnamedProtocols} per key, the smallest kept. */
  static final int MAX_UNNAMED_PROTOCOLS = 16;

  /**
   * The flows no application protocol or port name named, by transport and server port ({@code
   * tcp/8443}), kept as {@link #talkers} are, for a key with a public address only: an external
   * endpoint lists them among its protocols. Null for other keys, and until the first.
   */
  TreeSet<String> unnamedProtocols;

  final TreeSet<Integer> vlans = new TreeSet<>();
  // Hash maps, not sorted ones: values are added once per observation and read once at assembly,
  // where DeviceFacts sorts them.
  final Map<String, Map<String, ValueStat>> fields = new HashMap<>();
  final Map<String, TreeSet<EndpointKey>> clientsByProtocol = new TreeMap<>();
  final Map<String, TreeSet<EndpointKey>> serversByProtocol = new TreeMap<>();

  /** The record of the key at {@code index} of its store; {@code key} decides what it keeps. */
  KeyRecord(int index, EndpointKey key) {
    this.index = index;
    this.keepsTalkers = key.ip().isPresent() && key.ip().get().isPublic();
  }

  /** A peer this key exchanged a flow with, either way round; see {@link #talkers}. */
  void talker(KeyRecord peer, IntFunction<EndpointKey> keyOf) {
    if (keepsTalkers) {
      if (talkers == null) {
        talkers = new Talkers();
      }
      talkers.add(peer.index, keyOf);
    }
  }

  /** A flow no protocol named, by transport and port; see {@link #unnamedProtocols}. */
  void unnamedProtocol(String name) {
    if (!keepsTalkers) {
      return;
    }
    if (unnamedProtocols == null) {
      unnamedProtocols = new TreeSet<>();
    }
    unnamedProtocols.add(name);
    if (unnamedProtocols.size() > MAX_UNNAMED_PROTOCOLS) {
      unnamedProtocols.pollLast();
    }
  }

  /** The VLAN last added, so that the usual repeat costs no boxing and no tree walk. */
  private int lastVlan;

  void seen(long epochNanos, int vlan) {
    first = Math.min(first, epochNanos);
    last = Math.max(last, epochNanos);
    if (vlan != 0 && vlan != lastVlan) {
      vlans.add(vlan);
      lastVlan = vlan;
    }
  }

  /** Counts one observed value; returns its statistics (marked dropped if the bound evicted it). */
  ValueStat value(String field, String value, long epochNanos, boolean keepTime) {
    Map<String, ValueStat> values = fields.get(field);
    if (values == null) {
      values = newValueMap();
      fields.put(field, values);
    }
    ValueStat stat = values.get(value);
    if (stat == null) {
      stat = new ValueStat();
      values.put(value, stat);
      if (values.size() > MAX_VALUES_PER_FIELD) {
        // rare: a field with many values
        values.remove(Collections.max(values.keySet())).dropped = true;
      }
    }
    stat.add(epochNanos, keepTime);
    return stat;
  }

  /**
   * The values of one field. Most fields of an endpoint have one value, and a default map's first
   * put allocates 16 buckets; at 20,000 devices these maps were the largest part of the live heap.
   */
  private static Map<String, ValueStat> newValueMap() {
    return new HashMap<>(2);
  }

  // The last peer added per direction: a device that opens one connection per message to the same
  // server repeats the same peer flow after flow.
  private String lastServerProtocol;
  private EndpointKey lastServer;
  private String lastClientProtocol;
  private EndpointKey lastClient;

  /** A server this key talked to as a client over {@code protocol}. */
  void server(String protocol, java.util.Optional<EndpointKey> peer) {
    if (peer.isPresent() && protocol.equals(lastServerProtocol) && peer.get().equals(lastServer)) {
      return;
    }
    peer(serversByProtocol, protocol, peer);
    lastServerProtocol = protocol;
    lastServer = peer.orElse(null);
  }

  /** A client this key served over {@code protocol}. */
  void client(String protocol, java.util.Optional<EndpointKey> peer) {
    if (peer.isPresent() && protocol.equals(lastClientProtocol) && peer.get().equals(lastClient)) {
      return;
    }
    peer(clientsByProtocol, protocol, peer);
    lastClientProtocol = protocol;
    lastClient = peer.orElse(null);
  }

  private static void peer(
      Map<String, TreeSet<EndpointKey>> byProtocol,
      String protocol,
      java.util.Optional<EndpointKey> peer) {
    TreeSet<EndpointKey> peers = byProtocol.computeIfAbsent(protocol, k -> new TreeSet<>());
    if (peer.isPresent()) {
      if (peers.size() >= MAX_PEERS && peer.get().compareTo(peers.last()) > 0) {
        return; // would be dropped again at once
      }
      peers.add(peer.get());
      if (peers.size() > MAX_PEERS) {
        peers.pollLast();
      }
    }
  }

  /**
   * Adds everything {@code o} recorded (same key, another part of the input), but its {@link
   * #talkers}, which name peers by the other store's indices ({@link InputStore#merge} adds them).
   */
  void merge(KeyRecord o) {
    first = Math.min(first, o.first);
    last = Math.max(last, o.last);
    observations += o.observations;
    flows += o.flows;
    packets += o.packets;
    bytes += o.bytes;
    strongBindings += o.strongBindings;
    vlans.addAll(o.vlans);
    if (o.unnamedProtocols != null) {
      o.unnamedProtocols.forEach(this::unnamedProtocol);
    }
    o.fields.forEach(
        (field, values) ->
            values.forEach(
                (value, stat) -> {
                  Map<String, ValueStat> into = fields.computeIfAbsent(field, f -> newValueMap());
                  ValueStat mine = into.get(value);
                  if (mine == null) {
                    into.put(value, stat.copy());
                    if (into.size() > MAX_VALUES_PER_FIELD) {
                      // Marked as value() marks a drop: a RecentFacts slot may still point at it,
                      // and must stop counting into statistics no longer in the map.
                      into.remove(Collections.max(into.keySet())).dropped = true;
                    }
                  } else {
                    mine.merge(stat);
                  }
                }));
    o.clientsByProtocol.forEach(
        (p, peers) -> {
          peer(clientsByProtocol, p, java.util.Optional.empty());
          peers.forEach(k -> peer(clientsByProtocol, p, java.util.Optional.of(k)));
        });
    o.serversByProtocol.forEach(
        (p, peers) -> {
          peer(serversByProtocol, p, java.util.Optional.empty());
          peers.forEach(k -> peer(serversByProtocol, p, java.util.Optional.of(k)));
        });
  }

  /** True when only name-service answers describe this key: no traffic, no other fact. */
  boolean onlyNameAnswers() {
    return flows == 0
        && strongBindings == 0
        && fields.keySet().stream().allMatch(InputStore.ATTACH_ONLY::contains);
  }
}

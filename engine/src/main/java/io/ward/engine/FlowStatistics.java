package io.ward.engine;

import io.ward.model.Endpoint;
import io.ward.model.Flow;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.TreeMap;

/**
 * Aggregates flow summaries into what a report needs: totals, flows per application protocol, and
 * the conversations that carried clinical or management protocols without encryption.
 *
 * <p>The conversations listed, when there are more than the cap, are the earliest by {@link
 * #ORDER}, whatever order the flows arrive in: with several capture workers flows arrive in an
 * order that changes from run to run, and the report must not (until session 11 the first to arrive
 * were listed, so two runs of two workers over one capture wrote different JSON).
 */
final class FlowStatistics {

  /** Protocols whose cleartext use a hospital must know about (patient data or credentials). */
  static final Set<String> CLEARTEXT_SENSITIVE =
      Set.of("hl7", "dicom", "poct1a", "astm", "telnet", "ftp", "snmp", "http", "mqtt", "smb");

  private final int maxListed;
  private long flows;
  private long packets;
  private long bytes;
  // Counts in one-element arrays in hash maps, sorted for the summary: a TreeMap of boxed Longs
  // cost a string comparison walk and an allocation per flow.
  private final Map<String, long[]> byProtocol = new HashMap<>();
  private final Map<String, long[]> cleartextByProtocol = new HashMap<>();

  /**
   * A total order on flows: first seen, then every other field. Flows equal under it are equal, so
   * it decides which are listed and in what order whatever the order of arrival.
   */
  static final Comparator<Flow> ORDER = FlowStatistics::compare;

  /**
   * {@link #ORDER}: the first time decides nearly always, so it is compared before the chain of
   * comparators, each a call, that breaks the rare ties.
   */
  private static int compare(Flow a, Flow b) {
    int c = Long.compare(a.firstSeenEpochNanos(), b.firstSeenEpochNanos());
    return c != 0 ? c : TIES.compare(a, b);
  }

  private static final Comparator<Flow> TIES =
      Comparator.comparingLong(Flow::lastSeenEpochNanos)
          .thenComparing(Flow::client, FlowStatistics::compareEndpoints)
          .thenComparingInt(Flow::clientPort)
          .thenComparing(Flow::server, FlowStatistics::compareEndpoints)
          .thenComparingInt(Flow::serverPort)
          .thenComparing(Flow::transport)
          .thenComparingInt(Flow::vlan)
          .thenComparing(f -> f.appProtocol().orElse(""))
          .thenComparing(Flow::encrypted)
          .thenComparingLong(Flow::clientPackets)
          .thenComparingLong(Flow::clientBytes)
          .thenComparingLong(Flow::serverPackets)
          .thenComparingLong(Flow::serverBytes);

  private static int compareEndpoints(Endpoint a, Endpoint b) {
    int c = compareOptional(a.ip(), b.ip());
    if (c == 0) {
      c = compareOptional(a.mac(), b.mac());
    }
    return c != 0 ? c : Integer.compare(a.vlan(), b.vlan());
  }

  private static <T extends Comparable<T>> int compareOptional(Optional<T> a, Optional<T> b) {
    if (a.isPresent() && b.isPresent()) {
      return a.get().compareTo(b.get());
    }
    return Boolean.compare(a.isPresent(), b.isPresent());
  }

  /** The listed conversations, latest by {@link #ORDER} at the head, so it is the one dropped. */
  private final PriorityQueue<Flow> cleartext = new PriorityQueue<>(ORDER.reversed());

  private long cleartextNotListed;

  FlowStatistics(int maxListed) {
    this.maxListed = maxListed;
  }

  // Synchronized: the capture workers share one (the inventory has a part per worker instead).
  synchronized void add(Flow f) {
    flows++;
    packets += f.packets();
    bytes += f.bytes();
    String proto = f.appProtocol().orElse(f.transport().id());
    byProtocol.computeIfAbsent(proto, k -> new long[1])[0]++;
    // Not appProtocol().filter(CLEARTEXT_SENSITIVE::contains): under the C1 compiler an analysis
    // runs with, that bound reference is an allocation through a method handle and a native call
    // for every flow (about 35 ns against 4 for a plain object; bench/README.md).
    if (!f.encrypted()
        && f.appProtocol().isPresent()
        && CLEARTEXT_SENSITIVE.contains(f.appProtocol().get())) {
      cleartextByProtocol.computeIfAbsent(proto, k -> new long[1])[0]++;
      if (cleartext.size() < maxListed) {
        cleartext.add(f);
      } else {
        cleartextNotListed++;
        if (maxListed > 0 && ORDER.compare(f, cleartext.peek()) < 0) {
          cleartext.poll(); // an earlier conversation takes the place of the latest listed
          cleartext.add(f);
        }
      }
    }
  }

  synchronized FlowSummary summary() {
    return new FlowSummary(
        flows,
        packets,
        bytes,
        sorted(byProtocol),
        sorted(cleartextByProtocol),
        cleartext.stream().sorted(ORDER).toList(),
        cleartextNotListed);
  }

  private static Map<String, Long> sorted(Map<String, long[]> counts) {
    Map<String, Long> out = new TreeMap<>();
    counts.forEach((k, v) -> out.put(k, v[0]));
    return Collections.unmodifiableMap(out);
  }
}

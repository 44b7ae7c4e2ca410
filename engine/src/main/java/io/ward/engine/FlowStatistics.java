package io.ward.engine;

import io.ward.model.Flow;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Aggregates flow summaries into what a report needs: totals, flows per application protocol, and
 * the conversations that carried clinical or management protocols without encryption.
 */
final class FlowStatistics {

  /** Protocols whose cleartext use a hospital must know about (patient data or credentials). */
  static final Set<String> CLEARTEXT_SENSITIVE =
      Set.of("hl7", "dicom", "poct1a", "astm", "telnet", "ftp", "snmp", "http", "mqtt", "smb");

  private final int maxListed;
  private long flows;
  private long packets;
  private long bytes;
  private final Map<String, Long> byProtocol = new TreeMap<>();
  private final Map<String, Long> cleartextByProtocol = new TreeMap<>();
  private final List<Flow> cleartext = new ArrayList<>();
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
    byProtocol.merge(proto, 1L, Long::sum);
    if (!f.encrypted() && f.appProtocol().filter(CLEARTEXT_SENSITIVE::contains).isPresent()) {
      cleartextByProtocol.merge(proto, 1L, Long::sum);
      if (cleartext.size() < maxListed) {
        cleartext.add(f);
      } else {
        cleartextNotListed++;
      }
    }
  }

  synchronized FlowSummary summary() {
    return new FlowSummary(
        flows,
        packets,
        bytes,
        Collections.unmodifiableMap(new TreeMap<>(byProtocol)),
        Collections.unmodifiableMap(new TreeMap<>(cleartextByProtocol)),
        List.copyOf(cleartext),
        cleartextNotListed);
  }
}

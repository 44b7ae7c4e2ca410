package io.ward.capture;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.TreeMap;

/**
 * What one {@link CaptureEngine#analyze} run saw.
 *
 * @param name the source's display name
 * @param format {@code pcap} or {@code pcapng}
 * @param gzip true when the source was gzip-compressed
 * @param linkTypes the distinct link types of the capture's interfaces, in order of appearance
 * @param packets packet records read
 * @param bytes sum of the packets' original (wire) lengths
 * @param flows flows summarised to the sink
 * @param firstEpochNanos capture time of the earliest packet (0 when there was none)
 * @param lastEpochNanos capture time of the latest packet (0 when there was none)
 * @param truncatedAtOffset byte offset, in the decompressed stream, of the damage the capture was
 *     analysed up to; empty when it was read to its end
 * @param warnings problems with the capture as a whole, for the user
 * @param anomalies malformed pieces of input by kind (e.g. {@code ipv4.bad_header_length})
 * @param flowsByProtocol flows by application protocol, or by transport when none was recognised
 * @param ipFragments IPv4 and IPv6 fragments seen (counted, not reassembled)
 * @param undecodablePackets packets whose headers could not be decoded
 */
public record CaptureSummary(
    String name,
    String format,
    boolean gzip,
    List<Integer> linkTypes,
    long packets,
    long bytes,
    long flows,
    long firstEpochNanos,
    long lastEpochNanos,
    OptionalLong truncatedAtOffset,
    List<String> warnings,
    Map<String, Long> anomalies,
    Map<String, Long> flowsByProtocol,
    long ipFragments,
    long undecodablePackets) {

  public CaptureSummary {
    linkTypes = List.copyOf(linkTypes);
    warnings = List.copyOf(warnings);
    // Sorted, not Map.copyOf: its iteration order changes from one JVM to the next, and so did
    // the order of these counts in the JSON of the same capture.
    anomalies.values().forEach(Objects::requireNonNull);
    flowsByProtocol.values().forEach(Objects::requireNonNull);
    anomalies = Collections.unmodifiableSortedMap(new TreeMap<>(anomalies));
    flowsByProtocol = Collections.unmodifiableSortedMap(new TreeMap<>(flowsByProtocol));
  }
}

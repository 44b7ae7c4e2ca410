package io.ward.server.inventory;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What is stored about one ingested capture.
 *
 * @param sha256 the SHA-256 of the file as uploaded (the audit trail names it)
 * @param contentSha256 the SHA-256 of the capture itself, after gunzipping (the idempotency key:
 *     the same capture in another container is the same capture)
 * @param filename the name it was uploaded under
 * @param sizeBytes the stored size
 * @param format {@code pcap} or {@code pcapng}
 * @param wireBytes sum of the packets' wire lengths
 * @param firstPacket capture time of the first packet
 * @param lastPacket capture time of the last packet
 * @param warnings problems with the capture as a whole
 */
public record CaptureFacts(
    String sha256,
    String contentSha256,
    String filename,
    long sizeBytes,
    String format,
    boolean gzip,
    long packets,
    long wireBytes,
    long flows,
    long observations,
    Optional<Instant> firstPacket,
    Optional<Instant> lastPacket,
    List<String> warnings) {

  public CaptureFacts {
    warnings = List.copyOf(warnings);
  }
}

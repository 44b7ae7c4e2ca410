package io.ward.server.inventory;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Everything about one device: the row, the evidence behind each attribute, and its history.
 *
 * @param device the device
 * @param evidence every piece of evidence ever seen, by attribute then confidence (highest first)
 * @param changes attribute changes, newest first
 * @param captures how many captures saw it
 */
public record DeviceDetail(
    DeviceRow device, List<EvidenceRow> evidence, List<ChangeRow> changes, int captures) {

  public DeviceDetail {
    evidence = List.copyOf(evidence);
    changes = List.copyOf(changes);
  }

  /**
   * Why Ward believes one attribute value.
   *
   * @param attribute e.g. {@code vendor}
   * @param value the value it supports
   * @param source the observation field or knowledge source
   * @param observed the raw value seen (redacted where it could hold patient data)
   * @param fingerprint the fingerprint entry that interpreted it
   * @param confidence 0 to 1
   * @param firstSeen capture time of the first observation supporting it
   */
  public record EvidenceRow(
      String attribute,
      String value,
      String source,
      String observed,
      Optional<String> fingerprint,
      double confidence,
      Instant firstSeen) {}

  /**
   * One change of an attribute.
   *
   * @param attribute e.g. {@code firmware}, or {@code device} for the first sighting
   * @param oldValue the value before (empty for a new device)
   * @param newValue the value after
   * @param at capture time of the data that changed it
   * @param jobId the ingest job that made the change
   */
  public record ChangeRow(
      String attribute, String oldValue, String newValue, Instant at, Optional<Long> jobId) {}
}

package io.ward.server.api;

import io.ward.server.inventory.CmdbConflictRow;
import java.time.Instant;
import java.util.Optional;

/**
 * One row of the last CMDB import's reconciliation with the network, as the API shows it: the
 * fields of a {@code ward vulns --json} CONFLICT (docs/findings-schema.md), with the stored device
 * it concerns.
 *
 * @param kind {@code vendor}, {@code model}, {@code firmware}, {@code serial}, {@code mac}, {@code
 *     ip}, {@code hostname}, {@code duplicate-asset}, {@code ambiguous} or {@code not-observed}
 * @param deviceId the device concerned (absent for a row not merged or an asset not observed)
 * @param deviceKey its Ward id
 * @param deviceName its display name
 * @param asset asset tag, else serial, else line of the CMDB row
 * @param source the export's file name and line
 * @param observed what the network shows
 * @param observedSource the evidence the observed value came from
 * @param recorded what the CMDB says (for an asset not observed, what it records of it)
 * @param message one plain sentence
 * @param jobId the CMDB import that stored it
 */
public record CmdbConflictJson(
    long id,
    String kind,
    Optional<Long> deviceId,
    Optional<String> deviceKey,
    Optional<String> deviceName,
    String asset,
    String source,
    Optional<String> observed,
    Optional<String> observedSource,
    Optional<String> recorded,
    String message,
    Optional<Long> jobId,
    Instant createdAt) {

  /** The view of a stored row. */
  public static CmdbConflictJson of(CmdbConflictRow r) {
    return new CmdbConflictJson(
        r.id(),
        r.kind().id(),
        r.deviceId(),
        r.deviceKey(),
        r.deviceName(),
        r.asset(),
        r.source(),
        r.observed(),
        r.observedSource(),
        r.recorded(),
        r.message(),
        r.jobId(),
        r.createdAt());
  }
}

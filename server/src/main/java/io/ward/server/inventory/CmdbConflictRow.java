package io.ward.server.inventory;

import java.time.Instant;
import java.util.Optional;

/**
 * One stored row of the last CMDB reconciliation: a disagreement between the CMDB and the network,
 * a row that could not be merged, or an asset not observed.
 *
 * @param id the row's id (also the listing's cursor)
 * @param jobId the CMDB import that found it
 * @param deviceId the stored device concerned, when there is one
 * @param deviceKey that device's Ward id ({@code mac:…})
 * @param deviceName that device's display name
 * @param kind what it is about
 * @param asset the CMDB asset: {@code asset <tag>}, else {@code serial <serial>}, else {@code line
 *     <n>}
 * @param source the export's file name and line, {@code cmdb.csv:12}
 * @param observed what the network shows
 * @param observedSource the evidence the observed value came from
 * @param recorded what the CMDB says (for an asset not observed: what it records of it)
 * @param message one plain sentence
 * @param createdAt when the import stored it
 */
public record CmdbConflictRow(
    long id,
    Optional<Long> jobId,
    Optional<Long> deviceId,
    Optional<String> deviceKey,
    Optional<String> deviceName,
    CmdbConflictKind kind,
    String asset,
    String source,
    Optional<String> observed,
    Optional<String> observedSource,
    Optional<String> recorded,
    String message,
    Instant createdAt) {}

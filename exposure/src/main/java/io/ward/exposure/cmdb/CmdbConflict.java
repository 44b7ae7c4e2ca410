package io.ward.exposure.cmdb;

import java.util.Objects;
import java.util.Optional;

/**
 * A disagreement between the CMDB and the network, or a CMDB row that could not be merged cleanly,
 * for a person to resolve.
 *
 * @param kind what disagrees
 * @param deviceId the observed device concerned, when there is one
 * @param asset the CMDB asset, as asset tag (else serial, else line)
 * @param source the export file and line
 * @param observed what the network shows (empty for a CMDB-only problem)
 * @param observedSource where the network value came from (the winning evidence's source)
 * @param recorded what the CMDB says
 * @param message one plain sentence for the user
 */
public record CmdbConflict(
    Kind kind,
    Optional<String> deviceId,
    String asset,
    String source,
    Optional<String> observed,
    Optional<String> observedSource,
    Optional<String> recorded,
    String message) {

  /** What a conflict is about. */
  public enum Kind {
    /** The manufacturer differs (after vendor aliases). */
    VENDOR,
    /** The model differs. */
    MODEL,
    /** The CMDB software version is not the firmware seen on the network. */
    FIRMWARE,
    /** The serial number differs. */
    SERIAL,
    /** The device was found by IP, serial or host name but shows another MAC address. */
    MAC,
    /** The CMDB IP address is not one the device used. */
    IP,
    /** The CMDB host name is not one the device used. */
    HOSTNAME,
    /** Another CMDB row already claims the same device. */
    DUPLICATE_ASSET,
    /** The row's identifiers point at several devices and none decides. */
    AMBIGUOUS
  }

  public CmdbConflict {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(deviceId, "deviceId");
    Objects.requireNonNull(asset, "asset");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(observed, "observed");
    Objects.requireNonNull(observedSource, "observedSource");
    Objects.requireNonNull(recorded, "recorded");
    Objects.requireNonNull(message, "message");
  }
}

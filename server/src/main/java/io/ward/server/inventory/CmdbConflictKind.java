package io.ward.server.inventory;

import io.ward.exposure.cmdb.CmdbConflict;
import java.util.Locale;

/**
 * What a stored CMDB reconciliation row is about: the exposure module's conflict kinds, and assets
 * no observed device matched.
 */
public enum CmdbConflictKind {
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
  AMBIGUOUS,
  /** No observed device matched the asset by any identifier. */
  NOT_OBSERVED;

  /** The kebab-case id, as {@code ward vulns --json} writes it, e.g. {@code duplicate-asset}. */
  public String id() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /** The kind of an exposure module conflict. */
  public static CmdbConflictKind of(CmdbConflict.Kind kind) {
    return valueOf(kind.name());
  }
}

package io.ward.exposure;

import io.ward.exposure.eol.EolCatalog;
import io.ward.exposure.risk.DeviceExposure;
import java.time.LocalDate;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * How to analyse: what the network knows about each device, and the day to judge end of life by.
 *
 * @param exposures exposure and compensating controls per device id
 * @param defaultExposure for devices not in {@code exposures}
 * @param today the day end-of-life dates are compared with
 * @param includeNotAffected keep not-affected findings (VEX, fixed versions) in the report
 * @param eol the end-of-life catalog to use instead of the analyzer's (e.g. extended by the user
 *     with {@link EolCatalog#withUserEntries}), empty for the analyzer's own
 */
public record ExposureOptions(
    Map<String, DeviceExposure> exposures,
    DeviceExposure defaultExposure,
    LocalDate today,
    boolean includeNotAffected,
    Optional<EolCatalog> eol) {

  public ExposureOptions {
    exposures = Map.copyOf(exposures);
    Objects.requireNonNull(defaultExposure, "defaultExposure");
    Objects.requireNonNull(today, "today");
    Objects.requireNonNull(eol, "eol");
  }

  /** Options with the analyzer's own end-of-life catalog. */
  public ExposureOptions(
      Map<String, DeviceExposure> exposures,
      DeviceExposure defaultExposure,
      LocalDate today,
      boolean includeNotAffected) {
    this(exposures, defaultExposure, today, includeNotAffected, Optional.empty());
  }

  /** Nothing known about the network; not-affected findings kept. */
  public static ExposureOptions of(LocalDate today) {
    return new ExposureOptions(Map.of(), DeviceExposure.UNKNOWN, today, true);
  }

  /**
   * The same options with these per-device exposures, for example {@link
   * io.ward.exposure.risk.TrafficExposure#exposures} of the inventory's traffic; devices not in the
   * map keep {@link #defaultExposure()}.
   */
  public ExposureOptions withExposures(Map<String, DeviceExposure> exposures) {
    return new ExposureOptions(exposures, defaultExposure, today, includeNotAffected, eol);
  }

  /** The same options judging end of life by this catalog. */
  public ExposureOptions withEol(EolCatalog catalog) {
    return new ExposureOptions(
        exposures, defaultExposure, today, includeNotAffected, Optional.of(catalog));
  }

  /** The exposure of a device. */
  public DeviceExposure exposureOf(String deviceId) {
    return exposures.getOrDefault(deviceId, defaultExposure);
  }
}

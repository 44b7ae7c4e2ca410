package io.ward.exposure;

import io.ward.exposure.eol.EolCatalog;
import io.ward.exposure.risk.DeviceExposure;
import io.ward.exposure.risk.ServiceUse;
import java.time.Duration;
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
 * @param serviceObservationMinimum the least time between a device's first and last sighting before
 *     its traffic can show a service unused (the {@code service-not-observed} control); {@link
 *     ServiceUse#DEFAULT_MINIMUM}, a week, unless set
 */
public record ExposureOptions(
    Map<String, DeviceExposure> exposures,
    DeviceExposure defaultExposure,
    LocalDate today,
    boolean includeNotAffected,
    Optional<EolCatalog> eol,
    Duration serviceObservationMinimum) {

  public ExposureOptions {
    exposures = Map.copyOf(exposures);
    Objects.requireNonNull(defaultExposure, "defaultExposure");
    Objects.requireNonNull(today, "today");
    Objects.requireNonNull(eol, "eol");
    Objects.requireNonNull(serviceObservationMinimum, "serviceObservationMinimum");
    if (serviceObservationMinimum.isNegative()) {
      throw new IllegalArgumentException(
          "the minimum observation window for service-not-observed is negative: "
              + serviceObservationMinimum);
    }
  }

  /** Options with the default minimum observation window ({@link ServiceUse#DEFAULT_MINIMUM}). */
  public ExposureOptions(
      Map<String, DeviceExposure> exposures,
      DeviceExposure defaultExposure,
      LocalDate today,
      boolean includeNotAffected,
      Optional<EolCatalog> eol) {
    this(exposures, defaultExposure, today, includeNotAffected, eol, ServiceUse.DEFAULT_MINIMUM);
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
    return new ExposureOptions(
        exposures, defaultExposure, today, includeNotAffected, eol, serviceObservationMinimum);
  }

  /** The same options judging end of life by this catalog. */
  public ExposureOptions withEol(EolCatalog catalog) {
    return new ExposureOptions(
        exposures,
        defaultExposure,
        today,
        includeNotAffected,
        Optional.of(catalog),
        serviceObservationMinimum);
  }

  /** The same options keeping (or dropping) not-affected findings in the report. */
  public ExposureOptions withIncludeNotAffected(boolean include) {
    return new ExposureOptions(
        exposures, defaultExposure, today, include, eol, serviceObservationMinimum);
  }

  /**
   * The same options asking this long between a device's first and last sighting before its traffic
   * can show a service unused; zero asks for no window.
   */
  public ExposureOptions withServiceObservationMinimum(Duration minimum) {
    return new ExposureOptions(exposures, defaultExposure, today, includeNotAffected, eol, minimum);
  }

  /** The exposure of a device. */
  public DeviceExposure exposureOf(String deviceId) {
    return exposures.getOrDefault(deviceId, defaultExposure);
  }
}

package io.ward.exposure;

import io.ward.exposure.risk.DeviceExposure;
import java.time.LocalDate;
import java.util.Map;
import java.util.Objects;

/**
 * How to analyse: what the network knows about each device, and the day to judge end of life by.
 *
 * @param exposures exposure and compensating controls per device id
 * @param defaultExposure for devices not in {@code exposures}
 * @param today the day end-of-life dates are compared with
 * @param includeNotAffected keep not-affected findings (VEX, fixed versions) in the report
 */
public record ExposureOptions(
    Map<String, DeviceExposure> exposures,
    DeviceExposure defaultExposure,
    LocalDate today,
    boolean includeNotAffected) {

  public ExposureOptions {
    exposures = Map.copyOf(exposures);
    Objects.requireNonNull(defaultExposure, "defaultExposure");
    Objects.requireNonNull(today, "today");
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
    return new ExposureOptions(exposures, defaultExposure, today, includeNotAffected);
  }

  /** The exposure of a device. */
  public DeviceExposure exposureOf(String deviceId) {
    return exposures.getOrDefault(deviceId, defaultExposure);
  }
}

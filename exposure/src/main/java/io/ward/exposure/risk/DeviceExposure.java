package io.ward.exposure.risk;

import java.util.Objects;
import java.util.Set;

/**
 * What the network says about a device: its exposure and the compensating controls in place.
 *
 * @param exposure how far it can be reached
 * @param controls compensating controls
 */
public record DeviceExposure(Exposure exposure, Set<CompensatingControl> controls) {

  /** Nothing known. */
  public static final DeviceExposure UNKNOWN = new DeviceExposure(Exposure.UNKNOWN, Set.of());

  public DeviceExposure {
    Objects.requireNonNull(exposure, "exposure");
    controls = Set.copyOf(controls);
  }
}

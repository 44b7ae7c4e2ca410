package io.ward.exposure.cmdb;

import io.ward.model.Device;
import io.ward.model.exposure.CmdbAsset;
import java.util.Objects;
import java.util.Optional;

/**
 * A CMDB asset no observed device matched, and the device it is matched against advisories as.
 *
 * @param asset the asset
 * @param device the asset as a device (id {@code cmdb:…}), empty when it names no manufacturer and
 *     model (nothing to match)
 */
public record UnobservedAsset(CmdbAsset asset, Optional<Device> device) {

  public UnobservedAsset {
    Objects.requireNonNull(asset, "asset");
    Objects.requireNonNull(device, "device");
  }
}

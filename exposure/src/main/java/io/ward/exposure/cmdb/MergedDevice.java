package io.ward.exposure.cmdb;

import io.ward.model.Device;
import io.ward.model.exposure.CmdbAsset;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * An observed device after the merge: the device with what the CMDB adds (as {@code cmdb:}
 * evidence, attributes the network did not show filled in), the asset it met and how, the CMDB's
 * own fields (asset tag, department, location, unmapped columns) and its conflicts.
 *
 * @param device the device, enriched
 * @param asset the CMDB asset merged into it, empty when none matched
 * @param matchedBy the identifier that tied them
 * @param cmdbFields the asset's own fields: {@code assetTag}, {@code department}, {@code location}
 *     and every unmapped column by header
 * @param conflicts the disagreements between the asset and the device
 */
public record MergedDevice(
    Device device,
    Optional<CmdbAsset> asset,
    Optional<CmdbMatchKey> matchedBy,
    Map<String, String> cmdbFields,
    List<CmdbConflict> conflicts) {

  public MergedDevice {
    Objects.requireNonNull(device, "device");
    Objects.requireNonNull(asset, "asset");
    Objects.requireNonNull(matchedBy, "matchedBy");
    cmdbFields = Map.copyOf(cmdbFields);
    conflicts = List.copyOf(conflicts);
  }
}

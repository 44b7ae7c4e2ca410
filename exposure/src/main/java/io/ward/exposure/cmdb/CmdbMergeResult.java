package io.ward.exposure.cmdb;

import io.ward.model.Device;
import io.ward.model.exposure.CmdbAsset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What the merge found.
 *
 * @param devices every observed device, in input order, enriched where an asset matched
 * @param unobserved assets no observed device matched by any identifier, in file order, each with
 *     the device it becomes (id {@code cmdb:…}, every attribute from the CMDB) when it names a
 *     manufacturer and model, so that it can still be matched against advisories
 * @param conflicts every conflict, devices' first, then rows that could not be merged
 */
public record CmdbMergeResult(
    List<MergedDevice> devices, List<UnobservedAsset> unobserved, List<CmdbConflict> conflicts) {

  public CmdbMergeResult {
    devices = List.copyOf(devices);
    unobserved = List.copyOf(unobserved);
    conflicts = List.copyOf(conflicts);
  }

  /** The assets no observed device matched. */
  public List<CmdbAsset> notObserved() {
    return unobserved.stream().map(UnobservedAsset::asset).toList();
  }

  /** Those of them that became devices (they name a manufacturer and a model). */
  public List<Device> notObservedDevices() {
    return unobserved.stream().map(UnobservedAsset::device).flatMap(Optional::stream).toList();
  }

  /** The devices to match against advisories: the merged observed ones, then the not observed. */
  public List<Device> devicesForMatching() {
    List<Device> out = new ArrayList<>(devices.size() + unobserved.size());
    devices.forEach(m -> out.add(m.device()));
    out.addAll(notObservedDevices());
    return List.copyOf(out);
  }

  /** How many observed devices an asset matched. */
  public long matchedCount() {
    return devices.stream().filter(m -> m.asset().isPresent()).count();
  }
}

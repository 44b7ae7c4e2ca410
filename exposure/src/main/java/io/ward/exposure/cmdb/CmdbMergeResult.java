package io.ward.exposure.cmdb;

import io.ward.model.Device;
import io.ward.model.exposure.CmdbAsset;
import java.util.ArrayList;
import java.util.List;

/**
 * What the merge found.
 *
 * @param devices every observed device, in input order, enriched where an asset matched
 * @param notObserved assets no observed device matched by any identifier
 * @param notObservedDevices those assets as devices (id {@code cmdb:…}, every attribute from the
 *     CMDB), so that they can still be matched against advisories
 * @param conflicts every conflict, devices' first, then rows that could not be merged
 */
public record CmdbMergeResult(
    List<MergedDevice> devices,
    List<CmdbAsset> notObserved,
    List<Device> notObservedDevices,
    List<CmdbConflict> conflicts) {

  public CmdbMergeResult {
    devices = List.copyOf(devices);
    notObserved = List.copyOf(notObserved);
    notObservedDevices = List.copyOf(notObservedDevices);
    conflicts = List.copyOf(conflicts);
  }

  /** The devices to match against advisories: the merged observed ones, then the not observed. */
  public List<Device> devicesForMatching() {
    List<Device> out = new ArrayList<>(devices.size() + notObservedDevices.size());
    devices.forEach(m -> out.add(m.device()));
    out.addAll(notObservedDevices);
    return List.copyOf(out);
  }

  /** How many observed devices an asset matched. */
  public long matchedCount() {
    return devices.stream().filter(m -> m.asset().isPresent()).count();
  }
}

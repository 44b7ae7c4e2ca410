package io.ward.exposure.match;

import io.ward.model.Device;
import io.ward.model.exposure.Advisory;
import io.ward.model.exposure.Finding;
import io.ward.model.exposure.Sbom;
import java.util.Collection;
import java.util.List;
import java.util.Set;

/**
 * Keeps the findings of an inventory up to date as advisories and devices arrive: a new device is
 * matched alone (nothing at all when a device of the same vendor, model and firmware is known); a
 * new advisory re-matches only the subjects whose identity matches one of its products, and only
 * against its own statements. The findings are always those a full re-match would give. Not
 * thread-safe.
 */
public final class IncrementalMatcher {

  private final MatchIndex index;
  private final Fleet fleet;

  /** Starts from an index (possibly empty) and the SBOMs known for device models. */
  public IncrementalMatcher(MatchIndex index, List<Sbom> sboms) {
    this.index = index;
    this.fleet = new Fleet(index, index.catalog(List.copyOf(sboms)), true);
  }

  /** Adds or replaces a device and matches it; returns its findings. */
  public List<Finding> addDevice(Device device) {
    fleet.register(List.of(device));
    return fleet.findingsOf(device.id());
  }

  /** Adds or replaces a device and matches it; returns how many findings it has. */
  public int addDeviceCounting(Device device) {
    fleet.register(List.of(device));
    return fleet.findingCount(device.id());
  }

  /** Adds or replaces many devices at once (matched on every core). */
  public void addDevices(Collection<Device> devices) {
    fleet.register(devices);
  }

  /** Adds an advisory and re-matches what it touches; returns the re-matched device ids, sorted. */
  public Set<String> addAdvisory(Advisory advisory) {
    return fleet.devicesOf(fleet.apply(index.addAdvisory(advisory)));
  }

  /**
   * Adds an advisory and re-matches what it touches; returns how many distinct subjects (identity
   * and version) were re-matched, without listing the devices.
   */
  public int addAdvisoryCounting(Advisory advisory) {
    return fleet.apply(index.addAdvisory(advisory)).size();
  }

  /** The current findings of a device (empty when unknown). */
  public List<Finding> findingsOf(String deviceId) {
    return fleet.findingsOf(deviceId);
  }

  /** The current number of findings of a device. */
  public int findingCount(String deviceId) {
    return fleet.findingCount(deviceId);
  }

  /** The current number of findings over all devices. */
  public long findingCount() {
    return fleet.totals()[3];
  }
}

package io.ward.exposure.match;

import io.ward.model.exposure.Finding;
import io.ward.model.exposure.FindingStatus;
import java.util.Collection;
import java.util.List;

/**
 * The findings of a whole inventory from {@link MatchIndex#matchAll}: counted at once, built as
 * {@link Finding} records (with their explanations) per device on demand. Reading findings of
 * different devices from several threads is safe.
 */
public final class FleetMatch {

  private final Fleet fleet;
  private long[] totals;

  FleetMatch(Fleet fleet) {
    this.fleet = fleet;
  }

  /** Counted once, on first use: counting is a query on the match, not part of it. */
  private synchronized long[] totals() {
    if (totals == null) {
      totals = fleet.totals();
    }
    return totals;
  }

  /** The matched device ids, in the order given. */
  public Collection<String> deviceIds() {
    return java.util.Collections.unmodifiableCollection(fleet.deviceIds());
  }

  /** The findings of one device, sorted by id (empty for an unknown device). */
  public List<Finding> findingsOf(String deviceId) {
    return fleet.findingsOf(deviceId);
  }

  /** How many findings one device has. */
  public int findingCount(String deviceId) {
    return fleet.findingCount(deviceId);
  }

  /** Findings over all devices. */
  public long findingCount() {
    return totals()[3];
  }

  /** Findings over all devices with this status. */
  public long findingCount(FindingStatus status) {
    return totals()[status.ordinal()];
  }

  /** How the work was shared out. */
  public Statistics statistics() {
    return new Statistics(
        fleet.deviceCount(),
        fleet.shapeCount(),
        fleet.subjectInstances(),
        fleet.nodeCount(),
        fleet.resultCount(),
        fleet.resultFindings());
  }

  /**
   * How many things were matched.
   *
   * @param devices devices
   * @param shapes distinct (vendor, model, firmware) device shapes
   * @param subjectInstances subjects over all devices (each device plus its SBOM components)
   * @param subjectIdentities distinct subject identities (vendor, model or component, CPE, purl)
   * @param distinctSubjects distinct (subject identity, version) pairs, each matched once
   * @param distinctFindings findings of those distinct pairs, before they fan out to devices
   */
  public record Statistics(
      int devices,
      int shapes,
      long subjectInstances,
      int subjectIdentities,
      int distinctSubjects,
      long distinctFindings) {}
}

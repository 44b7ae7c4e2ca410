package io.ward.server.inventory;

/**
 * What merging one analysis into the stored inventory did.
 *
 * @param captureId the stored capture
 * @param devicesAdded devices stored for the first time
 * @param devicesUpdated devices already stored whose attributes or times changed
 * @param changes attribute changes recorded in the history
 * @param flowHours device-pair hours added or summed into
 * @param externalEndpoints external endpoints of the analysis (see {@link ExternalEndpointsSeen})
 * @param externalEndpointsAdded those stored for the first time
 * @param reconciliation devices moved to the external endpoints, kept, and endpoints removed so
 *     that an address is one or the other
 * @param deviceIds the storage ids of every device of the analysis
 */
public record MergeResult(
    long captureId,
    int devicesAdded,
    int devicesUpdated,
    int changes,
    int flowHours,
    int externalEndpoints,
    int externalEndpointsAdded,
    ExternalReconciliation reconciliation,
    java.util.List<Long> deviceIds) {

  public MergeResult {
    deviceIds = java.util.List.copyOf(deviceIds);
  }
}

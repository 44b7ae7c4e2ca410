package io.ward.server.inventory;

import java.util.ArrayList;
import java.util.List;

/**
 * What an ingest changed so that an address is either a device or an external endpoint, not both
 * ({@link ExternalEndpointReconciler}).
 *
 * @param moved keys of the stored internet-host devices moved to the external endpoints
 * @param kept stored internet-host devices left as they were for the work attached to them, those
 *     kept for the first time or for other work than before: one kept again for the same work was
 *     named (and audited) by the capture that first kept it
 * @param endpointsRemoved addresses of the external endpoints removed because a device holds them
 */
public record ExternalReconciliation(
    List<String> moved, List<Kept> kept, List<String> endpointsRemoved) {

  /** Nothing to reconcile. */
  public static final ExternalReconciliation NONE =
      new ExternalReconciliation(List.of(), List.of(), List.of());

  /** Names listed in the summary; the audit log has each. */
  static final int LISTED = 5;

  public ExternalReconciliation {
    moved = List.copyOf(moved);
    kept = List.copyOf(kept);
    endpointsRemoved = List.copyOf(endpointsRemoved);
  }

  /**
   * A device kept although an ingested capture found its address to be an internet host.
   *
   * @param deviceKey its Ward id, e.g. {@code ip:203.0.113.11}
   * @param work what is attached to it, e.g. "remediation records"
   */
  public record Kept(String deviceKey, List<String> work) {
    public Kept {
      work = List.copyOf(work);
    }

    @Override
    public String toString() {
      return deviceKey + " (" + String.join(", ", work) + ")";
    }
  }

  /**
   * For the job message, e.g. "3 stale internet-host devices moved to external endpoints; 1 kept as
   * a device for the work attached to it: ip:203.0.113.11 (remediation records)"; empty when
   * nothing changed.
   */
  public String summary() {
    List<String> parts = new ArrayList<>();
    if (!moved.isEmpty()) {
      parts.add(
          moved.size()
              + (moved.size() == 1 ? " stale internet-host device" : " stale internet-host devices")
              + " moved to external endpoints");
    }
    if (!kept.isEmpty()) {
      parts.add(
          kept.size()
              + (kept.size() == 1
                  ? " internet-host device kept for the work attached to it: "
                  : " internet-host devices kept for the work attached to them: ")
              + listed(kept.stream().map(Kept::toString).toList()));
    }
    if (!endpointsRemoved.isEmpty()) {
      parts.add(
          endpointsRemoved.size()
              + (endpointsRemoved.size() == 1
                  ? " external endpoint removed, a device holds its address: "
                  : " external endpoints removed, devices hold their addresses: ")
              + listed(endpointsRemoved));
    }
    return String.join("; ", parts);
  }

  private static String listed(List<String> names) {
    String shown = String.join(", ", names.subList(0, Math.min(LISTED, names.size())));
    return names.size() > LISTED ? shown + " and " + (names.size() - LISTED) + " more" : shown;
  }
}

package io.ward.exposure.remediation;

import io.ward.exposure.version.Version;
import io.ward.model.Device;
import io.ward.model.exposure.RemediationRecord;
import io.ward.model.exposure.RemediationRecord.RiskAcceptance;
import io.ward.model.exposure.RemediationRecord.StatusChange;
import io.ward.model.exposure.RemediationStatus;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The rules of remediation records: opening with a due date, allowed status moves, risk acceptance
 * with reason and expiry, and verification of "patched" against a later inventory. Records are
 * values; each operation returns the new record (the server persists them).
 */
public final class RemediationTracker {

  private RemediationTracker() {}

  /** A new open record for findings on devices. */
  public static RemediationRecord open(
      String id,
      List<String> findingIds,
      List<String> deviceIds,
      LocalDate opened,
      LocalDate due,
      Optional<String> owner,
      Optional<String> maintenanceWindow,
      Optional<String> fixedVersion) {
    return new RemediationRecord(
        id,
        findingIds,
        deviceIds,
        RemediationStatus.OPEN,
        owner,
        opened,
        Optional.of(due),
        maintenanceWindow,
        Optional.empty(),
        fixedVersion,
        false,
        Optional.empty(),
        List.of());
  }

  /**
   * Moves a record to another status.
   *
   * @throws IllegalStateException when the move is not allowed from the current status, or risk
   *     acceptance is asked for without {@link #accept}
   */
  public static RemediationRecord move(
      RemediationRecord r, RemediationStatus to, LocalDate on, String by, String note) {
    if (to == RemediationStatus.RISK_ACCEPTED) {
      throw new IllegalStateException(
          "use accept(): a risk acceptance needs a reason and an expiry");
    }
    return change(r, to, on, by, note, r.acceptance(), false);
  }

  /** Accepts the risk, with who, why and until when. */
  public static RemediationRecord accept(
      RemediationRecord r, RiskAcceptance acceptance, LocalDate on) {
    if (!acceptance.expires().isAfter(on)) {
      throw new IllegalStateException("a risk acceptance must expire after " + on);
    }
    return change(
        r,
        RemediationStatus.RISK_ACCEPTED,
        on,
        acceptance.by(),
        acceptance.reason(),
        Optional.of(acceptance),
        false);
  }

  /** Reopens an accepted record whose acceptance has expired by {@code today}; else returns it. */
  public static RemediationRecord expire(RemediationRecord r, LocalDate today) {
    if (r.status() == RemediationStatus.RISK_ACCEPTED
        && r.acceptance().isPresent()
        && !today.isBefore(r.acceptance().get().expires())) {
      return change(
          r,
          RemediationStatus.OPEN,
          today,
          "ward",
          "risk acceptance expired",
          Optional.empty(),
          false);
    }
    return r;
  }

  /**
   * Checks a patched record against a later inventory: verified when every device shows the fixed
   * version or newer; reopened when a device still runs an older version. Devices missing from the
   * inventory leave the record unverified.
   */
  public static RemediationRecord verify(
      RemediationRecord r, Map<String, Device> inventory, LocalDate today) {
    if (r.status() != RemediationStatus.PATCHED || r.fixedVersion().isEmpty()) {
      return r;
    }
    Version fixed = Version.parse(r.fixedVersion().get());
    boolean all = true;
    for (String id : r.deviceIds()) {
      Optional<Version> fw =
          Optional.ofNullable(inventory.get(id))
              .flatMap(Device::firmware)
              .flatMap(Version::tryParse);
      if (fw.isEmpty()) {
        all = false;
      } else if (fw.get().compareTo(fixed) < 0) {
        return change(
            r,
            RemediationStatus.OPEN,
            today,
            "ward",
            "inventory shows " + id + " still on " + fw.get().text() + ", below " + fixed.text(),
            Optional.empty(),
            false);
      }
    }
    return all ? withVerified(r) : r;
  }

  /** True when the record is still open work after its due date. */
  public static boolean overdue(RemediationRecord r, LocalDate today) {
    return !r.status().closed() && r.due().map(today::isAfter).orElse(false);
  }

  private static RemediationRecord change(
      RemediationRecord r,
      RemediationStatus to,
      LocalDate on,
      String by,
      String note,
      Optional<RiskAcceptance> acceptance,
      boolean verified) {
    if (!r.status().next().contains(to)) {
      throw new IllegalStateException("cannot move from " + r.status().id() + " to " + to.id());
    }
    List<StatusChange> history = new ArrayList<>(r.history());
    history.add(new StatusChange(on, r.status(), to, by, note));
    Optional<LocalDate> closed = to.closed() ? Optional.of(on) : Optional.empty();
    return new RemediationRecord(
        r.id(),
        r.findingIds(),
        r.deviceIds(),
        to,
        r.owner(),
        r.opened(),
        r.due(),
        r.maintenanceWindow(),
        to == RemediationStatus.RISK_ACCEPTED ? acceptance : Optional.empty(),
        r.fixedVersion(),
        verified,
        closed,
        history);
  }

  private static RemediationRecord withVerified(RemediationRecord r) {
    return new RemediationRecord(
        r.id(),
        r.findingIds(),
        r.deviceIds(),
        r.status(),
        r.owner(),
        r.opened(),
        r.due(),
        r.maintenanceWindow(),
        r.acceptance(),
        r.fixedVersion(),
        true,
        r.closed(),
        r.history());
  }
}

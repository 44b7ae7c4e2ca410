package io.ward.server.exposure;

import io.ward.model.exposure.RemediationRecord.RiskAcceptance;
import io.ward.model.exposure.RemediationStatus;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One remediation record as stored.
 *
 * @param version increases on every change; pass it back to {@link RemediationService#update}
 * @param dueBasis why the due date is what it is, e.g. {@code policy: in CISA KEV, 15 days}; empty
 *     when a person set it
 * @param verified a later inventory showed the fixed version on every device (patched records)
 * @param overdue open work past its due date (as of the day it was read)
 * @param history every status change, oldest first
 * @param group what a group record was chosen by (advisory or CVE, vendor, model, firmware); empty
 *     for a record whose findings and devices were picked one by one
 * @param urgency the most urgent decision among its findings ({@code act-now} … {@code defer}),
 *     empty when none of them was assessed
 */
public record Remediation(
    long id,
    String title,
    RemediationStatus status,
    Optional<String> owner,
    LocalDate opened,
    Optional<LocalDate> due,
    Optional<String> dueBasis,
    Optional<String> maintenanceWindow,
    Optional<RiskAcceptance> acceptance,
    Optional<String> fixedVersion,
    boolean verified,
    Optional<LocalDate> closed,
    List<Long> findingIds,
    List<Long> deviceIds,
    List<Change> history,
    int version,
    boolean overdue,
    Optional<String> group,
    Optional<String> urgency) {

  public Remediation {
    findingIds = List.copyOf(findingIds);
    deviceIds = List.copyOf(deviceIds);
    history = List.copyOf(history);
  }

  /** One status change: when, from, to, by whom and why. */
  public record Change(
      Instant at, RemediationStatus from, RemediationStatus to, String by, String note) {}

  /**
   * What a new record starts with.
   *
   * @param due the due date; empty lets the remediation policy set it from the findings
   * @param findingIds findings it covers (storage ids)
   * @param deviceIds devices it covers (storage ids)
   * @param group what a group was chosen by, for a group record
   */
  public record Draft(
      String title,
      List<Long> findingIds,
      List<Long> deviceIds,
      Optional<String> owner,
      Optional<LocalDate> due,
      Optional<String> maintenanceWindow,
      Optional<String> group) {

    /** A record whose findings and devices were picked one by one. */
    public Draft(
        String title,
        List<Long> findingIds,
        List<Long> deviceIds,
        Optional<String> owner,
        Optional<LocalDate> due,
        Optional<String> maintenanceWindow) {
      this(title, findingIds, deviceIds, owner, due, maintenanceWindow, Optional.empty());
    }

    public Draft {
      if (title == null || title.isBlank() || title.length() > 500) {
        throw new IllegalArgumentException("a title of 1 to 500 characters is required");
      }
      findingIds = List.copyOf(findingIds);
      deviceIds = List.copyOf(deviceIds);
    }
  }

  /** Editable fields; empty leaves a field as it is. */
  public record Edit(
      Optional<String> owner,
      Optional<LocalDate> due,
      Optional<String> maintenanceWindow,
      Optional<String> fixedVersion) {

    /** The fields it sets, as the audit log shows them: {@code owner=…, due=…}. */
    public String describe() {
      List<String> set = new ArrayList<>();
      owner.ifPresent(v -> set.add("owner=" + v));
      due.ifPresent(v -> set.add("due=" + v));
      maintenanceWindow.ifPresent(v -> set.add("maintenance window=" + v));
      fixedVersion.ifPresent(v -> set.add("fixed version=" + v));
      return set.isEmpty() ? "no field set" : String.join(", ", set);
    }
  }
}

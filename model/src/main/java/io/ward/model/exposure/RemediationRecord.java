package io.ward.model.exposure;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The tracking of one remediation: for one finding or a group of devices with the same finding.
 *
 * @param id record id
 * @param findingIds the findings it covers
 * @param deviceIds the devices it covers
 * @param status the current status
 * @param owner who is responsible
 * @param opened when the record was opened
 * @param due the due date from the policy
 * @param maintenanceWindow when the work may be done, e.g. {@code Sun 02:00-06:00} (clinical
 *     devices are patched when not in use)
 * @param acceptance the risk acceptance, when the status is risk accepted
 * @param fixedVersion the version that closes it, checked against later inventories
 * @param verified true when a later inventory showed the fixed version on every device
 * @param closed when it reached patched, mitigated or accepted
 * @param history every status change, oldest first
 */
public record RemediationRecord(
    String id,
    List<String> findingIds,
    List<String> deviceIds,
    RemediationStatus status,
    Optional<String> owner,
    LocalDate opened,
    Optional<LocalDate> due,
    Optional<String> maintenanceWindow,
    Optional<RiskAcceptance> acceptance,
    Optional<String> fixedVersion,
    boolean verified,
    Optional<LocalDate> closed,
    List<StatusChange> history) {

  public RemediationRecord {
    Checks.text(id, "id");
    findingIds = List.copyOf(findingIds);
    deviceIds = List.copyOf(deviceIds);
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(owner, "owner");
    Objects.requireNonNull(opened, "opened");
    Objects.requireNonNull(due, "due");
    Objects.requireNonNull(maintenanceWindow, "maintenanceWindow");
    Objects.requireNonNull(acceptance, "acceptance");
    Objects.requireNonNull(fixedVersion, "fixedVersion");
    Objects.requireNonNull(closed, "closed");
    history = List.copyOf(history);
  }

  /**
   * A risk acceptance.
   *
   * @param by who accepted
   * @param reason why
   * @param expires when the acceptance lapses and the record reopens
   */
  public record RiskAcceptance(String by, String reason, LocalDate expires) {
    public RiskAcceptance {
      Checks.text(by, "by");
      Checks.text(reason, "reason");
      Objects.requireNonNull(expires, "expires");
    }
  }

  /**
   * One status change.
   *
   * @param on the day
   * @param from the previous status
   * @param to the new status
   * @param by who made it
   * @param note why
   */
  public record StatusChange(
      LocalDate on, RemediationStatus from, RemediationStatus to, String by, String note) {
    public StatusChange {
      Objects.requireNonNull(on, "on");
      Objects.requireNonNull(from, "from");
      Objects.requireNonNull(to, "to");
      Objects.requireNonNull(by, "by");
      Objects.requireNonNull(note, "note");
    }
  }
}

package io.ward.server.api;

import io.ward.model.exposure.RemediationStatus;
import io.ward.server.exposure.Remediation;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/** The API's view of remediation records and the bodies that change them. */
public final class RemediationJson {
  /** Longest title. */
  public static final int MAX_TITLE = 500;

  /** Longest owner name. */
  public static final int MAX_OWNER = 100;

  /** Longest maintenance window text. */
  public static final int MAX_WINDOW = 200;

  /** Longest fixed version. */
  public static final int MAX_VERSION = 100;

  /** Longest note or acceptance reason. */
  public static final int MAX_NOTE = 2000;

  private RemediationJson() {}

  /**
   * A remediation record.
   *
   * @param dueFromPolicy the due date came from the remediation policy, not from a person
   * @param dueBasis why, e.g. {@code policy: CVE-2024-1 in CISA KEV, 15 days}
   * @param verified a later inventory showed the fixed version on every device covered
   * @param version pass back when editing; a stale version is refused with 409
   * @param next the statuses it may move to
   * @param group what a group record was chosen by (advisory or CVE, vendor, model, firmware)
   * @param urgency the most urgent decision among its findings, e.g. {@code act-now}
   */
  public record View(
      long id,
      String title,
      String status,
      Optional<String> owner,
      LocalDate opened,
      Optional<LocalDate> due,
      boolean dueFromPolicy,
      Optional<String> dueBasis,
      boolean overdue,
      Optional<String> maintenanceWindow,
      Optional<Acceptance> acceptance,
      Optional<String> fixedVersion,
      boolean verified,
      Optional<LocalDate> closed,
      List<Long> findingIds,
      List<Long> deviceIds,
      List<Change> history,
      int version,
      List<String> next,
      Optional<String> group,
      Optional<String> urgency) {

    /** The view of a stored record. */
    public static View of(Remediation r) {
      return new View(
          r.id(),
          r.title(),
          r.status().id(),
          r.owner(),
          r.opened(),
          r.due(),
          r.dueBasis().isPresent(),
          r.dueBasis(),
          r.overdue(),
          r.maintenanceWindow(),
          r.acceptance().map(a -> new Acceptance(a.by(), a.reason(), a.expires())),
          r.fixedVersion(),
          r.verified(),
          r.closed(),
          r.findingIds(),
          r.deviceIds(),
          r.history().stream()
              .map(c -> new Change(c.at(), c.from().id(), c.to().id(), c.by(), c.note()))
              .toList(),
          r.version(),
          r.status().next().stream().map(RemediationStatus::id).sorted().toList(),
          r.group(),
          r.urgency());
    }
  }

  /** One status change. */
  public record Change(Instant at, String from, String to, String by, String note) {}

  /** Who accepted a risk, why, and until when. */
  public record Acceptance(String by, String reason, LocalDate expires) {}

  /** A new record: a title and what it covers. */
  public record Create(
      String title,
      List<Long> findingIds,
      List<Long> deviceIds,
      String owner,
      LocalDate due,
      String maintenanceWindow) {}

  /**
   * A group record: exactly one of {@code advisoryKey}, {@code vulnerability} (a CVE) and {@code
   * findingIds} (their CVEs) chooses the open findings across devices; {@code vendor}, {@code
   * model} and {@code firmware} narrow them to the devices of one product. Without a title the
   * group names the record.
   */
  public record Group(
      String title,
      String advisoryKey,
      String vulnerability,
      List<Long> findingIds,
      String vendor,
      String model,
      String firmware,
      String owner,
      LocalDate due,
      String maintenanceWindow) {}

  /**
   * Editable fields (absent ones are kept) and the version they were read at.
   *
   * @param version the record's version as read
   */
  public record Edit(
      Integer version,
      String owner,
      LocalDate due,
      String maintenanceWindow,
      String fixedVersion) {}

  /**
   * A move to another status.
   *
   * @param to the status id, e.g. {@code in-progress}
   * @param acceptance required for {@code risk-accepted}
   */
  public record Transition(String to, String note, Acceptance acceptance) {}
}

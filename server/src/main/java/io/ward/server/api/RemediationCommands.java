package io.ward.server.api;

import io.ward.model.exposure.RemediationRecord.RiskAcceptance;
import io.ward.model.exposure.RemediationStatus;
import io.ward.server.audit.Actor;
import io.ward.server.exposure.AdvisoryQueries;
import io.ward.server.exposure.Remediation;
import io.ward.server.exposure.RemediationGroups;
import io.ward.server.exposure.RemediationService;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.stereotype.Service;

/**
 * Checks remediation requests (lengths, known statuses, allowed moves) before the {@link
 * RemediationService} runs them, and turns its refusals into API problems: the API and the console
 * both go through here, so they refuse the same things the same way.
 */
@Service
public class RemediationCommands {
  private final RemediationService service;
  private final RemediationGroups groups;

  RemediationCommands(RemediationService service, RemediationGroups groups) {
    this.service = service;
    this.groups = groups;
  }

  /** Opens one record for a group of findings across devices; a group that is empty is a 400. */
  public Remediation createGroup(RemediationJson.Group body, Actor actor) {
    if (body == null) {
      throw ApiException.badRequest(
          "a JSON body with one of advisoryKey, vulnerability and findingIds is required");
    }
    return openGroup(
        () ->
            new RemediationGroups.Selector(
                Params.text("advisoryKey", body.advisoryKey(), 300),
                Params.text("vulnerability", body.vulnerability(), 100),
                ids("findingIds", body.findingIds()),
                Params.text("vendor", body.vendor(), 200),
                Params.text("model", body.model(), 200),
                Params.text("firmware", body.firmware(), 200)),
        body,
        actor);
  }

  /**
   * Opens one record for an advisory's open findings on one product exactly as the advisory page
   * listed it: an empty vendor, model or firmware chooses the devices without one (through {@link
   * #createGroup(RemediationJson.Group, Actor)} an empty value means "any").
   */
  public Remediation createProductGroup(
      String advisoryKey,
      AdvisoryQueries.DeviceGroup product,
      RemediationJson.Group body,
      Actor actor) {
    return openGroup(
        () ->
            new RemediationGroups.Selector(
                Params.text("advisoryKey", advisoryKey, 300),
                Optional.empty(),
                List.of(),
                Optional.of(product.vendor()),
                Optional.of(product.model()),
                Optional.of(product.firmware())),
        body,
        actor);
  }

  private Remediation openGroup(
      java.util.function.Supplier<RemediationGroups.Selector> selector,
      RemediationJson.Group body,
      Actor actor) {
    RemediationGroups.Selector chosen;
    Optional<String> title;
    Optional<String> owner;
    Optional<LocalDate> due;
    Optional<String> window;
    try {
      chosen = selector.get();
      title = Params.text("title", body.title(), RemediationJson.MAX_TITLE);
      owner = Params.text("owner", body.owner(), RemediationJson.MAX_OWNER);
      due = due(body.due());
      window =
          Params.text("maintenanceWindow", body.maintenanceWindow(), RemediationJson.MAX_WINDOW);
    } catch (NoSuchElementException | IllegalArgumentException e) {
      throw ApiException.badRequest(e.getMessage());
    }
    // A group is chosen and opened in one repeatable-read transaction, which PostgreSQL aborts when
    // a row it writes (the audit log's head, which every audited change moves) was changed by a
    // transaction that committed after it began. Run again, it reads afresh; PostgreSQL's manual
    // asks applications to retry such transactions.
    for (int attempt = 1; ; attempt++) {
      try {
        return groups.create(chosen, title, owner, due, window, actor);
      } catch (NoSuchElementException | IllegalArgumentException e) {
        throw ApiException.badRequest(e.getMessage());
      } catch (ConcurrencyFailureException e) {
        if (attempt == GROUP_ATTEMPTS) {
          throw ApiException.conflict(
              "other changes kept meeting this one; try again", Map.of("attempts", attempt));
        }
      }
    }
  }

  /** Tries at opening a group before a concurrent change is reported (409). */
  static final int GROUP_ATTEMPTS = 3;

  /** One record, or 404. */
  public Remediation get(long id) {
    return service.get(id).orElseThrow(() -> ApiException.notFound("no remediation " + id));
  }

  /** Opens a record; unknown findings or devices are a 400. */
  public Remediation create(RemediationJson.Create body, Actor actor) {
    if (body == null) {
      throw ApiException.badRequest("a JSON body with a title is required");
    }
    String title = Params.required("title", body.title(), RemediationJson.MAX_TITLE);
    List<Long> findings = ids("findingIds", body.findingIds());
    List<Long> devices = ids("deviceIds", body.deviceIds());
    Remediation.Draft draft =
        new Remediation.Draft(
            title,
            findings,
            devices,
            Params.text("owner", body.owner(), RemediationJson.MAX_OWNER),
            due(body.due()),
            Params.text("maintenanceWindow", body.maintenanceWindow(), RemediationJson.MAX_WINDOW));
    try {
      return service.create(draft, actor);
    } catch (NoSuchElementException e) {
      throw ApiException.badRequest(e.getMessage());
    }
  }

  /** Edits fields if the record is still at the version given; a stale version is a 409. */
  public Remediation edit(long id, RemediationJson.Edit body, Actor actor) {
    if (body == null || body.version() == null) {
      throw ApiException.badRequest("version (as read) is required");
    }
    get(id);
    Remediation.Edit edit =
        new Remediation.Edit(
            Params.text("owner", body.owner(), RemediationJson.MAX_OWNER),
            due(body.due()),
            Params.text("maintenanceWindow", body.maintenanceWindow(), RemediationJson.MAX_WINDOW),
            Params.text("fixedVersion", body.fixedVersion(), RemediationJson.MAX_VERSION));
    try {
      return service.update(id, body.version(), edit, actor);
    } catch (IllegalStateException e) {
      throw ApiException.conflict(e.getMessage(), Map.of("currentVersion", get(id).version()));
    }
  }

  /**
   * Moves a record to another status: an unknown status is a 400, a move the current status does
   * not allow a 409 listing the allowed ones, a risk acceptance without who, why and until when a
   * 400.
   */
  public Remediation transition(long id, RemediationJson.Transition body, Actor actor) {
    if (body == null) {
      throw ApiException.badRequest("a JSON body with the target status 'to' is required");
    }
    RemediationStatus to =
        Params.id("to", body.to(), RemediationStatus.class, RemediationStatus::id)
            .orElseThrow(() -> ApiException.badRequest("to (the target status) is required"));
    String note = Params.text("note", body.note(), RemediationJson.MAX_NOTE).orElse("");
    Remediation current = get(id);
    if (!current.status().next().contains(to)) {
      throw ApiException.conflict(
          "a " + current.status().id() + " record cannot move to " + to.id(),
          Map.of(
              "currentStatus",
              current.status().id(),
              "allowed",
              current.status().next().stream().map(RemediationStatus::id).sorted().toList()));
    }
    Optional<RiskAcceptance> acceptance = acceptance(to, body.acceptance());
    try {
      return service.transition(id, to, note, acceptance, actor);
    } catch (IllegalStateException e) {
      throw ApiException.conflict(e.getMessage(), Map.of());
    } catch (IllegalArgumentException e) {
      throw ApiException.badRequest(e.getMessage());
    }
  }

  private static Optional<RiskAcceptance> acceptance(
      RemediationStatus to, RemediationJson.Acceptance a) {
    if (to != RemediationStatus.RISK_ACCEPTED) {
      return Optional.empty();
    }
    if (a == null) {
      throw ApiException.badRequest("accepting a risk needs acceptance.by, .reason and .expires");
    }
    String by = Params.required("acceptance.by", a.by(), RemediationJson.MAX_OWNER);
    String reason = Params.required("acceptance.reason", a.reason(), RemediationJson.MAX_NOTE);
    LocalDate today = LocalDate.now(java.time.ZoneOffset.UTC);
    if (a.expires() == null || !a.expires().isAfter(today)) {
      throw ApiException.badRequest("acceptance.expires must be a date in the future");
    }
    if (a.expires().isAfter(today.plusYears(MAX_ACCEPTANCE_YEARS))) {
      throw ApiException.badRequest(
          "acceptance.expires is at most "
              + MAX_ACCEPTANCE_YEARS
              + " years ahead: an accepted risk is reviewed again");
    }
    return Optional.of(new RiskAcceptance(by, reason, a.expires()));
  }

  /**
   * Longest a risk may stay accepted: an acceptance until the year 9999 was a permanent one, which
   * the rule that every acceptance says until when is there to prevent.
   */
  static final int MAX_ACCEPTANCE_YEARS = 5;

  /** Due dates from this year on are taken; earlier ones are typing mistakes. */
  static final LocalDate EARLIEST_DUE = LocalDate.of(2000, 1, 1);

  /** The last due date taken: four-digit years, as dates are written and shown. */
  static final LocalDate LATEST_DUE = LocalDate.of(9999, 12, 31);

  /**
   * A due date, when given, within {@link #EARLIEST_DUE} and {@link #LATEST_DUE}: the database
   * stored a date before 4713 BC as minus infinity, a record that never fell overdue.
   */
  private static Optional<LocalDate> due(LocalDate due) {
    if (due != null && (due.isBefore(EARLIEST_DUE) || due.isAfter(LATEST_DUE))) {
      throw ApiException.badRequest(
          "due must be a date from " + EARLIEST_DUE + " to " + LATEST_DUE);
    }
    return Optional.ofNullable(due);
  }

  private static List<Long> ids(String field, List<Long> ids) {
    if (ids == null) {
      return List.of();
    }
    if (ids.size() > 1000) {
      throw ApiException.badRequest(field + " holds more than 1000 ids");
    }
    if (ids.stream().anyMatch(i -> i == null || i < 1)) {
      throw ApiException.badRequest(field + " holds an id that is not a positive number");
    }
    return ids.stream().distinct().toList();
  }
}

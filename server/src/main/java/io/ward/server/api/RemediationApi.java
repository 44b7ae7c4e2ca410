package io.ward.server.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.ward.model.exposure.RemediationStatus;
import io.ward.server.audit.Actor;
import io.ward.server.exposure.Remediation;
import io.ward.server.exposure.RemediationService;
import io.ward.server.exposure.RemediationService.BoardOrder;
import java.net.URI;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/v1/remediations}: the remediation board, records and their status moves. */
@RestController
@RequestMapping("/api/v1/remediations")
@Tag(name = "Remediation")
class RemediationApi {
  private final RemediationService service;
  private final RemediationCommands commands;

  RemediationApi(RemediationService service, RemediationCommands commands) {
    this.service = service;
    this.commands = commands;
  }

  @GetMapping
  @Operation(
      summary =
          "The board (status, owner, overdue filters), by due date (overdue first), by urgency"
              + " (most urgent SSVC decision of its findings first) or by owner")
  List<RemediationJson.View> board(
      @Parameter(description = "open, planned, in-progress, patched, mitigated, risk-accepted")
          @RequestParam(name = "status", required = false)
          String status,
      @RequestParam(name = "owner", required = false) String owner,
      @RequestParam(name = "overdue", defaultValue = "false") boolean overdue,
      @Parameter(description = "due (default), urgency or owner")
          @RequestParam(name = "sort", required = false)
          String sort) {
    return service
        .board(
            Params.id("status", status, RemediationStatus.class, RemediationStatus::id),
            Params.text("owner", owner, RemediationJson.MAX_OWNER),
            overdue,
            Params.id("sort", sort, BoardOrder.class, BoardOrder::id).orElse(BoardOrder.DUE))
        .stream()
        .map(RemediationJson.View::of)
        .toList();
  }

  @PostMapping
  @Operation(summary = "Open a record for findings and devices")
  ResponseEntity<RemediationJson.View> create(@RequestBody RemediationJson.Create body) {
    Remediation r = commands.create(body, Actor.current());
    return ResponseEntity.created(URI.create("/api/v1/remediations/" + r.id()))
        .body(RemediationJson.View.of(r));
  }

  @PostMapping("/groups")
  @Operation(
      summary =
          "Open one record for a group: every open finding of an advisory, a CVE or the CVEs of"
              + " given findings, across devices, optionally only those of one vendor, model and"
              + " firmware (400 when the group is empty)",
      description =
          "Findings already in open work (a record open, planned or in progress) are left out:"
              + " the new record's group says how many and which records hold them, and a group"
              + " whose every finding is held elsewhere is a 400 naming those records. Findings of"
              + " closed records (patched, mitigated, risk accepted) may be grouped again.")
  ResponseEntity<RemediationJson.View> createGroup(@RequestBody RemediationJson.Group body) {
    Remediation r = commands.createGroup(body, Actor.current());
    return ResponseEntity.created(URI.create("/api/v1/remediations/" + r.id()))
        .body(RemediationJson.View.of(r));
  }

  @GetMapping("/{id}")
  @Operation(summary = "One record with its history")
  RemediationJson.View get(@PathVariable("id") long id) {
    return RemediationJson.View.of(commands.get(id));
  }

  @PatchMapping("/{id}")
  @Operation(summary = "Edit owner, due date, window or fixed version (409 when stale)")
  RemediationJson.View edit(@PathVariable("id") long id, @RequestBody RemediationJson.Edit body) {
    return RemediationJson.View.of(commands.edit(id, body, Actor.current()));
  }

  @PostMapping("/{id}/transitions")
  @Operation(summary = "Move to another status (409 when the current status does not allow it)")
  RemediationJson.View transition(
      @PathVariable("id") long id, @RequestBody RemediationJson.Transition body) {
    return RemediationJson.View.of(commands.transition(id, body, Actor.current()));
  }
}

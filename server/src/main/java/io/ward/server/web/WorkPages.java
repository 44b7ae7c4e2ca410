package io.ward.server.web;

import io.ward.model.Category;
import io.ward.model.exposure.Decision;
import io.ward.model.exposure.FindingKind;
import io.ward.model.exposure.FindingStatus;
import io.ward.model.exposure.RemediationStatus;
import io.ward.server.api.ApiException;
import io.ward.server.api.CurrentUser;
import io.ward.server.api.FindingJson;
import io.ward.server.api.FindingParams;
import io.ward.server.api.Params;
import io.ward.server.api.RemediationCommands;
import io.ward.server.api.RemediationJson;
import io.ward.server.audit.Actor;
import io.ward.server.exposure.AdvisoryQueries;
import io.ward.server.exposure.FindingFilter;
import io.ward.server.exposure.FindingRow;
import io.ward.server.exposure.FindingService;
import io.ward.server.exposure.Remediation;
import io.ward.server.exposure.RemediationGroups;
import io.ward.server.exposure.RemediationService;
import io.ward.server.exposure.RemediationService.BoardOrder;
import io.ward.server.inventory.DeviceQueryService;
import io.ward.server.inventory.Page;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Vulnerabilities ({@code /findings}) and the remediation board ({@code /remediations}). */
@Controller
class WorkPages {
  private final FindingService findings;
  private final RemediationService remediations;
  private final RemediationCommands commands;
  private final DeviceQueryService devices;

  WorkPages(
      FindingService findings,
      RemediationService remediations,
      RemediationCommands commands,
      DeviceQueryService devices) {
    this.findings = findings;
    this.remediations = remediations;
    this.commands = commands;
    this.devices = devices;
  }

  @GetMapping("/findings")
  String findings(
      @RequestParam(name = "status", required = false) String status,
      @RequestParam(name = "kev", defaultValue = "false") boolean kev,
      @RequestParam(name = "decision", required = false) String decision,
      @RequestParam(name = "kind", required = false) String kind,
      @RequestParam(name = "category", required = false) String category,
      @RequestParam(name = "vendor", required = false) String vendor,
      @RequestParam(name = "q", required = false) String q,
      @RequestParam(name = "sort", required = false) String sort,
      @RequestParam(name = "cursor", required = false) String cursor,
      Model model) {
    FindingFilter filter =
        FindingParams.filter(status, kev, decision, kind, category, vendor, q, sort);
    Page<FindingRow> page;
    try {
      page = findings.search(filter, Params.text("cursor", cursor, 100), 50);
    } catch (IllegalArgumentException e) {
      throw ApiException.badRequest(e.getMessage());
    }
    // The filters as given, kept in the next-page link (encoded) and in the form.
    Map<String, String> kept = new LinkedHashMap<>();
    filter.status().ifPresent(x -> kept.put("status", x.id()));
    if (kev) {
      kept.put("kev", "true");
    }
    filter.decision().ifPresent(x -> kept.put("decision", x.id()));
    filter.kind().ifPresent(x -> kept.put("kind", x.id()));
    filter.category().ifPresent(x -> kept.put("category", x.id()));
    filter.vendor().ifPresent(x -> kept.put("vendor", x));
    filter.text().ifPresent(x -> kept.put("q", x));
    if (filter.ascending()) {
      kept.put("sort", FindingParams.SCORE_ASC);
    }
    model.addAttribute("page", "findings");
    model.addAttribute("rows", page.items().stream().map(FindingJson::of).toList());
    model.addAttribute("filter", kept);
    model.addAttribute("kev", kev);
    model.addAttribute("statuses", FindingStatus.values());
    model.addAttribute("decisions", Decision.values());
    model.addAttribute("kinds", FindingKind.values());
    model.addAttribute("categories", Category.values());
    model.addAttribute(
        "nextUrl",
        page.nextCursor()
            .map(
                c -> {
                  QueryUrl b = new QueryUrl("/findings");
                  kept.forEach(b::param);
                  return b.param("cursor", c).toString();
                })
            .orElse(null));
    return "findings";
  }

  /** A column of the board. */
  record Column(String title, String note, List<RemediationJson.View> cards) {}

  @GetMapping("/remediations")
  String board(
      @RequestParam(name = "status", required = false) String status,
      @RequestParam(name = "owner", required = false) String owner,
      @RequestParam(name = "overdue", defaultValue = "false") boolean overdue,
      @RequestParam(name = "sort", required = false) String sort,
      Model model) {
    Optional<RemediationStatus> s =
        Params.id("status", status, RemediationStatus.class, RemediationStatus::id);
    Optional<String> o = Params.text("owner", owner, RemediationJson.MAX_OWNER);
    BoardOrder order =
        Params.id("sort", sort, BoardOrder.class, BoardOrder::id).orElse(BoardOrder.DUE);
    List<RemediationJson.View> all =
        remediations.board(s, o, overdue, order).stream().map(RemediationJson.View::of).toList();
    model.addAttribute("page", "remediations");
    model.addAttribute(
        "columns", order == BoardOrder.DUE ? byDue(all) : BoardColumns.by(order, all));
    model.addAttribute("names", DeviceNames.of(devices, all));
    model.addAttribute("status", s.map(RemediationStatus::id).orElse(""));
    model.addAttribute("owner", o.orElse(""));
    model.addAttribute("overdue", overdue);
    model.addAttribute("sort", order.id());
    model.addAttribute("orders", BoardOrder.values());
    model.addAttribute("statuses", RemediationStatus.values());
    // A form on a card brings the browser back to the board as it was filtered and grouped.
    QueryUrl back = new QueryUrl("/remediations");
    s.ifPresent(x -> back.param("status", x.id()));
    o.ifPresent(x -> back.param("owner", x));
    if (overdue) {
      back.param("overdue", "true");
    }
    if (order != BoardOrder.DUE) {
      back.param("sort", order.id());
    }
    model.addAttribute("returnTo", back.toString());
    return "remediations";
  }

  /** Columns by due date: overdue, this week, later, undated, closed. */
  private static List<Column> byDue(List<RemediationJson.View> all) {
    LocalDate today = LocalDate.now(ZoneOffset.UTC);
    Map<String, Column> columns = new LinkedHashMap<>();
    columns.put("overdue", new Column("Overdue", "past their due date", new ArrayList<>()));
    columns.put("week", new Column("Due within 7 days", "", new ArrayList<>()));
    columns.put("later", new Column("Due later", "", new ArrayList<>()));
    columns.put("undated", new Column("No due date", "set one", new ArrayList<>()));
    columns.put(
        "closed", new Column("Closed", "patched, mitigated or accepted", new ArrayList<>()));
    for (RemediationJson.View r : all) {
      String key;
      if (RemediationStatus.valueOf(r.status().toUpperCase(java.util.Locale.ROOT).replace('-', '_'))
          .closed()) {
        key = "closed";
      } else if (r.overdue()) {
        key = "overdue";
      } else if (r.due().isEmpty()) {
        key = "undated";
      } else if (!r.due().get().isAfter(today.plusDays(7))) {
        key = "week";
      } else {
        key = "later";
      }
      columns.get(key).cards().add(r);
    }
    return List.copyOf(columns.values());
  }

  @PostMapping("/remediations")
  String create(
      @RequestParam(name = "title", required = false) String title,
      @RequestParam(name = "findingIds", required = false) List<Long> findingIds,
      @RequestParam(name = "deviceIds", required = false) List<Long> deviceIds,
      @RequestParam(name = "owner", required = false) String owner,
      @RequestParam(name = "due", required = false) String due,
      @RequestParam(name = "maintenanceWindow", required = false) String window,
      @RequestParam(name = "returnTo", required = false) String returnTo,
      RedirectAttributes flash) {
    return submit(
        flash,
        returnTo,
        keep(flash, NewWorkInput.device(deviceIds, title, findingIds, owner, due, window)),
        () -> {
          Remediation r =
              commands.create(
                  new RemediationJson.Create(
                      title,
                      findingIds,
                      deviceIds,
                      owner,
                      Params.date("due", due).orElse(null),
                      window),
                  Actor.current());
          return Done.back("Remediation #" + r.id() + " opened.");
        });
  }

  /**
   * The console's form for {@code POST /api/v1/remediations/groups}: one record for every open
   * finding of an advisory or CVE, optionally only on one vendor/model/firmware (given together as
   * {@code product}, the advisory page's choice), through the same {@link
   * RemediationCommands#createGroup}.
   */
  @PostMapping("/remediations/groups")
  String createGroup(
      @RequestParam(name = "advisoryKey", required = false) String advisoryKey,
      @RequestParam(name = "vulnerability", required = false) String vulnerability,
      @RequestParam(name = "product", required = false) String product,
      @RequestParam(name = "title", required = false) String title,
      @RequestParam(name = "owner", required = false) String owner,
      @RequestParam(name = "due", required = false) String due,
      @RequestParam(name = "maintenanceWindow", required = false) String window,
      @RequestParam(name = "returnTo", required = false) String returnTo,
      RedirectAttributes flash) {
    return submit(
        flash,
        returnTo,
        keep(flash, NewWorkInput.group(advisoryKey, product, title, owner, due, window)),
        () -> {
          RemediationJson.Group body =
              new RemediationJson.Group(
                  title,
                  advisoryKey,
                  vulnerability,
                  null,
                  null,
                  null,
                  null,
                  owner,
                  Params.date("due", due).orElse(null),
                  window);
          Remediation r;
          if (product != null && !product.isBlank() && advisoryKey != null) {
            AdvisoryQueries.DeviceGroup g;
            try {
              g = AdvisoryQueries.DeviceGroup.ofChoice(product);
            } catch (IllegalArgumentException e) {
              throw ApiException.badRequest(e.getMessage());
            }
            r = commands.createProductGroup(advisoryKey, g, body, Actor.current());
          } else {
            r = commands.createGroup(body, Actor.current());
          }
          return new Done(
              "Remediation #"
                  + r.id()
                  + " opened for "
                  + r.findingIds().size()
                  + " finding(s) on "
                  + r.deviceIds().size()
                  + " device(s)."
                  + r.group()
                      .flatMap(RemediationGroups::leftOut)
                      .map(left -> " " + left + ".")
                      .orElse(""),
              Optional.of("redirect:/remediations#work-" + r.id()));
        });
  }

  /**
   * The console's form for the API's PATCH: edits owner, due date, maintenance window and fixed
   * version through the same {@link RemediationCommands#edit} (so the same checks, the
   * stale-version 409 and the audit entry). The form shows every field filled in; a field sent back
   * unchanged is left out of the edit, so an untouched policy due date stays the policy's and the
   * audit entry names only what the person changed. Empty fields keep their value, as in the API.
   */
  @PostMapping("/remediations/{id}/edit")
  String edit(
      @PathVariable("id") long id,
      @RequestParam(name = "version", required = false) Integer version,
      @RequestParam(name = "owner", required = false) String owner,
      @RequestParam(name = "due", required = false) String due,
      @RequestParam(name = "maintenanceWindow", required = false) String window,
      @RequestParam(name = "fixedVersion", required = false) String fixedVersion,
      @RequestParam(name = "returnTo", required = false) String returnTo,
      RedirectAttributes flash) {
    return submit(
        flash,
        returnTo,
        keep(flash, CardInput.edit(id, owner, due, window, fixedVersion)),
        () -> {
          Remediation current = commands.get(id);
          Optional<LocalDate> d = Params.date("due", due);
          RemediationJson.Edit body =
              new RemediationJson.Edit(
                  version,
                  changed(owner, current.owner()),
                  d.equals(current.due()) ? null : d.orElse(null),
                  changed(window, current.maintenanceWindow()),
                  changed(fixedVersion, current.fixedVersion()));
          if (body.owner() == null
              && body.due() == null
              && body.maintenanceWindow() == null
              && body.fixedVersion() == null) {
            // Nothing to record: no new version, no audit entry for a form sent back untouched.
            return Done.back("Remediation #" + id + ": nothing changed.");
          }
          Remediation r = commands.edit(id, body, Actor.current());
          return Done.back("Remediation #" + r.id() + " updated.");
        });
  }

  /** The submitted value, or null (keep) when it is blank or what the record already holds. */
  private static String changed(String submitted, Optional<String> current) {
    if (submitted == null || submitted.isBlank()) {
      return null;
    }
    return current.filter(submitted.strip()::equals).isPresent() ? null : submitted;
  }

  @PostMapping("/remediations/{id}/status")
  String transition(
      @PathVariable("id") long id,
      @RequestParam(name = "to", required = false) String to,
      @RequestParam(name = "note", required = false) String note,
      @RequestParam(name = "acceptReason", required = false) String acceptReason,
      @RequestParam(name = "acceptUntil", required = false) String acceptUntil,
      @RequestParam(name = "returnTo", required = false) String returnTo,
      RedirectAttributes flash) {
    return submit(
        flash,
        returnTo,
        keep(flash, CardInput.status(id, to, note, acceptReason, acceptUntil)),
        () -> {
          if ("risk-accepted".equals(to)
              && (acceptReason == null
                  || acceptReason.isBlank()
                  || acceptUntil == null
                  || acceptUntil.isBlank())) {
            // The API's wording names acceptance.by, which this form fills in itself.
            throw ApiException.badRequest(
                "accepting a risk needs a Reason and an Until date (at most 5 years ahead)");
          }
          RemediationJson.Acceptance acceptance =
              acceptReason == null || acceptReason.isBlank()
                  ? null
                  : new RemediationJson.Acceptance(
                      CurrentUser.username().orElse(""),
                      acceptReason,
                      Params.date("acceptUntil", acceptUntil).orElse(null));
          Remediation r =
              commands.transition(
                  id, new RemediationJson.Transition(to, note, acceptance), Actor.current());
          return Done.back(
              "Remediation #" + r.id() + " is now " + r.status().id().replace('-', ' ') + ".");
        });
  }

  /**
   * What a form's action did: the notice for the person, and where to go (by default back to the
   * page the form was on).
   */
  private record Done(String notice, Optional<String> redirect) {
    static Done back(String notice) {
      return new Done(notice, Optional.empty());
    }
  }

  /** A form's action; a refusal is an {@link ApiException}, whose message the page shows. */
  @FunctionalInterface
  private interface FormAction {
    Done run();
  }

  /**
   * Runs a remediation form's action through the API's commands: its notice on success, the
   * refusal's message otherwise, flashed to the page it returns to, with what {@code onRefusal}
   * adds (what was typed, which the form shows again).
   */
  private static String submit(
      RedirectAttributes flash,
      String returnTo,
      Consumer<ApiException> onRefusal,
      FormAction action) {
    try {
      Done done = action.run();
      flash.addFlashAttribute("notice", done.notice());
      return done.redirect().orElseGet(() -> Redirects.back(returnTo, "/remediations"));
    } catch (ApiException e) {
      flash.addFlashAttribute("failure", e.getMessage());
      onRefusal.accept(e);
      return Redirects.back(returnTo, "/remediations");
    }
  }

  /**
   * On a refusal, flashes what was typed on a card ({@code typed} in the page's model), unless the
   * refusal is one after which it is not shown again ({@link CardInput#keptAfter}).
   */
  private static Consumer<ApiException> keep(RedirectAttributes flash, CardInput typed) {
    return e -> {
      if (typed.keptAfter(e.status())) {
        flash.addFlashAttribute("typed", typed);
      }
    };
  }

  /**
   * On a refusal, flashes what was typed into a form that opens a record ({@code typedNew} in the
   * page's model): nothing is overwritten by sending it again, whatever the refusal.
   */
  private static Consumer<ApiException> keep(RedirectAttributes flash, NewWorkInput typed) {
    return e -> flash.addFlashAttribute("typedNew", typed);
  }
}

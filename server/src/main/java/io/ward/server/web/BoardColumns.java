package io.ward.server.web;

import io.ward.model.exposure.Decision;
import io.ward.model.exposure.RemediationStatus;
import io.ward.server.api.RemediationJson;
import io.ward.server.exposure.RemediationService.BoardOrder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The board's columns when it is grouped by urgency (the most urgent SSVC decision of a record's
 * findings) or by owner; closed records gather in a last column either way. Cards keep the order
 * the service gave them (ties by due date).
 */
final class BoardColumns {
  private BoardColumns() {}

  static List<WorkPages.Column> by(BoardOrder order, List<RemediationJson.View> all) {
    Map<String, WorkPages.Column> columns = new LinkedHashMap<>();
    if (order == BoardOrder.URGENCY) {
      columns.put("act-now", column("Act now", "out of cycle"));
      columns.put("act-soon", column("Act soon", "sooner than the normal cycle"));
      columns.put("track", column("Track", "within the normal cycle"));
      columns.put("defer", column("Defer", ""));
      columns.put("", column("Not assessed", "no decision on its findings"));
    }
    WorkPages.Column closed = column("Closed", "patched, mitigated or accepted");
    for (RemediationJson.View r : all) {
      if (RemediationStatus.valueOf(r.status().toUpperCase(Locale.ROOT).replace('-', '_'))
          .closed()) {
        closed.cards().add(r);
        continue;
      }
      String key =
          order == BoardOrder.URGENCY
              ? r.urgency().filter(BoardColumns::known).orElse("")
              : r.owner().orElse("");
      columns
          .computeIfAbsent(
              key, k -> column(k.isEmpty() ? "Unassigned" : k, k.isEmpty() ? "assign one" : ""))
          .cards()
          .add(r);
    }
    if (order == BoardOrder.OWNER && columns.containsKey("")) {
      columns.put("", columns.remove("")); // unassigned after the named owners
    }
    List<WorkPages.Column> out = new ArrayList<>(columns.values());
    out.add(closed);
    return out;
  }

  private static boolean known(String id) {
    for (Decision d : Decision.values()) {
      if (d.id().equals(id)) {
        return true;
      }
    }
    return false;
  }

  private static WorkPages.Column column(String title, String note) {
    return new WorkPages.Column(title, note, new ArrayList<>());
  }
}

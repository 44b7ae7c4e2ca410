package io.ward.server.inventory;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * What people attached to stored devices, which ingest never removes with a device: remediation
 * records (their status moves, notes and risk acceptances go with them), reached through the device
 * or one of its findings, and what a CMDB import gave it (its site, the attributes it filled with
 * their evidence and history, the import's conflicts naming it). Open findings keep a device too
 * (see {@link Kind#OPEN_FINDINGS}). Everything else that refers to a device (sightings, evidence,
 * history, flow hours, findings no longer open) is derived from captures again.
 */
final class AttachedWork {

  /** A kind of work, as the job message names it. */
  enum Kind {
    REMEDIATION("remediation records"),
    CMDB("CMDB data"),
    /**
     * Findings still open (affected or possibly affected): a host that an address range not
     * declared internal made look like the internet may be a vulnerable device of the hospital, and
     * one capture's judgement must not drop it from the risk views.
     */
    OPEN_FINDINGS("open findings"),
    /** Rows of a table this class does not know refer to the device (its foreign key refused). */
    OTHER("other records referring to it");

    private final String label;

    Kind(String label) {
      this.label = label;
    }

    String label() {
      return label;
    }
  }

  /** Each query returns the ids among the IN list that hold one kind of work. */
  private static final Map<String, Kind> QUERIES =
      Map.of(
          "SELECT device_id FROM remediation_device WHERE device_id IN (%s)",
          Kind.REMEDIATION,
          "SELECT f.device_id FROM finding f JOIN remediation_finding r ON r.finding_id = f.id"
              + " WHERE f.device_id IN (%s)",
          Kind.REMEDIATION,
          "SELECT device_id FROM finding WHERE status IN ('AFFECTED', 'POSSIBLY_AFFECTED')"
              + " AND device_id IN (%s)",
          Kind.OPEN_FINDINGS,
          "SELECT id FROM device WHERE site_id IS NOT NULL AND id IN (%s)",
          Kind.CMDB,
          "SELECT device_id FROM cmdb_conflict WHERE device_id IN (%s)",
          Kind.CMDB,
          // Ingest records every change and piece of evidence with its capture; a CMDB import's
          // have none.
          "SELECT device_id FROM device_change WHERE capture_id IS NULL AND device_id IN (%s)",
          Kind.CMDB,
          "SELECT device_id FROM device_evidence WHERE capture_id IS NULL AND device_id IN (%s)",
          Kind.CMDB);

  private final JdbcClient jdbc;

  AttachedWork(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** The kinds of work attached to each of {@code deviceIds}; devices with none are left out. */
  Map<Long, Set<Kind>> of(List<Long> deviceIds) {
    Map<Long, Set<Kind>> out = new HashMap<>();
    for (List<Long> chunk : InventoryWriter.chunks(deviceIds)) {
      String in = InventoryWriter.placeholders(chunk.size());
      QUERIES.forEach(
          (sql, kind) ->
              jdbc.sql(String.format(sql, in))
                  .params(new ArrayList<Object>(chunk))
                  .query(Long.class)
                  .list()
                  .forEach(
                      id -> out.computeIfAbsent(id, k -> EnumSet.noneOf(Kind.class)).add(kind)));
    }
    return out;
  }
}

package io.ward.server.inventory;

import io.ward.model.ExternalEndpoint;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Which capture showed which external endpoint ({@code external_endpoint_sighting}), as {@code
 * device_sighting} records it for devices: what "seen in N captures" counts. Written in the
 * caller's transaction, after the capture's endpoints are stored ({@link InventoryWriter#merge});
 * {@link ExternalEndpointWriter#remove} deletes an endpoint's rows with it.
 */
final class ExternalEndpointSightings {
  private static final List<String> COLUMNS =
      List.of("endpoint_id", "capture_id", "first_seen", "last_seen");

  private final JdbcClient jdbc;
  private final RowInserter inserter;

  ExternalEndpointSightings(JdbcClient jdbc, RowInserter inserter) {
    this.jdbc = jdbc;
    this.inserter = inserter;
  }

  /**
   * Records that capture {@code captureId} showed each endpoint of {@code seen}, stored already.
   */
  void record(ExternalEndpointsSeen seen, long captureId) {
    List<String> ips = seen.endpoints().stream().map(e -> e.ip().toString()).toList();
    Map<String, Long> ids = new HashMap<>();
    for (List<String> chunk : InventoryWriter.chunks(ips)) {
      jdbc.sql(
              "SELECT id, ip FROM external_endpoint WHERE ip IN ("
                  + InventoryWriter.placeholders(chunk.size())
                  + ")")
          .params(new ArrayList<Object>(chunk))
          .query(
              rs -> {
                ids.put(rs.getString("ip"), rs.getLong("id"));
              });
    }
    List<Object[]> rows = new ArrayList<>();
    for (ExternalEndpoint e : seen.endpoints()) {
      Long id = ids.get(e.ip().toString());
      if (id != null) {
        rows.add(
            new Object[] {
              id,
              captureId,
              DeviceRows.utc(InventoryWriter.nanos(e.firstSeenEpochNanos())),
              DeviceRows.utc(InventoryWriter.nanos(e.lastSeenEpochNanos()))
            });
      }
    }
    inserter.insert("external_endpoint_sighting", COLUMNS, rows);
  }

  /**
   * Adds the captures that showed a device to an endpoint's: a stale internet-host device moved to
   * it ({@link ExternalEndpointReconciler}) was that endpoint in each of them.
   */
  void addFromDevice(long deviceId, long endpointId) {
    jdbc.sql(
            "INSERT INTO external_endpoint_sighting (endpoint_id, capture_id, first_seen,"
                + " last_seen) SELECT ?, s.capture_id, s.first_seen, s.last_seen"
                + " FROM device_sighting s WHERE s.device_id = ? AND NOT EXISTS (SELECT 1"
                + " FROM external_endpoint_sighting x WHERE x.endpoint_id = ?"
                + " AND x.capture_id = s.capture_id)")
        .params(endpointId, deviceId, endpointId)
        .update();
  }

  /**
   * The addresses among {@code ips} whose endpoint no capture but {@code captureId} showed: stored
   * by this capture, or before sightings were recorded.
   */
  List<String> shownFirstBy(List<String> ips, long captureId) {
    List<String> out = new ArrayList<>();
    for (List<String> chunk : InventoryWriter.chunks(ips)) {
      List<Object> params = new ArrayList<>(chunk);
      params.add(captureId);
      jdbc.sql(
              "SELECT e.ip FROM external_endpoint e WHERE e.ip IN ("
                  + InventoryWriter.placeholders(chunk.size())
                  + ") AND NOT EXISTS (SELECT 1 FROM external_endpoint_sighting s"
                  + " WHERE s.endpoint_id = e.id AND s.capture_id <> ?) ORDER BY e.ip")
          .params(params)
          .query(String.class)
          .list()
          .forEach(out::add);
    }
    return out;
  }
}

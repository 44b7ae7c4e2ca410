package io.ward.server.inventory;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Remembers which stored internet-host devices ingest kept as devices for the work attached to
 * them, and for which work ({@code kept_internet_host}): {@link ExternalEndpointReconciler} names a
 * kept device, and audits it, when it is first kept or its work changes, not at every capture that
 * shows its address again.
 */
final class KeptInternetHosts {
  private final JdbcClient jdbc;

  KeptInternetHosts(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * The work recorded for each of {@code deviceIds} kept before; devices never kept are left out.
   */
  Map<Long, String> recorded(List<Long> deviceIds) {
    Map<Long, String> out = new HashMap<>();
    for (List<Long> chunk : InventoryWriter.chunks(deviceIds)) {
      jdbc.sql(
              "SELECT device_id, work FROM kept_internet_host WHERE device_id IN ("
                  + InventoryWriter.placeholders(chunk.size())
                  + ")")
          .params(new ArrayList<Object>(chunk))
          .query(
              rs -> {
                out.put(rs.getLong("device_id"), rs.getString("work"));
              });
    }
    return out;
  }

  /** The stored form of a set of kinds of work: their names, sorted, comma-separated. */
  static String work(Set<AttachedWork.Kind> kinds) {
    return kinds.stream().map(Enum::name).sorted().collect(Collectors.joining(","));
  }

  /** Records that a device was kept, by capture {@code captureId}, for {@code work}. */
  void record(long deviceId, String work, long captureId, Instant now) {
    forget(List.of(deviceId));
    jdbc.sql(
            "INSERT INTO kept_internet_host (device_id, work, capture_id, kept_at)"
                + " VALUES (?, ?, ?, ?)")
        .params(deviceId, work, captureId, DeviceRows.utc(now))
        .update();
  }

  /** Forgets that these devices were kept: they are devices for another reason now. */
  void forget(List<Long> deviceIds) {
    for (List<Long> chunk : InventoryWriter.chunks(deviceIds)) {
      jdbc.sql(
              "DELETE FROM kept_internet_host WHERE device_id IN ("
                  + InventoryWriter.placeholders(chunk.size())
                  + ")")
          .params(new ArrayList<Object>(chunk))
          .update();
    }
  }
}

package io.ward.server.inventory;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Deletes a stored device with what ingest derived for it: its links to external endpoints, flow
 * hours at either end, hours, sightings, evidence, history, findings and the record that ingest
 * kept it for people's work ({@link KeptInternetHosts}). Nothing people made is deleted: a
 * remediation record naming the device or one of its findings, or any table this class does not
 * know, makes the database refuse (their foreign keys) and the caller's savepoint rolls the device
 * back whole. The caller checks for such work first ({@link AttachedWork}).
 */
final class DeviceRemover {
  /** Children first, the device last, so that every foreign key holds at each step. */
  private static final List<String> DELETES =
      List.of(
          "DELETE FROM external_endpoint_device WHERE device_id = ?",
          "DELETE FROM flow_hour WHERE client_device_id = ?",
          "DELETE FROM flow_hour WHERE server_device_id = ?",
          "DELETE FROM device_hour WHERE device_id = ?",
          "DELETE FROM device_sighting WHERE device_id = ?",
          "DELETE FROM device_evidence WHERE device_id = ?",
          "DELETE FROM device_change WHERE device_id = ?",
          "DELETE FROM kept_internet_host WHERE device_id = ?",
          "DELETE FROM finding WHERE device_id = ?",
          "DELETE FROM device WHERE id = ?");

  private final JdbcClient jdbc;

  DeviceRemover(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * Deletes the device.
   *
   * @return the external endpoints it was linked to as a device that talked with them, whose device
   *     counts the caller sets again
   */
  Set<Long> remove(long deviceId) {
    Set<Long> endpoints =
        new TreeSet<>(
            jdbc.sql("SELECT endpoint_id FROM external_endpoint_device WHERE device_id = ?")
                .param(deviceId)
                .query(Long.class)
                .list());
    for (String delete : DELETES) {
      jdbc.sql(delete).param(deviceId).update();
    }
    return endpoints;
  }
}

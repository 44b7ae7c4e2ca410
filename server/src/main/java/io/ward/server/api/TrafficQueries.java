package io.ward.server.api;

import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** A device's stored traffic hour by hour (the flow hours), newest first. */
@Service
@Transactional(readOnly = true)
public class TrafficQueries {
  private final JdbcClient jdbc;

  TrafficQueries(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * Flows between a device and one peer over one protocol in one hour.
   *
   * @param asClient true when the device initiated
   * @param cleartextFlows flows of a clinical or management protocol without encryption
   */
  public record FlowHour(
      long peerId,
      String peerName,
      String protocol,
      boolean asClient,
      Instant hour,
      int serverPort,
      long flows,
      long packets,
      long bytes,
      long cleartextFlows) {}

  /** The newest {@code limit} flow hours of a device, both directions. */
  public List<FlowHour> flowHours(long deviceId, int limit) {
    String peerColumns =
        " p.id AS p_id, p.device_key AS p_device_key, p.hostnames AS p_hostnames,"
            + " p.vendor AS p_vendor, p.model AS p_model, f.protocol, f.hour_start,"
            + " f.server_port, f.flows, f.packets, f.bytes, f.cleartext_flows";
    int rows = Math.max(1, Math.min(limit, 1000));
    // Each direction is cut to the newest n hours before the peers' names are joined: a server of
    // the whole hospital has tens of thousands of flow hours, and joining them all to be sorted
    // made its device page slow. The union's first n lie among the two directions' first n.
    String newest = " ORDER BY hour_start DESC, flows DESC, %s FETCH FIRST " + rows + " ROWS ONLY";
    String sql =
        "SELECT * FROM ("
            + " SELECT TRUE AS as_client,"
            + peerColumns
            + " FROM (SELECT * FROM flow_hour WHERE client_device_id = ?"
            + newest.formatted("server_device_id")
            + ") f JOIN device p ON p.id = f.server_device_id"
            + " UNION ALL SELECT FALSE AS as_client,"
            + peerColumns
            + " FROM (SELECT * FROM flow_hour WHERE server_device_id = ?"
            + newest.formatted("client_device_id")
            + ") f JOIN device p ON p.id = f.client_device_id"
            + ") x ORDER BY x.hour_start DESC, x.flows DESC, x.p_id FETCH FIRST "
            + rows
            + " ROWS ONLY";
    return jdbc.sql(sql)
        .params(deviceId, deviceId)
        .query(
            (rs, n) ->
                new FlowHour(
                    rs.getLong("p_id"),
                    Names.device(rs, "p_"),
                    rs.getString("protocol"),
                    rs.getBoolean("as_client"),
                    Names.instant(rs, "hour_start"),
                    rs.getInt("server_port"),
                    rs.getLong("flows"),
                    rs.getLong("packets"),
                    rs.getLong("bytes"),
                    rs.getLong("cleartext_flows")))
        .list();
  }
}

package io.ward.server.inventory;

import io.ward.model.Category;
import io.ward.model.Device;
import io.ward.model.Evidence;
import io.ward.model.Software;
import io.ward.server.audit.AuditLog;
import io.ward.server.config.Databases;
import io.ward.server.config.WardProperties;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.ArgumentPreparedStatementSetter;
import org.springframework.jdbc.core.BatchPreparedStatementSetter;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Merges one analysis into the stored inventory in one transaction: a device seen again is updated
 * (never duplicated), each attribute change goes to the history, new evidence is added, flows are
 * summed per device pair, protocol and hour, and the external endpoints the devices talked to are
 * merged with their links to those devices ({@link ExternalEndpointWriter}) and the capture's
 * sighting of each ({@link ExternalEndpointSightings}).
 */
@Service
public class InventoryWriter {
  private static final int CHUNK = 500;

  private static final String INSERT_DEVICE =
      "INSERT INTO device (device_key, mac, ips, hostnames, vlans, vendor, model, os, firmware,"
          + " serial, category, modality, medical, criticality, criticality_rank,"
          + " protocols_client, protocols_server, ae_titles, hl7_applications, software,"
          + " software_names, search_text, search_addresses, first_seen, last_seen, created_at,"
          + " updated_at)"
          + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,"
          + " ?)";

  private static final String UPDATE_DEVICE =
      "UPDATE device SET mac = ?, ips = ?, hostnames = ?, vlans = ?, vendor = ?, model = ?,"
          + " os = ?, firmware = ?, serial = ?, category = ?, modality = ?, medical = ?,"
          + " criticality = ?, criticality_rank = ?, protocols_client = ?,"
          + " protocols_server = ?, ae_titles = ?, hl7_applications = ?, software = ?,"
          + " software_names = ?, search_text = ?, search_addresses = ?, first_seen = ?,"
          + " last_seen = ?, updated_at = ? WHERE id = ?";

  private static final List<String> CHANGE_COLUMNS =
      List.of(
          "device_id", "attribute", "old_value", "new_value", "changed_at", "capture_id", "job_id");

  private static final List<String> EVIDENCE_COLUMNS =
      List.of(
          "device_id",
          "evidence_key",
          "attribute",
          "attr_value",
          "source",
          "observed",
          "fingerprint",
          "confidence",
          "first_seen",
          "capture_id");

  private static final List<String> FLOW_COLUMNS =
      List.of(
          "client_device_id",
          "server_device_id",
          "protocol",
          "hour_start",
          "server_port",
          "flows",
          "packets",
          "bytes",
          "cleartext_flows");

  private final JdbcClient jdbc;
  private final JdbcTemplate template;
  private final RowInserter inserter;
  private final ExternalEndpointWriter external;
  private final ExternalEndpointSightings externalSightings;
  private final ExternalEndpointReconciler reconciler;
  private final Clock clock;

  InventoryWriter(
      JdbcClient jdbc,
      JdbcTemplate template,
      PlatformTransactionManager tm,
      AuditLog audit,
      WardProperties properties) {
    this.jdbc = jdbc;
    this.template = template;
    this.inserter = new RowInserter(template);
    this.external =
        new ExternalEndpointWriter(
            jdbc, template, inserter, properties.db().kind() == Databases.POSTGRESQL);
    this.externalSightings = new ExternalEndpointSightings(jdbc, inserter);
    TransactionTemplate savepoint = new TransactionTemplate(tm);
    savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
    this.reconciler =
        new ExternalEndpointReconciler(
            jdbc,
            external,
            externalSightings,
            new DeviceRemover(jdbc),
            new AttachedWork(jdbc),
            new KeptInternetHosts(jdbc),
            savepoint,
            audit);
    this.clock = Clock.systemUTC();
  }

  /**
   * The id of the stored capture with this content (the SHA-256 of the capture after gunzipping),
   * or uploaded as this very file, if it was ingested already. The upload hash finds gzip captures
   * stored before content hashes were (their content hash is unknown).
   */
  @Transactional(readOnly = true)
  public Optional<Long> captureByContent(String contentSha256, String uploadSha256) {
    return jdbc.sql(
            "SELECT id FROM capture WHERE content_sha256 = ? OR sha256 = ?"
                + " ORDER BY id FETCH FIRST 1 ROWS ONLY")
        .params(contentSha256, uploadSha256)
        .query(Long.class)
        .optional();
  }

  /**
   * Stores the capture and merges its devices and flows; all or nothing.
   *
   * @param jobId the ingest job doing it, or 0 for none
   */
  @Transactional
  public MergeResult merge(
      CaptureFacts capture, List<Device> devices, List<FlowHourRow> flows, long jobId, String by) {
    return merge(capture, devices, flows, ExternalEndpointsSeen.NONE, jobId, by);
  }

  /**
   * Stores the capture and merges its devices, flows and external endpoints, then keeps each
   * address a device or an external endpoint, not both ({@link ExternalEndpointReconciler}); all or
   * nothing.
   *
   * @param jobId the ingest job doing it, or 0 for none
   */
  @Transactional
  public MergeResult merge(
      CaptureFacts capture,
      List<Device> devices,
      List<FlowHourRow> flows,
      ExternalEndpointsSeen shown,
      long jobId,
      String by) {
    long captureId = insertCapture(capture, devices.size(), by);
    Map<String, Stored> existing = load(devices.stream().map(Device::id).toList());
    Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
    Map<String, Long> ids = new HashMap<>();
    List<Columns> fresh = new ArrayList<>();
    List<Object[]> updates = new ArrayList<>();
    List<Object[]> changes = new ArrayList<>();
    for (Device d : devices) {
      Columns seen = Columns.of(d);
      Stored old = existing.get(d.id());
      if (old == null) {
        fresh.add(seen);
        continue;
      }
      ids.put(d.id(), old.id);
      Columns merged = old.columns.mergedWith(seen);
      List<String[]> diff = old.columns.diff(merged);
      // An older capture ingested later fills in what was unknown, but is no change in history:
      // it would be dated before the changes already recorded.
      if (!seen.seenBefore(old.columns)) {
        for (String[] c : diff) {
          changes.add(change(old.id, c[0], c[1], c[2], seen.lastSeen, captureId, jobId));
        }
      }
      if (!diff.isEmpty() || !merged.equals(old.columns)) {
        updates.add(updateValues(old.id, merged, now));
      }
    }
    // Devices stored by this merge: nothing of theirs (evidence, flows, hours) can be stored yet.
    Set<Long> added = new HashSet<>();
    List<Long> newIds = insertDevices(fresh, now);
    for (int i = 0; i < fresh.size(); i++) {
      Columns c = fresh.get(i);
      long id = newIds.get(i);
      ids.put(c.key, id);
      added.add(id);
      changes.add(change(id, "device", "", "first seen", c.firstSeen, captureId, jobId));
    }
    for (List<Object[]> chunk : chunks(updates)) {
      template.batchUpdate(UPDATE_DEVICE, chunk);
    }
    inserter.insert("device_change", CHANGE_COLUMNS, changes);
    addEvidence(devices, ids, added, captureId);
    addSightings(devices, ids, captureId);
    addNetworks(devices, now);
    int hours = addFlows(flows, ids, added);
    // Checked once the capture's devices are stored: they may hold addresses it also shows.
    ExternalEndpointsSeen externalSeen = shown.without(reconciler.heldWithoutEndpoint(shown));
    ExternalEndpointWriter.Outcome outside = external.merge(externalSeen, ids, now);
    externalSightings.record(externalSeen, captureId);
    ExternalReconciliation reconciled =
        reconciler.reconcile(
            externalSeen,
            devices,
            new ExternalEndpointReconciler.Capture(captureId, capture.filename(), jobId),
            now);
    return new MergeResult(
        captureId,
        fresh.size(),
        updates.size(),
        changes.size() - fresh.size(),
        hours,
        externalSeen.endpoints().size(),
        outside.added(),
        reconciled,
        List.copyOf(ids.values()));
  }

  private long insertCapture(CaptureFacts c, int deviceCount, String by) {
    KeyHolder key = new GeneratedKeyHolder();
    jdbc.sql(
            "INSERT INTO capture (sha256, content_sha256, filename, size_bytes, format, gzip,"
                + " packets, wire_bytes, flows, observations, devices, first_packet, last_packet,"
                + " warnings, ingested_by, ingested_at)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
        .params(
            c.sha256(),
            c.contentSha256(),
            clip(c.filename(), 500),
            c.sizeBytes(),
            clip(c.format(), 16),
            c.gzip(),
            c.packets(),
            c.wireBytes(),
            c.flows(),
            c.observations(),
            deviceCount,
            c.firstPacket().map(DeviceRows::utc).orElse(null),
            c.lastPacket().map(DeviceRows::utc).orElse(null),
            clip(String.join("; ", c.warnings()), 4000),
            clip(by, 100),
            DeviceRows.utc(clock.instant().truncatedTo(ChronoUnit.MICROS)))
        .update(key, "id");
    return key.getKeyAs(Number.class).longValue();
  }

  private record Stored(long id, Columns columns) {}

  private Map<String, Stored> load(List<String> keys) {
    Map<String, Stored> out = new HashMap<>();
    for (List<String> chunk : chunks(keys)) {
      String in = placeholders(chunk.size());
      jdbc.sql("SELECT * FROM device WHERE device_key IN (" + in + ")")
          .params(new ArrayList<Object>(chunk))
          .query(
              (rs, n) -> {
                Columns c =
                    new Columns(
                        rs.getString("device_key"),
                        rs.getString("mac"),
                        DeviceRows.list(rs.getString("ips")),
                        DeviceRows.list(rs.getString("hostnames")),
                        DeviceRows.list(rs.getString("vlans")),
                        rs.getString("vendor"),
                        rs.getString("model"),
                        rs.getString("os"),
                        rs.getString("firmware"),
                        rs.getString("serial"),
                        rs.getString("category"),
                        rs.getString("modality"),
                        rs.getBoolean("medical"),
                        rs.getString("criticality"),
                        rs.getInt("criticality_rank"),
                        DeviceRows.list(rs.getString("protocols_client")),
                        DeviceRows.list(rs.getString("protocols_server")),
                        DeviceRows.list(rs.getString("ae_titles")),
                        DeviceRows.list(rs.getString("hl7_applications")),
                        SoftwareColumn.read(rs.getString("software")),
                        DeviceRows.instant(rs, "first_seen"),
                        DeviceRows.instant(rs, "last_seen"));
                return new Stored(rs.getLong("id"), c);
              })
          .list()
          .forEach(s -> out.put(s.columns.key, s));
    }
    return out;
  }

  /** Inserts the devices in batches; returns their new ids in the same order. */
  private List<Long> insertDevices(List<Columns> fresh, Instant now) {
    List<Long> ids = new ArrayList<>(fresh.size());
    for (List<Columns> chunk : chunks(fresh)) {
      KeyHolder keys = new GeneratedKeyHolder();
      template.batchUpdate(
          con -> con.prepareStatement(INSERT_DEVICE, new String[] {"id"}),
          new BatchPreparedStatementSetter() {
            @Override
            public void setValues(PreparedStatement ps, int i) throws SQLException {
              Columns c = chunk.get(i);
              new ArgumentPreparedStatementSetter(
                      withKey(c.key, c.values(DeviceRows.utc(now), DeviceRows.utc(now))).toArray())
                  .setValues(ps);
            }

            @Override
            public int getBatchSize() {
              return chunk.size();
            }
          },
          keys);
      List<Map<String, Object>> rows = keys.getKeyList();
      if (rows.size() != chunk.size()) {
        throw new IllegalStateException(
            "the database returned " + rows.size() + " ids for " + chunk.size() + " devices");
      }
      for (Map<String, Object> row : rows) {
        ids.add(((Number) row.values().iterator().next()).longValue());
      }
    }
    return ids;
  }

  private static List<Object> withKey(String key, Object[] values) {
    List<Object> params = new ArrayList<>();
    params.add(key);
    params.addAll(java.util.Arrays.asList(values));
    return params;
  }

  /** The parameters of {@link #UPDATE_DEVICE} for one device. */
  private static Object[] updateValues(long id, Columns c, Instant now) {
    List<Object> values =
        new ArrayList<>(java.util.Arrays.asList(c.values(null, DeviceRows.utc(now))));
    values.remove(values.size() - 2); // created_at is never updated
    values.add(id);
    return values.toArray();
  }

  private void addEvidence(
      List<Device> devices, Map<String, Long> ids, Set<Long> added, long captureId) {
    Set<String> known = new HashSet<>();
    List<Long> before = ids.values().stream().filter(id -> !added.contains(id)).toList();
    for (List<Long> chunk : chunks(before)) {
      jdbc.sql(
              "SELECT device_id, evidence_key FROM device_evidence WHERE device_id IN ("
                  + placeholders(chunk.size())
                  + ")")
          .params(new ArrayList<Object>(chunk))
          .query((rs, n) -> rs.getLong(1) + "/" + rs.getString(2))
          .list()
          .forEach(known::add);
    }
    List<Object[]> rows = new ArrayList<>();
    for (Device d : devices) {
      long id = ids.get(d.id());
      for (Evidence e : d.evidence()) {
        String key = evidenceKey(e);
        if (known.add(id + "/" + key)) {
          rows.add(
              new Object[] {
                id,
                key,
                clip(e.attribute(), 40),
                clip(e.value(), 500),
                clip(e.source(), 100),
                clip(e.observed(), 1000),
                clip(e.fingerprint().orElse(""), 200),
                e.confidence(),
                DeviceRows.utc(nanos(e.firstSeenEpochNanos())),
                captureId
              });
        }
      }
    }
    inserter.insert("device_evidence", EVIDENCE_COLUMNS, rows);
  }

  private void addSightings(List<Device> devices, Map<String, Long> ids, long captureId) {
    List<Object[]> rows = new ArrayList<>();
    for (Device d : devices) {
      rows.add(
          new Object[] {
            ids.get(d.id()),
            captureId,
            DeviceRows.utc(nanos(d.firstSeenEpochNanos())),
            DeviceRows.utc(nanos(d.lastSeenEpochNanos()))
          });
    }
    inserter.insert(
        "device_sighting", List.of("device_id", "capture_id", "first_seen", "last_seen"), rows);
  }

  private void addNetworks(List<Device> devices, Instant now) {
    Map<Integer, Instant[]> seen = new HashMap<>();
    for (Device d : devices) {
      for (int vlan : d.vlans()) {
        Instant first = nanos(d.firstSeenEpochNanos());
        Instant last = nanos(d.lastSeenEpochNanos());
        seen.merge(
            vlan,
            new Instant[] {first, last},
            (a, b) -> new Instant[] {min(a[0], b[0]), max(a[1], b[1])});
      }
    }
    for (Map.Entry<Integer, Instant[]> e : seen.entrySet()) {
      int n =
          jdbc.sql(
                  "UPDATE network SET first_seen = LEAST(first_seen, ?),"
                      + " last_seen = GREATEST(last_seen, ?) WHERE vlan = ?")
              .params(DeviceRows.utc(e.getValue()[0]), DeviceRows.utc(e.getValue()[1]), e.getKey())
              .update();
      if (n == 0) {
        jdbc.sql("INSERT INTO network (vlan, first_seen, last_seen) VALUES (?, ?, ?)")
            .params(e.getKey(), DeviceRows.utc(e.getValue()[0]), DeviceRows.utc(e.getValue()[1]))
            .update();
      }
    }
  }

  /**
   * Adds the capture's flow hours: a (client, server, protocol, hour) already stored is summed, a
   * new one inserted. Only pairs of devices stored before this merge can have a stored row, so only
   * theirs are looked up.
   */
  private int addFlows(List<FlowHourRow> flows, Map<String, Long> ids, Set<Long> added) {
    List<Object[]> rows = new ArrayList<>();
    Set<List<Object>> hours = new LinkedHashSet<>();
    List<Object[]> maybeStored = new ArrayList<>();
    for (FlowHourRow f : flows) {
      Long client = ids.get(f.clientKey());
      Long server = ids.get(f.serverKey());
      if (client == null || server == null) {
        continue;
      }
      Object[] row = {
        client,
        server,
        clip(f.protocol(), 40),
        DeviceRows.utc(f.hourStart()),
        f.serverPort(),
        f.flows(),
        f.packets(),
        f.bytes(),
        f.cleartextFlows()
      };
      rows.add(row);
      if (!added.contains(client) && !added.contains(server)) {
        maybeStored.add(row);
      }
      hours.add(List.of(client, f.hourStart()));
      hours.add(List.of(server, f.hourStart()));
    }
    Set<String> stored = storedFlowKeys(maybeStored);
    List<Object[]> updates = new ArrayList<>();
    List<Object[]> inserts = new ArrayList<>();
    for (Object[] r : rows) {
      if (stored.contains(flowKey(r[0], r[1], r[2], ((OffsetDateTime) r[3]).toInstant()))) {
        updates.add(new Object[] {r[5], r[6], r[7], r[8], r[4], r[0], r[1], r[2], r[3]});
      } else {
        inserts.add(r);
      }
    }
    for (List<Object[]> chunk : chunks(updates)) {
      template.batchUpdate(
          "UPDATE flow_hour SET flows = flows + ?, packets = packets + ?, bytes = bytes + ?,"
              + " cleartext_flows = cleartext_flows + ?, server_port = ?"
              + " WHERE client_device_id = ? AND server_device_id = ? AND protocol = ?"
              + " AND hour_start = ?",
          chunk);
    }
    inserter.insert("flow_hour", FLOW_COLUMNS, inserts);
    addDeviceHours(hours, added);
    return rows.size();
  }

  /** The keys of the given rows that flow_hour already holds. */
  private Set<String> storedFlowKeys(List<Object[]> rows) {
    Set<String> stored = new HashSet<>();
    if (rows.isEmpty()) {
      return stored;
    }
    Instant first = Instant.MAX;
    Instant last = Instant.MIN;
    Set<Long> clients = new LinkedHashSet<>();
    for (Object[] r : rows) {
      Instant h = ((OffsetDateTime) r[3]).toInstant();
      first = min(first, h);
      last = max(last, h);
      clients.add((Long) r[0]);
    }
    for (List<Long> chunk : chunks(List.copyOf(clients))) {
      List<Object> params = new ArrayList<>(chunk);
      params.add(DeviceRows.utc(first));
      params.add(DeviceRows.utc(last));
      jdbc.sql(
              "SELECT client_device_id, server_device_id, protocol, hour_start FROM flow_hour"
                  + " WHERE client_device_id IN ("
                  + placeholders(chunk.size())
                  + ") AND hour_start BETWEEN ? AND ?")
          .params(params)
          .query(
              (rs, n) ->
                  flowKey(
                      rs.getLong(1),
                      rs.getLong(2),
                      rs.getString(3),
                      DeviceRows.instant(rs, "hour_start")))
          .list()
          .forEach(stored::add);
    }
    return stored;
  }

  private static String flowKey(Object client, Object server, Object protocol, Instant hour) {
    return client + "/" + server + "/" + protocol + "/" + hour.getEpochSecond();
  }

  private void addDeviceHours(Set<List<Object>> hours, Set<Long> added) {
    Map<Long, List<Instant>> byDevice =
        hours.stream()
            .collect(
                Collectors.groupingBy(
                    h -> (Long) h.get(0),
                    LinkedHashMap::new,
                    Collectors.mapping(h -> (Instant) h.get(1), Collectors.toList())));
    Set<String> known = new HashSet<>();
    List<Long> before = byDevice.keySet().stream().filter(id -> !added.contains(id)).toList();
    for (List<Long> chunk : chunks(before)) {
      jdbc.sql(
              "SELECT device_id, hour_start FROM device_hour WHERE device_id IN ("
                  + placeholders(chunk.size())
                  + ")")
          .params(new ArrayList<Object>(chunk))
          .query((rs, n) -> rs.getLong(1) + "/" + DeviceRows.instant(rs, "hour_start"))
          .list()
          .forEach(known::add);
    }
    List<Object[]> rows = new ArrayList<>();
    byDevice.forEach(
        (device, list) -> {
          for (Instant h : list) {
            if (known.add(device + "/" + h)) {
              rows.add(new Object[] {device, DeviceRows.utc(h)});
            }
          }
        });
    inserter.insert("device_hour", List.of("device_id", "hour_start"), rows);
  }

  private static Object[] change(
      long device, String attr, String from, String to, Instant at, long capture, long job) {
    return new Object[] {
      device,
      attr,
      clip(from, 2000),
      clip(to, 2000),
      DeviceRows.utc(at),
      capture,
      job > 0 ? job : null
    };
  }

  static String evidenceKey(Evidence e) {
    String canonical =
        String.join(
            "\u0000",
            e.attribute(),
            e.value(),
            e.source(),
            e.observed(),
            e.fingerprint().orElse(""));
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(md.digest(canonical.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException ex) {
      throw new IllegalStateException("SHA-256 missing from the JDK", ex);
    }
  }

  static Instant nanos(long epochNanos) {
    return Instant.ofEpochSecond(
            Math.floorDiv(epochNanos, 1_000_000_000L), Math.floorMod(epochNanos, 1_000_000_000L))
        .truncatedTo(ChronoUnit.MICROS);
  }

  private static Instant min(Instant a, Instant b) {
    return a.isBefore(b) ? a : b;
  }

  private static Instant max(Instant a, Instant b) {
    return a.isAfter(b) ? a : b;
  }

  static String clip(String s, int max) {
    return s.length() <= max ? s : s.substring(0, max);
  }

  /** {@code all} in lists of at most {@link #CHUNK}, for IN lists and batches. */
  static <T> List<List<T>> chunks(List<T> all) {
    List<List<T>> out = new ArrayList<>();
    for (int i = 0; i < all.size(); i += CHUNK) {
      out.add(all.subList(i, Math.min(all.size(), i + CHUNK)));
    }
    return out;
  }

  /** {@code n} comma-separated parameter markers, for an IN list. */
  static String placeholders(int n) {
    return String.join(", ", java.util.Collections.nCopies(n, "?"));
  }

  /** The stored columns of a device, and how a newer analysis merges into them. */
  record Columns(
      String key,
      String mac,
      List<String> ips,
      List<String> hostnames,
      List<String> vlans,
      String vendor,
      String model,
      String os,
      String firmware,
      String serial,
      String category,
      String modality,
      boolean medical,
      String criticality,
      int criticalityRank,
      List<String> protocolsClient,
      List<String> protocolsServer,
      List<String> aeTitles,
      List<String> hl7Applications,
      List<Software> software,
      Instant firstSeen,
      Instant lastSeen) {

    static Columns of(Device d) {
      return new Columns(
          d.id(),
          d.mac().map(Object::toString).orElse(""),
          d.ips().stream().map(Object::toString).toList(),
          d.hostnames(),
          new TreeSet<>(d.vlans()).stream().map(Object::toString).toList(),
          d.vendor().orElse(""),
          d.model().orElse(""),
          d.os().orElse(""),
          d.firmware().orElse(""),
          d.serial().orElse(""),
          d.category().id(),
          d.modality().orElse(""),
          d.medical(),
          d.criticality().id(),
          d.criticality().ordinal(),
          sorted(d.protocolsAsClient()),
          sorted(d.protocolsAsServer()),
          sorted(d.aeTitles()),
          sorted(d.hl7Applications()),
          d.software(),
          nanos(d.firstSeenEpochNanos()),
          nanos(d.lastSeenEpochNanos()));
    }

    /**
     * The newer observation wins where it knows a value; what it does not know is kept; lists are
     * unions, stored values first (so a reordering is not a change). Newer means the device seen
     * later, not the capture ingested later: an analysis that last saw the device before the stored
     * {@code last_seen} (an older capture ingested late) only fills in what is not known.
     */
    Columns mergedWith(Columns n) {
      boolean current = !n.seenBefore(this);
      Columns fresh = current ? n : this;
      Columns old = current ? this : n;
      Columns category = fresh.category.equals(Category.UNKNOWN.id()) ? old : fresh;
      // A stored model that this analysis names as software, not as the device's model, came
      // from an earlier Ward that read toolkits (DCMTK, Mirth…) as the device itself: its vendor,
      // model and release go, or they would stand beside the software for ever and a stale
      // release would keep a patched remediation record from verifying.
      Optional<Software> wasSoftware =
          n.model.isEmpty() ? namedAsSoftware(model, n.software) : Optional.empty();
      boolean vendorOfThatSoftware =
          wasSoftware.flatMap(Software::vendor).filter(vendor::equalsIgnoreCase).isPresent();
      String storedVendor = vendorOfThatSoftware ? "" : vendor;
      String storedModel = wasSoftware.isPresent() ? "" : model;
      String storedFirmware = wasSoftware.isPresent() ? "" : firmware;
      return new Columns(
          key,
          pick(fresh.mac, old.mac),
          union(n.ips, ips),
          union(n.hostnames, hostnames),
          union(n.vlans, vlans),
          pick(n.vendor, storedVendor, current),
          pick(n.model, storedModel, current),
          pick(fresh.os, old.os),
          pick(n.firmware, storedFirmware, current),
          pick(fresh.serial, old.serial),
          category.category,
          pick(fresh.modality, old.modality),
          category.medical,
          category.criticality,
          category.criticalityRank,
          union(n.protocolsClient, protocolsClient),
          union(n.protocolsServer, protocolsServer),
          union(n.aeTitles, aeTitles),
          union(n.hl7Applications, hl7Applications),
          SoftwareColumn.merged(fresh.software, old.software),
          firstSeen.isBefore(n.firstSeen) ? firstSeen : n.firstSeen,
          lastSeen.isAfter(n.lastSeen) ? lastSeen : n.lastSeen);
    }

    /** True when this observation last saw the device before {@code stored} did. */
    boolean seenBefore(Columns stored) {
      return lastSeen.isBefore(stored.lastSeen);
    }

    /** The history-worthy attribute changes from this to {@code m}: {attribute, old, new}. */
    List<String[]> diff(Columns m) {
      List<String[]> out = new ArrayList<>();
      diff(out, "mac", mac, m.mac);
      diff(out, "ips", DeviceRows.join(ips), DeviceRows.join(m.ips));
      diff(out, "hostnames", DeviceRows.join(hostnames), DeviceRows.join(m.hostnames));
      diff(out, "vlans", DeviceRows.join(vlans), DeviceRows.join(m.vlans));
      diff(out, "vendor", vendor, m.vendor);
      diff(out, "model", model, m.model);
      diff(out, "os", os, m.os);
      diff(out, "firmware", firmware, m.firmware);
      diff(out, "serial", serial, m.serial);
      diff(out, "category", category, m.category);
      diff(out, "modality", modality, m.modality);
      diff(out, "criticality", criticality, m.criticality);
      diff(out, "software", SoftwareColumn.shown(software), SoftwareColumn.shown(m.software));
      return out;
    }

    private static void diff(List<String[]> out, String attr, String a, String b) {
      if (!a.equals(b)) {
        out.add(new String[] {attr, a, b});
      }
    }

    /** Column values in INSERT order after the key (created_at and updated_at last). */
    Object[] values(OffsetDateTime createdAt, OffsetDateTime updatedAt) {
      return new Object[] {
        clip(mac, 17),
        joinClipped(ips, 2000),
        joinClipped(hostnames, 2000),
        joinClipped(vlans, 500),
        clip(vendor, 200),
        clip(model, 200),
        clip(os, 200),
        clip(firmware, 200),
        clip(serial, 200),
        category,
        clip(modality, 16),
        medical,
        criticality,
        criticalityRank,
        joinClipped(protocolsClient, 1000),
        joinClipped(protocolsServer, 1000),
        joinClipped(aeTitles, 2000),
        joinClipped(hl7Applications, 2000),
        SoftwareColumn.write(software),
        joinClipped(SoftwareColumn.names(software), 2000),
        searchText(),
        searchAddresses(),
        DeviceRows.utc(firstSeen),
        DeviceRows.utc(lastSeen),
        createdAt,
        updatedAt
      };
    }

    /**
     * The device's descriptive values for free-text search, lower case, space-separated. The
     * addresses are in {@link #searchAddresses()}; a search word matches when it is a substring of
     * either (see V202611290200).
     */
    String searchText() {
      List<String> parts = new ArrayList<>();
      parts.addAll(List.of(vendor, model, os, firmware, serial, category, modality));
      parts.addAll(aeTitles);
      parts.addAll(hl7Applications);
      parts.addAll(SoftwareColumn.names(software));
      parts.addAll(protocolsClient);
      parts.addAll(protocolsServer);
      return searchable(parts);
    }

    /** The device's key, MAC, IPs and host names for free-text search. */
    String searchAddresses() {
      List<String> parts = new ArrayList<>();
      parts.add(key);
      parts.add(mac);
      parts.addAll(ips);
      parts.addAll(hostnames);
      return searchable(parts);
    }

    private static String searchable(List<String> parts) {
      String text =
          parts.stream()
              .filter(p -> !p.isEmpty())
              .map(p -> p.toLowerCase(Locale.ROOT))
              .collect(Collectors.joining(" "));
      return clip(text, 8000);
    }

    private static String pick(String fresh, String old) {
      return fresh.isEmpty() ? old : fresh;
    }

    /** {@link #pick} of the new analysis's value and the stored one, the newer first. */
    private static String pick(String analysed, String stored, boolean analysedIsNewer) {
      return analysedIsNewer ? pick(analysed, stored) : pick(stored, analysed);
    }

    /** The item of {@code software} whose product is {@code model}, if any. */
    private static Optional<Software> namedAsSoftware(String model, List<Software> software) {
      if (model.isEmpty()) {
        return Optional.empty();
      }
      return software.stream().filter(sw -> sw.product().equalsIgnoreCase(model)).findFirst();
    }

    /** {@code old}'s values, then those of {@code fresh} not among them. */
    static List<String> union(List<String> fresh, List<String> old) {
      LinkedHashSet<String> all = new LinkedHashSet<>(old);
      all.addAll(fresh);
      return List.copyOf(all);
    }

    private static List<String> sorted(Collection<String> values) {
      return List.copyOf(new TreeSet<>(values));
    }

    /** Joins whole values only, so a clipped list never holds half a value. */
    static String joinClipped(List<String> values, int max) {
      StringBuilder sb = new StringBuilder();
      for (String v : values) {
        String s = v.replace(",", " ");
        int extra = (sb.length() == 0 ? 0 : 1) + s.length();
        if (sb.length() + extra > max) {
          break;
        }
        if (sb.length() > 0) {
          sb.append(',');
        }
        sb.append(s);
      }
      return sb.toString();
    }
  }
}

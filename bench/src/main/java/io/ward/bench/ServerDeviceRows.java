package io.ward.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.Collectors;

/**
 * Loads the fleet into the server's inventory tables as Ward's own ingest would have left them:
 * sites and subnets, a year of weekly captures, devices, the evidence behind every attribute, the
 * history of changes and which capture saw which device.
 */
final class ServerDeviceRows {

  /** Weekly captures over the year the fleet was seen. */
  static final int CAPTURES = 53;

  private static final int MAX_SIGHTINGS = 4;

  private final ServerFleet fleet;
  private final long seed;
  private final MessageDigest sha256;

  ServerDeviceRows(ServerFleet fleet, long seed) {
    this.fleet = fleet;
    this.seed = seed;
    try {
      this.sha256 = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 missing from the JDK", e);
    }
  }

  /** Writes every table; returns the rows per table. */
  void write(Connection c, Map<String, Long> counts) throws SQLException, IOException {
    sites(c, counts);
    networks(c, counts);
    captures(c, counts);
    devices(c, counts);
    evidence(c, counts);
    changes(c, counts);
    sightings(c, counts);
  }

  private void sites(Connection c, Map<String, Long> counts) throws SQLException, IOException {
    try (ServerCopy copy = new ServerCopy(c, "site", "id, name, description, created_at")) {
      for (int i = 0; i < ServerFleet.SITES.size(); i++) {
        copy.row()
            .number(i + 1)
            .text(ServerFleet.SITES.get(i))
            .text("from the CMDB")
            .time(ServerFleet.NOW.minus(Duration.ofDays(400)))
            .end();
      }
      counts.put("site", copy.rows());
    }
  }

  private void networks(Connection c, Map<String, Long> counts) throws SQLException, IOException {
    try (ServerCopy copy =
        new ServerCopy(c, "network", "site_id, vlan, name, cidr, first_seen, last_seen")) {
      for (ServerFleet.Network n : fleet.networks()) {
        copy.row()
            .number(n.siteId())
            .number(n.vlan())
            .text(n.name())
            .text(n.cidr())
            .time(ServerFleet.NOW.minus(Duration.ofDays(365)))
            .time(ServerFleet.NOW.minus(Duration.ofMinutes(5)))
            .end();
      }
      counts.put("network", copy.rows());
    }
  }

  /** Capture {@code k} (1-based) was taken {@code CAPTURES - k} weeks before now. */
  static Instant captureTime(int k) {
    return ServerFleet.NOW.minus(Duration.ofDays(7L * (CAPTURES - k)));
  }

  private void captures(Connection c, Map<String, Long> counts) throws SQLException, IOException {
    SplittableRandom random = new SplittableRandom(seed ^ 0xC0FFEE);
    try (ServerCopy copy =
        new ServerCopy(
            c,
            "capture",
            "id, sha256, filename, size_bytes, format, gzip, packets, wire_bytes, flows,"
                + " observations, devices, first_packet, last_packet, warnings, ingested_by,"
                + " ingested_at")) {
      for (int k = 1; k <= CAPTURES; k++) {
        Instant end = captureTime(k);
        long packets = 40_000_000L + random.nextLong(20_000_000L);
        copy.row()
            .number(k)
            .text(hex(("capture-" + seed + "-" + k).getBytes(StandardCharsets.UTF_8)))
            .text("core-span-" + end.toString().substring(0, 10) + ".pcapng.gz")
            .number(packets * 180)
            .text("pcapng")
            .bool(true)
            .number(packets)
            .number(packets * 420)
            .number(packets / 40)
            .number(packets / 12)
            .number(fleet.members().size())
            .time(end.minus(Duration.ofHours(24)))
            .time(end)
            .text("")
            .text("bench")
            .time(end.plusSeconds(900))
            .end();
      }
      counts.put("capture", copy.rows());
    }
  }

  private void devices(Connection c, Map<String, Long> counts) throws SQLException, IOException {
    try (ServerCopy copy =
        new ServerCopy(
            c,
            "device",
            "id, device_key, mac, ips, hostnames, vlans, vendor, model, os, firmware, serial,"
                + " category, modality, medical, criticality, criticality_rank, protocols_client,"
                + " protocols_server, ae_titles, hl7_applications, site_id, search_text,"
                + " search_addresses, first_seen, last_seen, created_at, updated_at")) {
      for (ServerFleet.Member m : fleet.members()) {
        ServerTemplate t = m.template();
        ServerCopyRow row =
            copy.row()
                .number(m.id())
                .text(m.key())
                .text(m.mac())
                .text(m.ip())
                .text(String.join(",", m.hostnames()))
                .text(Integer.toString(m.network().vlan()))
                .text(t.vendor())
                .text(t.model())
                .text(t.os())
                .text(m.firmware())
                .text(m.serial())
                .text(t.category())
                .text(t.modality())
                .bool(t.medical())
                .text(t.criticality())
                .number(t.criticalityRank())
                .text(String.join(",", t.protocolsClient()))
                .text(String.join(",", t.protocolsServer()))
                .text(String.join(",", m.aeTitles()))
                .text(String.join(",", t.hl7Applications()));
        if (m.siteId() > 0) {
          row.number(m.siteId());
        } else {
          row.nul();
        }
        row.text(searchText(m))
            .text(searchAddresses(m))
            .time(m.firstSeen())
            .time(m.lastSeen())
            .time(m.firstSeen())
            .time(m.lastSeen())
            .end();
      }
      counts.put("device", copy.rows());
    }
  }

  /** The descriptive search text the server's inventory writer stores, lower case. */
  static String searchText(ServerFleet.Member m) {
    ServerTemplate t = m.template();
    List<String> parts = new ArrayList<>();
    parts.addAll(List.of(t.vendor(), t.model(), t.os(), m.firmware(), m.serial(), t.category()));
    parts.add(t.modality());
    parts.addAll(m.aeTitles());
    parts.addAll(t.hl7Applications());
    parts.addAll(t.protocolsClient());
    parts.addAll(t.protocolsServer());
    return searchable(parts);
  }

  /** The addresses' search text the server's inventory writer stores: key, MAC, IP, names. */
  static String searchAddresses(ServerFleet.Member m) {
    List<String> parts = new ArrayList<>();
    parts.add(m.key());
    parts.add(m.mac());
    parts.add(m.ip());
    parts.addAll(m.hostnames());
    return searchable(parts);
  }

  private static String searchable(List<String> parts) {
    return parts.stream()
        .filter(p -> !p.isEmpty())
        .map(p -> p.toLowerCase(Locale.ROOT))
        .collect(Collectors.joining(" "));
  }

  private void evidence(Connection c, Map<String, Long> counts) throws SQLException, IOException {
    try (ServerCopy copy =
        new ServerCopy(
            c,
            "device_evidence",
            "device_id, evidence_key, attribute, attr_value, source, observed, fingerprint,"
                + " confidence, first_seen, capture_id")) {
      for (ServerFleet.Member m : fleet.members()) {
        Set<String> keys = new HashSet<>();
        int capture = sightings(m).get(0);
        for (ServerTemplate.Evidence e : m.template().evidence()) {
          String value = personalise(e.value(), m);
          String observed = personalise(e.observed(), m);
          String fingerprint = e.fingerprint().orElse("");
          String key =
              hex(
                  String.join("\u0000", e.attribute(), value, e.source(), observed, fingerprint)
                      .getBytes(StandardCharsets.UTF_8));
          if (keys.add(key)) {
            copy.row()
                .number(m.id())
                .text(key)
                .text(clip(e.attribute(), 40))
                .text(clip(value, 500))
                .text(clip(e.source(), 100))
                .text(clip(observed, 1000))
                .text(clip(fingerprint, 200))
                .decimal(e.confidence())
                .time(m.firstSeen())
                .number(capture)
                .end();
          }
        }
      }
      counts.put("device_evidence", copy.rows());
    }
  }

  /** The template's own addresses and names in evidence text replaced by the copy's. */
  private static String personalise(String text, ServerFleet.Member m) {
    ServerTemplate t = m.template();
    String s = text.replace(t.mac(), m.mac());
    for (String ip : t.ips()) {
      s = s.replace(ip, m.ip());
    }
    for (int i = 0; i < t.hostnames().size() && i < m.hostnames().size(); i++) {
      s = s.replace(t.hostnames().get(i), m.hostnames().get(i));
    }
    if (!t.serial().isEmpty()) {
      s = s.replace(t.serial(), m.serial());
    }
    if (!t.firmware().isEmpty() && !t.firmware().equals(m.firmware())) {
      s = s.replace(t.firmware(), m.firmware());
    }
    return s;
  }

  private void changes(Connection c, Map<String, Long> counts) throws SQLException, IOException {
    try (ServerCopy copy =
        new ServerCopy(
            c,
            "device_change",
            "device_id, attribute, old_value, new_value, changed_at, capture_id, job_id")) {
      for (ServerFleet.Member m : fleet.members()) {
        SplittableRandom random = new SplittableRandom(seed * 31 + m.id());
        List<Integer> seen = sightings(m);
        copy.row()
            .number(m.id())
            .text("device")
            .text("")
            .text("first seen")
            .time(m.firstSeen())
            .number(seen.get(0))
            .nul()
            .end();
        if (!m.firmware().isEmpty() && random.nextInt(4) == 0) {
          copy.row()
              .number(m.id())
              .text("firmware")
              .text(older(m.firmware()))
              .text(m.firmware())
              .time(between(random, m.firstSeen(), m.lastSeen()))
              .number(seen.get(seen.size() - 1))
              .nul()
              .end();
        }
        if (random.nextInt(10) == 0) {
          copy.row()
              .number(m.id())
              .text("ips")
              .text("10.200." + random.nextInt(256) + "." + (1 + random.nextInt(250)))
              .text(m.ip())
              .time(between(random, m.firstSeen(), m.lastSeen()))
              .number(seen.get(seen.size() - 1))
              .nul()
              .end();
        }
      }
      counts.put("device_change", copy.rows());
    }
  }

  private void sightings(Connection c, Map<String, Long> counts) throws SQLException, IOException {
    try (ServerCopy copy =
        new ServerCopy(c, "device_sighting", "device_id, capture_id, first_seen, last_seen")) {
      for (ServerFleet.Member m : fleet.members()) {
        for (int k : sightings(m)) {
          Instant end = captureTime(k);
          copy.row()
              .number(m.id())
              .number(k)
              .time(max(m.firstSeen(), end.minus(Duration.ofHours(24))))
              .time(min(m.lastSeen(), end))
              .end();
        }
      }
      counts.put("device_sighting", copy.rows());
    }
  }

  /**
   * The weekly captures that saw the device, in order: up to four of those taken while it was on
   * the network (the nearest one when none was).
   */
  List<Integer> sightings(ServerFleet.Member m) {
    List<Integer> during = new ArrayList<>();
    for (int k = 1; k <= CAPTURES; k++) {
      Instant t = captureTime(k);
      if (!t.isBefore(m.firstSeen()) && !t.minus(Duration.ofDays(7)).isAfter(m.lastSeen())) {
        during.add(k);
      }
    }
    if (during.isEmpty()) {
      long weeks = Duration.between(m.lastSeen(), ServerFleet.NOW).toDays() / 7;
      return List.of((int) Math.max(1, CAPTURES - weeks));
    }
    SplittableRandom random = new SplittableRandom(seed * 17 + m.id());
    while (during.size() > MAX_SIGHTINGS) {
      during.remove(1 + random.nextInt(during.size() - 1));
    }
    return during;
  }

  /** An older version in the same scheme: the last number one lower, or {@code previous}. */
  private static String older(String version) {
    for (int i = version.length() - 1; i >= 0; i--) {
      char ch = version.charAt(i);
      if (ch >= '1' && ch <= '9') {
        return version.substring(0, i) + (char) (ch - 1) + version.substring(i + 1);
      }
    }
    return "previous";
  }

  private static Instant between(SplittableRandom random, Instant a, Instant b) {
    long span = Math.max(1, Duration.between(a, b).toSeconds());
    return a.plusSeconds(random.nextLong(span));
  }

  private static Instant min(Instant a, Instant b) {
    return a.isBefore(b) ? a : b;
  }

  private static Instant max(Instant a, Instant b) {
    return a.isAfter(b) ? a : b;
  }

  private String hex(byte[] bytes) {
    return HexFormat.of().formatHex(sha256.digest(bytes));
  }

  static String clip(String s, int max) {
    return s.length() <= max ? s : s.substring(0, max);
  }
}

package io.ward.server.exposure;

import io.ward.exposure.AssessedFinding;
import io.ward.exposure.ExposureAnalyzer;
import io.ward.exposure.ExposureOptions;
import io.ward.exposure.ExposureReport;
import io.ward.exposure.feeds.ExposureKnowledge;
import io.ward.exposure.risk.DeviceExposure;
import io.ward.exposure.risk.TrafficExposure;
import io.ward.model.Category;
import io.ward.model.Criticality;
import io.ward.model.Device;
import io.ward.model.Evidence;
import io.ward.model.IpAddress;
import io.ward.model.MacAddress;
import io.ward.model.exposure.DeviceRisk;
import io.ward.model.exposure.Finding;
import io.ward.model.exposure.FindingKind;
import io.ward.model.exposure.FindingStatus;
import io.ward.model.exposure.RemediationOption;
import io.ward.model.exposure.RiskAssessment;
import io.ward.server.inventory.SoftwareColumn;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/**
 * Re-assesses stored devices against the advisory knowledge with the exposure module's {@link
 * ExposureAnalyzer}, and stores the findings with their risk and each device's risk summary.
 * Findings no longer found are removed unless a remediation record refers to them.
 */
@Service
public class FindingRefresher {
  private static final int CHUNK = 500;
  private static final int REMEDIATIONS_MAX = 100_000;
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final JdbcClient jdbc;
  private final KnowledgeCache knowledge;
  private final RemediationService remediations;
  private final StoredTrafficExposure traffic;
  private final ExposureAnalyzer analyzer = new ExposureAnalyzer();
  private final Clock clock = Clock.systemUTC();

  FindingRefresher(
      JdbcClient jdbc,
      KnowledgeCache knowledge,
      RemediationService remediations,
      StoredTrafficExposure traffic) {
    this.jdbc = jdbc;
    this.knowledge = knowledge;
    this.remediations = remediations;
    this.traffic = traffic;
  }

  /** What a refresh did. */
  public record Outcome(int devices, int findings, int devicesAtRisk) {}

  /**
   * Re-assesses the given devices (storage ids) after an ingest stored them, and checks the
   * remediation records of these devices against what is now stored (patched ones verified, expired
   * acceptances reopened); joins the caller's transaction.
   */
  @Transactional
  public Outcome refresh(List<Long> deviceIds) {
    Outcome outcome = assess(loadIds(deviceIds));
    // Last, so the remediation rows it changes stay locked only until the ingest commits.
    remediations.afterInventory(deviceIds);
    return outcome;
  }

  /**
   * Re-assesses the devices whose findings an import of {@code imported} into the knowledge can
   * have changed (see {@link ChangeScope}), every device when that cannot be decided; forgets the
   * cached knowledge first. Joins the caller's transaction.
   */
  @Transactional
  public Outcome refreshAfterImport(ExposureKnowledge imported) {
    knowledge.invalidate();
    Optional<Set<Long>> touched =
        new ChangeScope(jdbc, analyzer, this::pageAfter)
            .touched(imported, knowledge.current(), LocalDate.now(clock));
    if (touched.isEmpty()) {
      return refreshAll();
    }
    return assess(loadIds(touched.get().stream().sorted().toList()));
  }

  /** Re-assesses every stored device; joins the caller's transaction. */
  @Transactional
  public Outcome refreshAll() {
    return assess(load(""));
  }

  private Outcome assess(List<Stored> devices) {
    if (devices.isEmpty()) {
      return new Outcome(0, 0, 0);
    }
    ExposureReport report =
        analyzer.analyze(
            devices.stream().map(Stored::device).toList(),
            knowledge.current(),
            ExposureOptions.of(LocalDate.now(clock)).withExposures(exposures(devices)));
    Map<String, Long> ids = new HashMap<>();
    devices.forEach(s -> ids.put(s.device().id(), s.id()));
    Map<String, String> advisoryKeys = AdvisoryKeys.byId(knowledge.current().advisories());
    OffsetDateTime now = OffsetDateTime.now(clock).truncatedTo(ChronoUnit.MICROS);
    Map<Long, Set<String>> kept = new HashMap<>();
    for (AssessedFinding a : report.findings()) {
      Long deviceId = ids.get(a.finding().deviceId());
      if (deviceId != null) {
        store(a, deviceId, AdvisoryKeys.ofFinding(advisoryKeys, a.finding().advisoryId()), now);
        kept.computeIfAbsent(deviceId, k -> new HashSet<>()).add(clip(a.finding().id(), 600));
      }
    }
    int atRisk = 0;
    for (Stored s : devices) {
      removeStale(s.id(), kept.getOrDefault(s.id(), Set.of()));
      Optional<DeviceRisk> risk = report.deviceRisk(s.device().id());
      List<AssessedFinding> mine = report.findingsOf(s.device().id());
      summarise(s.id(), risk, mine);
      if (risk.filter(r -> r.score() > 0).isPresent()) {
        atRisk++;
      }
    }
    return new Outcome(devices.size(), report.findings().size(), atRisk);
  }

  /**
   * Each device's exposure from its stored traffic, as {@code ward vulns} derives it from an
   * inventory's; devices with no stored traffic stay unknown.
   */
  private Map<String, DeviceExposure> exposures(List<Stored> devices) {
    Map<String, DeviceExposure> out = new HashMap<>();
    for (int i = 0; i < devices.size(); i += CHUNK) {
      Map<Long, Device> chunk = new LinkedHashMap<>();
      devices
          .subList(i, Math.min(devices.size(), i + CHUNK))
          .forEach(s -> chunk.put(s.id(), s.device()));
      out.putAll(TrafficExposure.exposures(traffic.derive(chunk)));
    }
    return out;
  }

  private void store(AssessedFinding a, long deviceId, String advisoryKey, OffsetDateTime now) {
    Finding f = a.finding();
    RiskAssessment r = a.risk();
    Object[] values = {
      deviceId,
      f.kind().name(),
      clip(f.vulnerability(), 100),
      advisoryKey,
      clip(f.title(), 1000),
      f.status().name(),
      clip(f.statusReason().orElse(""), 2000),
      clip(f.matchedBy().explanation(), 4000),
      r.score(),
      r.decision().name(),
      r.kev(),
      r.epss().orElse(null),
      clip(String.join("\n", r.rationale()), 8000),
      clip(r.cvssVector().orElse(""), 300),
      r.baseScore().orElse(null),
      r.clinicalScore().orElse(null),
      r.ransomware(),
      clip(r.exploitation(), 20),
      r.automatable(),
      clip(r.technicalImpact(), 20),
      clip(r.missionWellbeing(), 20),
      remediations(a.remediations()),
      a.kevDueDate().orElse(null),
      now,
      clip(f.id(), 600)
    };
    int n =
        jdbc.sql(
                "UPDATE finding SET device_id = ?, kind = ?, vulnerability = ?, advisory_key = ?,"
                    + " title = ?, status = ?, status_reason = ?, matched_by = ?, score = ?,"
                    + " decision = ?, kev = ?, epss = ?, rationale = ?, cvss_vector = ?,"
                    + " base_score = ?, clinical_score = ?, ransomware = ?, exploitation = ?,"
                    + " automatable = ?, technical_impact = ?, mission_wellbeing = ?,"
                    + " remediations = ?, kev_due_date = ?, last_seen = ?"
                    + " WHERE finding_key = ?")
            .params(values)
            .update();
    if (n == 0) {
      jdbc.sql(
              "INSERT INTO finding (device_id, kind, vulnerability, advisory_key, title, status,"
                  + " status_reason, matched_by, score, decision, kev, epss, rationale, cvss_vector,"
                  + " base_score, clinical_score, ransomware, exploitation, automatable,"
                  + " technical_impact, mission_wellbeing, remediations, kev_due_date, last_seen,"
                  + " finding_key, first_seen) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,"
                  + " ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
          .params(append(values, now))
          .update();
    }
  }

  /**
   * The options as the JSON array the {@code remediations} column holds, keys as in {@code ward
   * vulns --json}. Options are dropped from the end rather than cutting the text, so what is stored
   * always parses.
   */
  static String remediations(List<RemediationOption> options) {
    List<Map<String, String>> out = new ArrayList<>();
    for (RemediationOption o : options) {
      Map<String, String> m = new LinkedHashMap<>();
      m.put("kind", o.kind().id());
      m.put("text", o.text());
      m.put("fixedVersion", o.fixedVersion().orElse(null));
      m.put("url", o.url().orElse(null));
      m.put("source", o.source());
      out.add(m);
    }
    String json = JSON.writeValueAsString(out);
    while (json.length() > REMEDIATIONS_MAX && !out.isEmpty()) {
      out.remove(out.size() - 1);
      json = JSON.writeValueAsString(out);
    }
    return json;
  }

  private void removeStale(long deviceId, Set<String> kept) {
    List<String> stored =
        jdbc.sql(
                "SELECT finding_key FROM finding f WHERE device_id = ? AND NOT EXISTS"
                    + " (SELECT 1 FROM remediation_finding r WHERE r.finding_id = f.id)")
            .param(deviceId)
            .query(String.class)
            .list();
    for (String key : stored) {
      if (!kept.contains(key)) {
        jdbc.sql("DELETE FROM finding WHERE finding_key = ?").param(key).update();
      }
    }
  }

  private void summarise(long deviceId, Optional<DeviceRisk> risk, List<AssessedFinding> findings) {
    boolean kev =
        findings.stream()
            .anyMatch(a -> a.risk().kev() && a.finding().status() != FindingStatus.NOT_AFFECTED);
    boolean eol =
        findings.stream()
            .anyMatch(
                a ->
                    a.finding().kind() == FindingKind.END_OF_LIFE
                        && a.finding().status() == FindingStatus.AFFECTED);
    int open = risk.map(r -> r.affected() + r.possiblyAffected()).orElse(0);
    jdbc.sql(
            "UPDATE device SET risk_score = ?, risk_decision = ?, kev = ?, end_of_life = ?,"
                + " open_findings = ? WHERE id = ?")
        .params(
            risk.map(DeviceRisk::score).orElse(0),
            risk.map(r -> r.decision().name()).orElse(""),
            kev,
            eol,
            open,
            deviceId)
        .update();
  }

  /** A stored device: its storage id and the engine's record of it. */
  record Stored(long id, Device device) {}

  private List<Stored> loadIds(List<Long> deviceIds) {
    List<Stored> devices = new ArrayList<>();
    for (int i = 0; i < deviceIds.size(); i += CHUNK) {
      List<Long> chunk = deviceIds.subList(i, Math.min(deviceIds.size(), i + CHUNK));
      devices.addAll(
          load(
              " WHERE id IN ("
                  + String.join(",", chunk.stream().map(String::valueOf).toList())
                  + ")"));
    }
    return devices;
  }

  /** The next page of stored devices after the one with storage id {@code afterId}. */
  private List<Stored> pageAfter(long afterId) {
    return withEvidence(
        jdbc.sql("SELECT * FROM device WHERE id > ? ORDER BY id LIMIT " + CHUNK)
            .param(afterId)
            .query(FindingRefresher::device)
            .list());
  }

  private List<Stored> load(String where) {
    return withEvidence(
        jdbc.sql("SELECT * FROM device" + where + " ORDER BY id")
            .query(FindingRefresher::device)
            .list());
  }

  private List<Stored> withEvidence(List<Stored> out) {
    Map<Long, List<Evidence>> evidence = new HashMap<>();
    for (int i = 0; i < out.size(); i += CHUNK) {
      List<Stored> chunk = out.subList(i, Math.min(out.size(), i + CHUNK));
      String in = String.join(",", chunk.stream().map(s -> String.valueOf(s.id())).toList());
      jdbc.sql("SELECT * FROM device_evidence WHERE device_id IN (" + in + ") ORDER BY id")
          .query(
              (rs, n) ->
                  evidence
                      .computeIfAbsent(rs.getLong("device_id"), k -> new ArrayList<>())
                      .add(
                          new Evidence(
                              rs.getString("attribute"),
                              rs.getString("attr_value"),
                              rs.getString("source"),
                              rs.getString("observed"),
                              text(rs.getString("fingerprint")),
                              rs.getDouble("confidence"),
                              nanos(rs.getObject("first_seen", OffsetDateTime.class)))))
          .list();
    }
    return out.stream()
        .map(
            s ->
                new Stored(
                    s.id(), s.device().withEvidence(evidence.getOrDefault(s.id(), List.of()))))
        .toList();
  }

  /** The stored device as the engine's record (what the exposure analysis reads). */
  static Stored device(ResultSet rs, int n) throws SQLException {
    Device d =
        new Device(
            rs.getString("device_key"),
            text(rs.getString("mac")).flatMap(FindingRefresher::mac),
            list(rs.getString("ips")).stream()
                .map(FindingRefresher::ip)
                .flatMap(Optional::stream)
                .toList(),
            list(rs.getString("hostnames")),
            Set.copyOf(list(rs.getString("vlans")).stream().map(Integer::valueOf).toList()),
            text(rs.getString("vendor")),
            text(rs.getString("model")),
            text(rs.getString("os")),
            text(rs.getString("firmware")),
            text(rs.getString("serial")),
            Category.fromId(rs.getString("category")).orElse(Category.UNKNOWN),
            text(rs.getString("modality")),
            rs.getBoolean("medical"),
            Criticality.fromId(rs.getString("criticality")).orElse(Criticality.LOW),
            Set.copyOf(list(rs.getString("protocols_client"))),
            Set.copyOf(list(rs.getString("protocols_server"))),
            Set.copyOf(list(rs.getString("ae_titles"))),
            Set.copyOf(list(rs.getString("hl7_applications"))),
            nanos(rs.getObject("first_seen", OffsetDateTime.class)),
            nanos(rs.getObject("last_seen", OffsetDateTime.class)),
            List.of(),
            SoftwareColumn.read(rs.getString("software")));
    return new Stored(rs.getLong("id"), d);
  }

  private static Optional<MacAddress> mac(String s) {
    try {
      return Optional.of(MacAddress.parse(s));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  private static Optional<IpAddress> ip(String s) {
    try {
      return Optional.of(IpAddress.parse(s));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  private static long nanos(OffsetDateTime t) {
    Instant i = t.toInstant();
    return i.getEpochSecond() * 1_000_000_000L + i.getNano();
  }

  private static Optional<String> text(String s) {
    return s == null || s.isEmpty() ? Optional.empty() : Optional.of(s);
  }

  private static List<String> list(String s) {
    return s == null || s.isEmpty() ? List.of() : Arrays.asList(s.split(","));
  }

  private static Object[] append(Object[] values, Object last) {
    Object[] out = Arrays.copyOf(values, values.length + 1);
    out[values.length] = last;
    return out;
  }

  private static String clip(String s, int max) {
    return s.length() <= max ? s : s.substring(0, max);
  }
}

package io.ward.bench;

import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Loads the exposure side as the server's finding refresher leaves it: findings per device (devices
 * of one vendor, model and firmware share their vulnerabilities), with NVD-like CVSS, about 2.5% of
 * CVEs in CISA KEV, EPSS, a status mix of affected, possibly affected and not affected, score,
 * decision and rationale; the advisories and KEV entries they cite; remediation records over some
 * of them; and finally each device's risk summary, computed from its findings by SQL as the
 * refresher's roll-up would (highest open score, KEV, open count).
 */
final class ServerFindingRows {

  /** Vulnerabilities known per vendor, model and firmware. */
  private static final int PER_GROUP = 80;

  /** Relative number of findings per device of a category (Windows-based kinds have most). */
  private static final Map<String, Double> CATEGORY_WEIGHT =
      Map.ofEntries(
          Map.entry("workstation", 3.0),
          Map.entry("server", 3.5),
          Map.entry("clinical-system", 2.5),
          Map.entry("pacs", 3.0),
          Map.entry("imaging-modality", 2.5),
          Map.entry("medication-dispensing", 2.0),
          Map.entry("lab-analyzer", 1.5),
          Map.entry("mobile", 1.5),
          Map.entry("network-device", 1.5),
          Map.entry("patient-monitor", 1.2),
          Map.entry("printer", 1.2),
          Map.entry("infusion-pump", 1.0),
          Map.entry("nurse-call", 1.0),
          Map.entry("building-iot", 1.0),
          Map.entry("ventilator", 0.8),
          Map.entry("other-medical", 0.8),
          Map.entry("voip-phone", 0.8),
          Map.entry("unknown", 0.2));

  private static final String[] WEAKNESSES = {
    "allows remote code execution through a crafted network packet",
    "uses hard-coded credentials for a maintenance account",
    "lets an unauthenticated attacker read protected health information",
    "has a stack-based buffer overflow in its web interface",
    "does not authenticate commands on its service port",
    "stores passwords in a recoverable format",
    "allows denial of service by a malformed HL7 message",
    "exposes a debug interface on the network",
    "has an improper input validation flaw in the DICOM listener",
    "allows privilege escalation by a local user",
    "uses a broken cryptographic algorithm for its update channel",
    "permits cross-site scripting in the management console",
  };

  private final ServerFleet fleet;
  private final long seed;

  ServerFindingRows(ServerFleet fleet, long seed) {
    this.fleet = fleet;
    this.seed = seed;
  }

  /** What one CVE is like, the same on every device it is found on. */
  private record Cve(
      String id, double cvss, String vector, boolean kev, double epss, String weakness) {}

  /** Writes about {@code findings} findings and everything they refer to. */
  void write(Connection c, long findings, Map<String, Long> counts)
      throws SQLException, IOException {
    List<ServerFleet.Member> members = fleet.members();
    int[] perDevice = shares(members, findings);
    long[] firstFinding = new long[members.size()];
    Map<String, List<Integer>> groupMembers = new HashMap<>();
    Map<String, String[]> advisories = new LinkedHashMap<>();
    Set<String> kev = new LinkedHashSet<>();
    List<Byte> kinds = new ArrayList<>();
    try (ServerCopy copy =
        new ServerCopy(
            c,
            "finding",
            "id, finding_key, device_id, kind, vulnerability, advisory_key, title, status,"
                + " status_reason, matched_by, score, decision, kev, epss, rationale, first_seen,"
                + " last_seen")) {
      long id = 0;
      for (int i = 0; i < members.size(); i++) {
        ServerFleet.Member m = members.get(i);
        groupMembers.computeIfAbsent(m.group(), k -> new ArrayList<>()).add(i);
        firstFinding[i] = id + 1;
        List<String> cves = cves(m.group());
        SplittableRandom random = new SplittableRandom(seed * 7919 + m.id());
        for (int j = 0; j < perDevice[i]; j++) {
          id++;
          FindingKindChoice kind = kind(m, j, random);
          kinds.add((byte) kind.ordinal());
          Cve cve = cve(cves.get(j));
          writeFinding(copy.row(), id, m, kind, cve, random, advisories, kev);
        }
      }
      counts.put("finding", copy.rows());
    }
    advisories(c, advisories, counts);
    kevEntries(c, kev, counts);
    remediations(c, perDevice, firstFinding, groupMembers, kinds, counts);
  }

  /** The kinds of finding besides vulnerabilities, at fixed places in a device's list. */
  private enum FindingKindChoice {
    VULNERABILITY,
    OUTDATED_FIRMWARE,
    END_OF_LIFE,
    RECALL
  }

  private static FindingKindChoice kind(ServerFleet.Member m, int j, SplittableRandom random) {
    int roll = random.nextInt(100);
    if (j == 1 && !m.firmware().isEmpty() && roll < 30) {
      return FindingKindChoice.OUTDATED_FIRMWARE;
    }
    if (j == 2 && roll < 15) {
      return FindingKindChoice.END_OF_LIFE;
    }
    if (j == 3 && m.template().medical() && roll < 5) {
      return FindingKindChoice.RECALL;
    }
    return FindingKindChoice.VULNERABILITY;
  }

  private void writeFinding(
      ServerCopyRow row,
      long id,
      ServerFleet.Member m,
      FindingKindChoice kind,
      Cve cve,
      SplittableRandom random,
      Map<String, String[]> advisories,
      Set<String> kevCves) {
    ServerTemplate t = m.template();
    String product = (t.vendor() + " " + t.model()).strip();
    product = product.isEmpty() ? t.category() + " device" : product;
    String vulnerability;
    String advisory;
    String title;
    String matchedBy;
    boolean kev = false;
    double cvss;
    Double epss = null;
    switch (kind) {
      case OUTDATED_FIRMWARE -> {
        vulnerability = "firmware " + m.firmware();
        advisory = "vendor|" + slug(t.vendor()) + "-firmware-" + slug(t.model());
        title = product + ": firmware " + m.firmware() + " is not the latest release";
        matchedBy = "firmware " + m.firmware() + " is older than the vendor's current release";
        cvss = 4.0;
      }
      case END_OF_LIFE -> {
        vulnerability = "end-of-life";
        advisory = "vendor|" + slug(t.vendor()) + "-eol-" + slug(t.model());
        title = product + " is past its end of support";
        matchedBy = "model " + t.model() + " is listed as end of support by its vendor";
        cvss = 6.0;
      }
      case RECALL -> {
        vulnerability = "Z-" + (1000 + (int) (m.id() % 900)) + "-2025";
        advisory = "fda-recall|" + vulnerability;
        title = "Class II recall: " + product;
        matchedBy = "vendor and model match the recalled product";
        cvss = 7.0;
      }
      default -> {
        vulnerability = cve.id();
        boolean csaf = t.medical() && Math.floorMod(cve.id().hashCode(), 10) < 3;
        advisory =
            csaf
                ? "csaf|ICSMA-" + cve.id().substring(6, 8) + "-" + csafNumber(cve) + "-01"
                : "nvd|" + cve.id();
        title = cve.id() + ": " + product + " " + cve.weakness();
        matchedBy = matchedBy(m, cve, csaf);
        kev = cve.kev();
        cvss = cve.cvss();
        epss = cve.epss();
        if (kev) {
          kevCves.add(cve.id());
        }
      }
    }
    String status;
    String reason;
    int roll = random.nextInt(100);
    if (roll < 55) {
      status = "AFFECTED";
      reason = "";
    } else if (roll < 85) {
      status = "POSSIBLY_AFFECTED";
      reason =
          m.firmware().isEmpty()
              ? "firmware not observed; every version of the product is listed"
              : "the advisory's range ends in a version Ward cannot order against " + m.firmware();
    } else {
      status = "NOT_AFFECTED";
      reason = "vendor VEX: vulnerable code not present";
    }
    int clinical =
        switch (t.criticality()) {
          case "life-critical" -> 10;
          case "high" -> 5;
          default -> 0;
        };
    int score =
        (int)
            Math.round(
                Math.min(
                    100, cvss * 8 + clinical + (kev ? 12 : 0) + (epss == null ? 0 : epss * 10)));
    if (status.equals("NOT_AFFECTED")) {
      score = score / 5;
    }
    String decision =
        status.equals("NOT_AFFECTED")
            ? "DEFER"
            : score >= 85 ? "ACT_NOW" : score >= 65 ? "ACT_SOON" : score >= 35 ? "TRACK" : "DEFER";
    String advisoryTitle = title;
    advisories.computeIfAbsent(
        advisory, k -> new String[] {k.substring(0, k.indexOf('|')), advisoryTitle});
    Instant first = between(random, m.firstSeen(), m.lastSeen());
    row.number(id)
        .text(ServerDeviceRows.clip(advisory + "|" + vulnerability + "|" + m.key(), 600))
        .number(m.id())
        .text(kind.name())
        .text(vulnerability)
        .text(advisory)
        .text(ServerDeviceRows.clip(title, 1000))
        .text(status)
        .text(reason)
        .text(matchedBy)
        .number(score)
        .text(decision)
        .bool(kev);
    if (epss == null) {
      row.nul();
    } else {
      row.decimal(epss);
    }
    row.text(rationale(cve, kind, kev, epss, t, status, reason, decision, score, cvss))
        .time(first)
        .time(m.lastSeen())
        .end();
  }

  private static String matchedBy(ServerFleet.Member m, Cve cve, boolean csaf) {
    ServerTemplate t = m.template();
    if (csaf) {
      return "vendor '"
          + t.vendor()
          + "' and model '"
          + t.model()
          + "' match the advisory's product"
          + (m.firmware().isEmpty() ? "" : "; firmware " + m.firmware() + " is in the range");
    }
    if (!t.os().isEmpty()) {
      return "cpe:2.3:o:"
          + slug(t.os())
          + ":*:*:*:*:*:*:*:* matches the operating system '"
          + t.os()
          + "'";
    }
    return "cpe:2.3:h:" + slug(t.vendor()) + ":" + slug(t.model()) + ":-:*:*:*:*:*:*:* matches";
  }

  private static String rationale(
      Cve cve,
      FindingKindChoice kind,
      boolean kev,
      Double epss,
      ServerTemplate t,
      String status,
      String reason,
      String decision,
      int score,
      double cvss) {
    List<String> why = new ArrayList<>();
    why.add(kev ? "exploitation active: in CISA KEV" : "exploitation none (no KEV entry)");
    if (kind == FindingKindChoice.VULNERABILITY) {
      why.add("CVSS " + cve.vector() + ": base " + cvss);
    } else {
      why.add("no CVSS vector published; scored as " + cvss);
    }
    why.add("clinical impact: " + t.criticality() + " (" + t.category() + ")");
    if (epss != null) {
      why.add(String.format(Locale.ROOT, "EPSS %.4f", epss));
    }
    if (!reason.isEmpty()) {
      why.add(status.toLowerCase(Locale.ROOT).replace('_', ' ') + ": " + reason);
    }
    why.add(
        "decision: " + decision.toLowerCase(Locale.ROOT).replace('_', '-') + ", score " + score);
    return String.join("\n", why);
  }

  /**
   * Findings per device summing to {@code total}: about a third of devices have none; the others by
   * their category's weight times a spread of about ×2.
   */
  private int[] shares(List<ServerFleet.Member> members, long total) {
    SplittableRandom random = new SplittableRandom(seed ^ 0xF1D);
    double[] w = new double[members.size()];
    double sum = 0;
    for (int i = 0; i < w.length; i++) {
      boolean none = random.nextInt(100) < 35;
      double spread = Math.min(4.0, Math.exp(0.7 * random.nextGaussian()));
      w[i] =
          none
              ? 0
              : CATEGORY_WEIGHT.getOrDefault(members.get(i).template().category(), 1.0) * spread;
      sum += w[i];
    }
    int[] n = new int[w.length];
    double cumulative = 0;
    long given = 0;
    for (int i = 0; i < w.length; i++) {
      cumulative += w[i];
      long upTo = Math.round(total * cumulative / sum);
      n[i] = (int) Math.min(PER_GROUP, upTo - given);
      given = upTo;
    }
    return n;
  }

  /** The CVEs of a vendor, model and firmware, the same list for every device in the group. */
  private List<String> cves(String group) {
    SplittableRandom random = new SplittableRandom(seed * 104_729 + group.hashCode());
    Set<String> ids = new LinkedHashSet<>();
    while (ids.size() < PER_GROUP) {
      ids.add("CVE-" + (2016 + random.nextInt(11)) + "-" + (1000 + random.nextInt(59_000)));
    }
    return List.copyOf(ids);
  }

  /** A CVE's score, KEV and EPSS from its id, in NVD-like proportions. */
  private Cve cve(String id) {
    SplittableRandom random = new SplittableRandom(seed * 15_485_863L + id.hashCode());
    int band = random.nextInt(100);
    double cvss;
    String vector;
    if (band < 15) {
      cvss = 9.0 + random.nextInt(11) / 10.0;
      vector = "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H";
    } else if (band < 55) {
      cvss = 7.0 + random.nextInt(20) / 10.0;
      vector = "CVSS:3.1/AV:N/AC:L/PR:L/UI:N/S:U/C:H/I:H/A:N";
    } else if (band < 93) {
      cvss = 4.0 + random.nextInt(30) / 10.0;
      vector = "CVSS:3.1/AV:A/AC:H/PR:N/UI:R/S:U/C:L/I:L/A:L";
    } else {
      cvss = 1.0 + random.nextInt(30) / 10.0;
      vector = "CVSS:3.1/AV:L/AC:H/PR:H/UI:R/S:U/C:L/I:N/A:N";
    }
    boolean kev = random.nextInt(1000) < 25;
    double epss =
        kev
            ? 0.5 + random.nextDouble() / 2
            : Math.min(0.97, 0.0004 * Math.exp(6 * Math.pow(random.nextDouble(), 3)));
    return new Cve(id, cvss, vector, kev, epss, WEAKNESSES[random.nextInt(WEAKNESSES.length)]);
  }

  private static int csafNumber(Cve cve) {
    return 100 + Math.floorMod(cve.id().hashCode(), 300);
  }

  private static void advisories(
      Connection c, Map<String, String[]> advisories, Map<String, Long> counts)
      throws SQLException, IOException {
    try (ServerCopy copy =
        new ServerCopy(
            c,
            "advisory",
            "advisory_key, source, title, publisher, published, updated, url, vulnerabilities,"
                + " products, source_file, imported_at")) {
      for (Map.Entry<String, String[]> e : advisories.entrySet()) {
        String source = e.getValue()[0];
        String key = e.getKey();
        Instant published =
            ServerFleet.NOW.minus(Duration.ofDays(30 + Math.floorMod(key.hashCode(), 3000)));
        copy.row()
            .text(key)
            .text(source)
            .text(ServerDeviceRows.clip(e.getValue()[1], 1000))
            .text(
                switch (source) {
                  case "nvd" -> "NIST NVD";
                  case "csaf" -> "CISA";
                  case "fda-recall" -> "U.S. FDA";
                  default -> "vendor";
                })
            .time(published)
            .time(published.plus(Duration.ofDays(14)))
            .text(
                source.equals("nvd") ? "https://nvd.nist.gov/vuln/detail/" + key.substring(4) : "")
            .number(1)
            .number(1)
            .text("feeds/" + source)
            .time(ServerFleet.NOW.minus(Duration.ofDays(1)))
            .end();
      }
      counts.put("advisory", copy.rows());
    }
  }

  private static void kevEntries(Connection c, Set<String> kev, Map<String, Long> counts)
      throws SQLException, IOException {
    try (ServerCopy copy =
        new ServerCopy(c, "kev_entry", "cve, vendor, product, added, ransomware")) {
      for (String cve : kev) {
        int h = Math.floorMod(cve.hashCode(), 1000);
        copy.row()
            .text(cve)
            .text("vendor")
            .text("product")
            .text(LocalDate.ofInstant(ServerFleet.NOW, ZoneOffset.UTC).minusDays(h).toString())
            .bool(h % 10 == 0)
            .end();
      }
      counts.put("kev_entry", copy.rows());
    }
  }

  /** One remediation record as loaded, with the findings and devices it covers. */
  private record Remediation(
      int id, String title, String status, LocalDate opened, int dueDays, List<long[]> covered) {}

  /**
   * Remediation records, one per vulnerability of a model, covering up to a dozen devices of that
   * vendor, model and firmware; statuses from open to risk accepted. Made in memory first: one
   * connection runs one COPY at a time.
   */
  private void remediations(
      Connection c,
      int[] perDevice,
      long[] firstFinding,
      Map<String, List<Integer>> groupMembers,
      List<Byte> kinds,
      Map<String, Long> counts)
      throws SQLException, IOException {
    List<Remediation> records = plan(perDevice, firstFinding, groupMembers, kinds);
    try (ServerCopy rem =
        new ServerCopy(
            c,
            "remediation",
            "id, title, status, owner, opened, due, maintenance_window, accepted_by,"
                + " acceptance_reason, fixed_version, verified, closed, created_by,"
                + " created_at")) {
      for (Remediation r : records) {
        boolean accepted = r.status().equals("RISK_ACCEPTED");
        boolean patched = r.status().equals("PATCHED");
        ServerCopyRow row =
            rem.row()
                .number(r.id())
                .text(r.title())
                .text(r.status())
                .text("clinical-engineering")
                .text(r.opened().toString())
                .text(r.opened().plusDays(r.dueDays()).toString())
                .text("Sundays 02:00-04:00")
                .text(accepted ? "ciso" : "")
                .text(accepted ? "segmented; vendor patch not validated" : "")
                .text(patched ? "next release" : "")
                .bool(patched);
        if (patched || r.status().equals("MITIGATED")) {
          row.text(r.opened().plusDays(20).toString());
        } else {
          row.nul();
        }
        row.text("bench").time(r.opened().atStartOfDay().toInstant(ZoneOffset.UTC)).end();
      }
      counts.put("remediation", rem.rows());
    }
    try (ServerCopy copy = new ServerCopy(c, "remediation_finding", "remediation_id, finding_id")) {
      for (Remediation r : records) {
        for (long[] fd : r.covered()) {
          copy.row().number(r.id()).number(fd[0]).end();
        }
      }
      counts.put("remediation_finding", copy.rows());
    }
    try (ServerCopy copy = new ServerCopy(c, "remediation_device", "remediation_id, device_id")) {
      for (Remediation r : records) {
        for (long[] fd : r.covered()) {
          copy.row().number(r.id()).number(fd[1]).end();
        }
      }
      counts.put("remediation_device", copy.rows());
    }
    try (ServerCopy copy =
        new ServerCopy(
            c,
            "remediation_change",
            "remediation_id, changed_at, from_status, to_status, changed_by, note")) {
      for (Remediation r : records) {
        if (!r.status().equals("OPEN")) {
          copy.row()
              .number(r.id())
              .time(r.opened().plusDays(3).atStartOfDay().toInstant(ZoneOffset.UTC))
              .text("OPEN")
              .text(r.status())
              .text("bench")
              .text("")
              .end();
        }
      }
      counts.put("remediation_change", copy.rows());
    }
  }

  private List<Remediation> plan(
      int[] perDevice,
      long[] firstFinding,
      Map<String, List<Integer>> groupMembers,
      List<Byte> kinds) {
    List<ServerFleet.Member> members = fleet.members();
    int wanted = (int) Math.max(10, kinds.size() / 1500);
    String[] statuses = {
      "OPEN",
      "OPEN",
      "OPEN",
      "PLANNED",
      "PLANNED",
      "IN_PROGRESS",
      "IN_PROGRESS",
      "PATCHED",
      "MITIGATED",
      "RISK_ACCEPTED"
    };
    SplittableRandom random = new SplittableRandom(seed ^ 0x3E3);
    Set<Long> taken = new java.util.HashSet<>();
    List<Remediation> out = new ArrayList<>();
    for (int attempt = 0; out.size() < wanted && attempt < wanted * 20; attempt++) {
      int first = random.nextInt(members.size());
      if (perDevice[first] == 0) {
        continue;
      }
      int j = random.nextInt(perDevice[first]);
      long finding = firstFinding[first] + j;
      if (kinds.get((int) (finding - 1)) != 0 || taken.contains(finding)) {
        continue;
      }
      ServerFleet.Member m = members.get(first);
      List<long[]> covered = new ArrayList<>();
      for (int i : groupMembers.get(m.group())) {
        long f = firstFinding[i] + j;
        if (covered.size() < 12
            && perDevice[i] > j
            && kinds.get((int) (f - 1)) == 0
            && taken.add(f)) {
          covered.add(new long[] {f, members.get(i).id()});
        }
      }
      String product = (m.template().vendor() + " " + m.template().model()).strip();
      out.add(
          new Remediation(
              out.size() + 1,
              ServerDeviceRows.clip("Patch " + product + " (" + cves(m.group()).get(j) + ")", 500),
              statuses[random.nextInt(statuses.length)],
              LocalDate.ofInstant(ServerFleet.NOW, ZoneOffset.UTC).minusDays(random.nextInt(200)),
              30 + random.nextInt(90),
              covered));
    }
    return out;
  }

  /** Each device's risk summary from its open findings, as the refresher's roll-up stores it. */
  static void summarise(Connection c) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.executeUpdate(
          "UPDATE device d SET risk_score = x.score, risk_decision = x.decision, kev = x.kev,"
              + " end_of_life = x.eol, open_findings = x.open FROM (SELECT device_id,"
              + " MAX(score) AS score, COUNT(*) AS open, BOOL_OR(kev) AS kev,"
              + " BOOL_OR(kind = 'END_OF_LIFE' AND status = 'AFFECTED') AS eol,"
              + " (ARRAY_AGG(decision ORDER BY score DESC, id))[1] AS decision FROM finding"
              + " WHERE status <> 'NOT_AFFECTED' GROUP BY device_id) x WHERE d.id = x.device_id");
    }
  }

  private static String slug(String s) {
    String out = s.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_");
    return out.isEmpty() ? "unknown" : out;
  }

  private static Instant between(SplittableRandom random, Instant a, Instant b) {
    long span = Math.max(1, Duration.between(a, b).toSeconds());
    return a.plusSeconds(random.nextLong(span));
  }
}

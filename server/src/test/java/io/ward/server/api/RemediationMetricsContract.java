package io.ward.server.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.ward.server.security.Role;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;

/**
 * The remediation programme's metrics (open findings by urgency, overdue records, mean time to
 * remediate, share of devices on supported software) over real HTTP, on H2 ({@link
 * H2RemediationMetricsTest}) and PostgreSQL ({@link PostgresRemediationMetricsTest}). The expected
 * figures are computed here by plain SQL over the same tables, so the API's path through {@code
 * RemediationMetrics} is checked against an independent count; the shared server holds other tests'
 * findings and records too, which both sides see alike.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class RemediationMetricsContract {
  private static final List<String> DECISIONS = List.of("ACT_NOW", "ACT_SOON", "TRACK", "DEFER");

  /** The labels: Ward's decisions (TRACK holds SSVC Track and Track*; DEFER is no SSVC outcome). */
  private static final List<String> LABELS = List.of("act-now", "act-soon", "track", "defer");

  SharedServer server;
  Http auditor;
  String run;

  abstract boolean postgres();

  @BeforeAll
  void seed() throws Exception {
    server = SharedServer.of(postgres());
    auditor = Http.bearer(server.url(), server.token(Role.AUDITOR));
    Http analyst = Http.bearer(server.url(), server.token(Role.SECURITY_ANALYST));
    JsonNode job = Fixtures.ingest(analyst, Fixtures.HL7);
    assertThat(job.get("state").asString()).as(job.toString()).isEqualTo("succeeded");
    run = Long.toString(System.nanoTime());
    JsonNode devices = Http.json(auditor.get("/api/v1/devices?limit=2&sort=id&order=asc").body());
    long first = devices.get("items").get(0).get("id").asLong();
    // One open finding per decision, one ruled out (never open), and an end-of-life finding that
    // takes its device off supported software.
    finding(first, "VULNERABILITY", "AFFECTED", "ACT_NOW");
    finding(first, "VULNERABILITY", "POSSIBLY_AFFECTED", "ACT_SOON");
    finding(first, "RECALL", "AFFECTED", "TRACK");
    finding(first, "VULNERABILITY", "NOT_AFFECTED", "DEFER");
    finding(first, "END_OF_LIFE", "AFFECTED", "DEFER");
    // Rows of an early version hold the decision's id, not its name: the same decision.
    finding(first, "VULNERABILITY", "AFFECTED", "act-soon");
    // Patched after 10 days, mitigated after 30; a risk accepted after 425 days must not count as
    // remediated; an open record due long ago is overdue, a closed one never is.
    record("PATCHED", "2026-01-01", "2000-01-01", "2026-01-11");
    record("MITIGATED", "2026-02-01", null, "2026-03-03");
    record("RISK_ACCEPTED", "2025-01-01", "2025-02-01", "2026-03-01");
    record("OPEN", "2026-01-01", "2001-01-01", null);
  }

  private void finding(long device, String kind, String status, String decision) {
    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC).withNano(0);
    String key = "metrics|" + run + "|" + kind + "|" + status + "|" + decision;
    server
        .jdbc()
        .sql(
            "INSERT INTO finding (finding_key, device_id, kind, vulnerability, advisory_key, title,"
                + " status, score, decision, first_seen, last_seen)"
                + " VALUES (?, ?, ?, 'CVE-2099-7777', 'csaf|TEST-M', 'metrics test', ?, 50, ?, ?, ?)")
        .params(key, device, kind, status, decision, now, now)
        .update();
  }

  private void record(String status, String opened, String due, String closed) {
    server
        .jdbc()
        .sql(
            "INSERT INTO remediation (title, status, opened, due, closed, created_by, created_at)"
                + " VALUES (?, ?, ?, ?, ?, 'test', ?)")
        .params(
            "metrics " + run + " " + status,
            status,
            LocalDate.parse(opened),
            due == null ? null : LocalDate.parse(due),
            closed == null ? null : LocalDate.parse(closed),
            OffsetDateTime.now(ZoneOffset.UTC))
        .update();
  }

  /** A stored decision's enum name: a label (the id form) stands for its decision. */
  private static String nameOf(String stored) {
    int i = LABELS.indexOf(stored);
    return i < 0 ? stored : DECISIONS.get(i);
  }

  /** The figures, counted by plain SQL. */
  record Expected(
      Map<String, Long> open,
      long overdue,
      double meanDays,
      long remediated,
      LocalDate from,
      LocalDate to,
      long devices,
      double supportedShare) {}

  Expected expected() {
    Map<String, Long> open = new HashMap<>();
    server
        .jdbc()
        .sql(
            "SELECT decision, COUNT(*) FROM finding"
                + " WHERE status IN ('AFFECTED', 'POSSIBLY_AFFECTED') GROUP BY decision")
        .query((rs, n) -> open.merge(nameOf(rs.getString(1)), rs.getLong(2), Long::sum))
        .list();
    long overdue =
        server
            .jdbc()
            .sql(
                "SELECT COUNT(*) FROM remediation"
                    + " WHERE status IN ('OPEN', 'PLANNED', 'IN_PROGRESS') AND due < ?")
            .param(LocalDate.now(ZoneOffset.UTC))
            .query(Long.class)
            .single();
    List<LocalDate[]> closed =
        server
            .jdbc()
            .sql(
                "SELECT opened, closed FROM remediation"
                    + " WHERE status IN ('PATCHED', 'MITIGATED') AND closed IS NOT NULL")
            .query(
                (rs, n) ->
                    new LocalDate[] {
                      rs.getObject(1, LocalDate.class), rs.getObject(2, LocalDate.class)
                    })
            .list();
    double mean =
        closed.stream().mapToLong(p -> ChronoUnit.DAYS.between(p[0], p[1])).average().orElseThrow();
    LocalDate from = closed.stream().map(p -> p[1]).min(LocalDate::compareTo).orElseThrow();
    LocalDate to = closed.stream().map(p -> p[1]).max(LocalDate::compareTo).orElseThrow();
    long devices = server.count("device");
    long eol =
        server
            .jdbc()
            .sql("SELECT COUNT(DISTINCT device_id) FROM finding WHERE kind = 'END_OF_LIFE'")
            .query(Long.class)
            .single();
    return new Expected(
        open, overdue, mean, closed.size(), from, to, devices, (devices - eol) / (double) devices);
  }

  @Test
  void shouldServeTheProgrammeMetricsAsTheStoredFindingsAndRecordsGiveThem() throws Exception {
    JsonNode r = Http.json(auditor.get("/api/v1/metrics/remediation").body());
    Expected e = expected();
    JsonNode byDecision = r.get("openByDecision");
    assertThat(byDecision.size()).isEqualTo(4);
    long knownOpen = 0;
    for (int i = 0; i < DECISIONS.size(); i++) {
      String name = DECISIONS.get(i);
      JsonNode u = byDecision.get(i);
      assertThat(u.get("decision").asString())
          .isEqualTo(name.toLowerCase(Locale.ROOT).replace('_', '-'));
      assertThat(u.get("ssvc").asString()).isEqualTo(LABELS.get(i));
      assertThat(u.get("open").asLong()).as(name).isEqualTo(e.open().getOrDefault(name, 0L));
      // The seeded open finding of each decision but defer is there.
      assertThat(u.get("open").asLong()).as(name).isGreaterThanOrEqualTo(i < 3 ? 1 : 0);
      knownOpen += e.open().getOrDefault(name, 0L);
    }
    long allOpen = e.open().values().stream().mapToLong(Long::longValue).sum();
    // Other tests store decisions Ward never makes (e.g. 'act'): counted apart, not dropped.
    assertThat(r.get("openWithoutDecision").asLong()).isEqualTo(allOpen - knownOpen);
    assertThat(r.get("overdue").asLong()).isEqualTo(e.overdue()).isPositive();
    assertThat(r.get("meanDaysToRemediate").asDouble()).isCloseTo(e.meanDays(), within(1e-9));
    assertThat(r.get("remediated").asLong()).isEqualTo(e.remediated());
    assertThat(r.get("remediatedFrom").asString()).isEqualTo(e.from().toString());
    assertThat(r.get("remediatedTo").asString()).isEqualTo(e.to().toString());
    assertThat(r.get("today").asString()).isEqualTo(LocalDate.now(ZoneOffset.UTC).toString());
    assertThat(r.get("devices").asLong()).isEqualTo(e.devices());
    assertThat(r.get("supportedShare").asDouble())
        .isCloseTo(e.supportedShare(), within(1e-9))
        .isLessThan(1.0);

    // The dashboard's figures carry the same metrics, and agree with its overdue headline.
    JsonNode all = Http.json(auditor.get("/api/v1/metrics").body());
    assertThat(all.get("remediation").get("openByDecision")).isEqualTo(byDecision);
    assertThat(all.get("remediation").get("overdue").asLong())
        .isEqualTo(all.get("work").get("overdueRemediations").asLong());
    assertThat(all.get("work").get("openFindings").asLong()).isEqualTo(allOpen);

    JsonNode doc = Http.json(auditor.get("/v3/api-docs").body());
    assertThat(doc.get("paths").propertyNames()).contains("/api/v1/metrics/remediation");
    assertThat(
            doc.get("paths")
                .get("/api/v1/metrics/remediation")
                .get("get")
                .get("summary")
                .asString())
        .contains("act-now, act-soon, track, defer", "track covers SSVC Track and Track*");
  }

  @Test
  void shouldShowTheProgrammeMetricsOnTheDashboard() throws Exception {
    Http session = Http.session(server.url());
    session.signIn(SharedServer.userName(Role.AUDITOR), SharedServer.PASSWORD);
    String page = session.page("/").body();
    Expected e = expected();
    assertThat(page).contains("Remediation programme");
    for (String name : DECISIONS) {
      String id = name.toLowerCase(Locale.ROOT).replace('_', '-');
      assertThat(number(page, "data-decision=\"" + id + "\">.*?<td class=\"num\">(\\d+)</td>"))
          .as(id)
          .isEqualTo(e.open().getOrDefault(name, 0L));
    }
    assertThat(number(page, "id=\"prog-overdue\"><a [^>]*>(\\d+)</a>")).isEqualTo(e.overdue());
    assertThat(decimal(page, "id=\"prog-mttr\"><span>([0-9.]+) days</span>"))
        .isCloseTo(e.meanDays(), within(0.05));
    assertThat(page)
        .contains("over " + e.remediated() + " records patched or mitigated, closed " + e.from());
    assertThat(decimal(page, "id=\"prog-supported\"><span>([0-9.]+)%</span>"))
        .isCloseTo(e.supportedShare() * 100, within(0.05));
  }

  private static long number(String page, String regex) {
    return Long.parseLong(group(page, regex));
  }

  private static double decimal(String page, String regex) {
    return Double.parseDouble(group(page, regex));
  }

  private static String group(String page, String regex) {
    Matcher m = Pattern.compile(regex, Pattern.DOTALL).matcher(page);
    assertThat(m.find()).as("the dashboard has " + regex).isTrue();
    return m.group(1);
  }
}

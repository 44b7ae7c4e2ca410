package io.ward.server.api;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * One advisory affecting a small fleet, stored as a feed import and the exposure analysis would
 * store them: three infusion pumps of one vendor (two of model A with firmware 1.0, one of model B
 * with unknown firmware) and a patient monitor that the advisory does not affect. Every name holds
 * a random tag, so the fixture can be stored again on the shared server without meeting itself.
 *
 * @param advisoryKey the advisory's key, {@code csaf|WARD-GRP-<tag>}
 * @param advisoryId its storage id
 * @param cve the CVE of the advisory's findings (KEV)
 * @param otherCve a second CVE on the model-B pump, from another advisory
 * @param vendor the pumps' vendor
 * @param pumpsA the two model-A pumps
 * @param pumpB the model-B pump (possibly affected: firmware unknown)
 * @param monitor the monitor (its finding is not affected)
 * @param findingsA the CVE's findings on the model-A pumps
 * @param findingB the CVE's finding on the model-B pump
 * @param notAffected the CVE's finding on the monitor, ruled out
 */
public record GroupFixtures(
    String tag,
    String advisoryKey,
    long advisoryId,
    String cve,
    String otherCve,
    String vendor,
    List<Long> pumpsA,
    long pumpB,
    long monitor,
    List<Long> findingsA,
    long findingB,
    long notAffected) {

  /** Stores the fleet, the advisory and its findings. */
  public static GroupFixtures store(JdbcClient jdbc) {
    String tag = UUID.randomUUID().toString().substring(0, 8);
    String key = "csaf|WARD-GRP-" + tag;
    String cve = "CVE-2099-" + (10000 + Math.abs(tag.hashCode() % 80000));
    String otherCve = "CVE-2098-" + (10000 + Math.abs(tag.hashCode() % 80000));
    String vendor = "Grouptest Medical " + tag;
    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC).withNano(0);
    jdbc.sql(
            "INSERT INTO advisory (advisory_key, source, title, publisher, updated, url,"
                + " vulnerabilities, products, imported_at) VALUES (?, 'CSAF', ?, 'CISA', ?,"
                + " 'https://example.org/advisory', 1, 2, ?)")
        .params(key, "Grouptest pumps: hard-coded credentials " + tag, now, now)
        .update();
    long advisoryId =
        jdbc.sql("SELECT id FROM advisory WHERE advisory_key = ?")
            .param(key)
            .query(Long.class)
            .single();
    List<Long> pumpsA = new ArrayList<>();
    pumpsA.add(device(jdbc, tag + "-a1", vendor, "Pump A", "1.0", "infusion-pump", now));
    pumpsA.add(device(jdbc, tag + "-a2", vendor, "Pump A", "1.0", "infusion-pump", now));
    long pumpB = device(jdbc, tag + "-b1", vendor, "Pump B", "", "infusion-pump", now);
    long monitor =
        device(jdbc, tag + "-m1", "Other " + tag, "Monitor", "3.0", "patient-monitor", now);
    List<Long> findingsA = new ArrayList<>();
    for (long d : pumpsA) {
      findingsA.add(finding(jdbc, d, cve, key, "AFFECTED", 92, "ACT_NOW", true, now));
    }
    long findingB = finding(jdbc, pumpB, cve, key, "POSSIBLY_AFFECTED", 61, "ACT_SOON", true, now);
    long notAffected = finding(jdbc, monitor, cve, key, "NOT_AFFECTED", 0, "DEFER", true, now);
    finding(jdbc, pumpB, otherCve, "csaf|WARD-OTHER-" + tag, "AFFECTED", 35, "TRACK", false, now);
    return new GroupFixtures(
        tag,
        key,
        advisoryId,
        cve,
        otherCve,
        vendor,
        List.copyOf(pumpsA),
        pumpB,
        monitor,
        List.copyOf(findingsA),
        findingB,
        notAffected);
  }

  private static long device(
      JdbcClient jdbc,
      String key,
      String vendor,
      String model,
      String firmware,
      String category,
      OffsetDateTime now) {
    jdbc.sql(
            "INSERT INTO device (device_key, vendor, model, firmware, category, medical,"
                + " criticality, criticality_rank, first_seen, last_seen, created_at, updated_at)"
                + " VALUES (?, ?, ?, ?, ?, TRUE, 'high', 3, ?, ?, ?, ?)")
        .params("grp-" + key, vendor, model, firmware, category, now, now, now, now)
        .update();
    return jdbc.sql("SELECT id FROM device WHERE device_key = ?")
        .param("grp-" + key)
        .query(Long.class)
        .single();
  }

  private static long finding(
      JdbcClient jdbc,
      long device,
      String cve,
      String advisory,
      String status,
      int score,
      String decision,
      boolean kev,
      OffsetDateTime now) {
    String key = "grp|" + device + "|" + cve;
    jdbc.sql(
            "INSERT INTO finding (finding_key, device_id, kind, vulnerability, advisory_key, title,"
                + " status, matched_by, score, decision, kev, rationale, first_seen, last_seen)"
                + " VALUES (?, ?, 'VULNERABILITY', ?, ?, ?, ?, 'vendor and model match', ?, ?, ?,"
                + " '', ?, ?)")
        .params(
            key,
            device,
            cve,
            advisory,
            "Hard-coded credentials in " + cve,
            status,
            score,
            decision,
            kev,
            now,
            now)
        .update();
    return jdbc.sql("SELECT id FROM finding WHERE finding_key = ?")
        .param(key)
        .query(Long.class)
        .single();
  }
}

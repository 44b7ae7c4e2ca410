package io.ward.server.exposure;

import io.ward.exposure.AssessedFinding;
import io.ward.exposure.ExposureAnalyzer;
import io.ward.exposure.ExposureOptions;
import io.ward.exposure.feeds.ExposureKnowledge;
import io.ward.model.exposure.DeviceRecall;
import io.ward.model.exposure.EpssScore;
import io.ward.model.exposure.FindingKind;
import io.ward.model.exposure.KevEntry;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.LongFunction;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Which stored devices a feed import can have changed the findings of, so that only they are
 * re-assessed. A device is touched when
 *
 * <ul>
 *   <li>it matches an advisory or recall of the import (every device is matched, a page at a time,
 *       against the import alone, with the SBOMs known for device models so SBOM subjects count);
 *   <li>it has a finding of an advisory or recall the import holds (a changed advisory may no
 *       longer match it);
 *   <li>it has a finding of a CVE whose KEV entry or EPSS score the import holds (its score moves);
 *   <li>it has a finding of an advisory or recall the knowledge no longer holds (it disappeared).
 * </ul>
 *
 * Matching one advisory does not depend on the others, so these are every device whose findings a
 * full refresh would change. What it cannot decide, {@link #touched} leaves empty: an import of
 * SBOMs, VEX statements or MDS2 forms changes how devices of a model are matched or scored against
 * every advisory, and so does any CycloneDX BOM with a serial number (a newer revision withdraws
 * what an older copy listed or said, even one that lists and says nothing); then every device is
 * re-assessed.
 */
final class ChangeScope {
  private static final int CHUNK = 500;
  private static final String EOL_KEY = "ward-eol";

  private final JdbcClient jdbc;
  private final ExposureAnalyzer analyzer;
  private final LongFunction<List<FindingRefresher.Stored>> pageAfter;

  /**
   * @param pageAfter the stored devices with ids above the one given, in id order, a page at a time
   *     (empty at the end)
   */
  ChangeScope(
      JdbcClient jdbc,
      ExposureAnalyzer analyzer,
      LongFunction<List<FindingRefresher.Stored>> pageAfter) {
    this.jdbc = jdbc;
    this.analyzer = analyzer;
    this.pageAfter = pageAfter;
  }

  /**
   * The storage ids of the devices touched by {@code imported}, now that the knowledge is {@code
   * current}; empty when that cannot be decided and every device must be re-assessed.
   */
  Optional<Set<Long>> touched(
      ExposureKnowledge imported, ExposureKnowledge current, LocalDate day) {
    if (!imported.sboms().isEmpty()
        || !imported.vex().isEmpty()
        || !imported.mds2().isEmpty()
        || !imported.bomSerials().isEmpty()) {
      return Optional.empty();
    }
    Set<Long> out = new HashSet<>(matching(imported, current, day));
    Set<String> keys = new HashSet<>();
    Map<String, String> currentKeys = AdvisoryKeys.byId(current.advisories());
    // Its own key and, when another source carries the id, the key its findings are stored under.
    imported
        .advisories()
        .forEach(
            a -> {
              keys.add(AdvisoryKeys.of(a));
              keys.add(AdvisoryKeys.ofFinding(currentKeys, a.id()));
            });
    imported.recalls().forEach(r -> keys.add(key(r.recallNumber())));
    out.addAll(devicesWhere("advisory_key", keys));
    Set<String> cves = new HashSet<>();
    imported.kev().stream().map(KevEntry::cve).forEach(cves::add);
    imported.epss().stream().map(EpssScore::cve).forEach(cves::add);
    out.addAll(devicesWhere("vulnerability", cves));
    out.addAll(devicesWhere("advisory_key", disappeared(current)));
    out.addAll(devicesWhere("vulnerability", noLongerListed(current)));
    return Optional.of(out);
  }

  /**
   * CVEs whose stored findings say KEV, or carry an EPSS score, that the knowledge no longer lists:
   * a replacing catalog or score file that drops a CVE must reach the devices with its findings,
   * although the import itself does not name it.
   */
  private Set<String> noLongerListed(ExposureKnowledge current) {
    Set<String> kev = new HashSet<>();
    current.kev().forEach(k -> kev.add(k.cve()));
    Set<String> epss = new HashSet<>();
    current.epss().forEach(e -> epss.add(e.cve()));
    Set<String> out = new HashSet<>();
    jdbc.sql("SELECT DISTINCT vulnerability FROM finding WHERE kev = TRUE")
        .query(String.class)
        .list()
        .forEach(
            cve -> {
              if (!kev.contains(cve)) {
                out.add(cve);
              }
            });
    jdbc.sql("SELECT DISTINCT vulnerability FROM finding WHERE epss IS NOT NULL")
        .query(String.class)
        .list()
        .forEach(
            cve -> {
              if (!epss.contains(cve)) {
                out.add(cve);
              }
            });
    return out;
  }

  /** Devices with any finding of the import's advisories and recalls alone. */
  private Set<Long> matching(ExposureKnowledge imported, ExposureKnowledge current, LocalDate day) {
    if (imported.advisories().isEmpty() && imported.recalls().isEmpty()) {
      return Set.of();
    }
    ExposureKnowledge delta =
        new ExposureKnowledge(
            imported.advisories(),
            List.of(),
            List.of(),
            imported.recalls(),
            current.sboms(),
            List.of(),
            List.of(),
            List.of(),
            List.of());
    Set<Long> out = new HashSet<>();
    long after = 0;
    for (List<FindingRefresher.Stored> page = pageAfter.apply(after);
        !page.isEmpty();
        page = pageAfter.apply(after)) {
      Map<String, Long> ids = new HashMap<>();
      page.forEach(s -> ids.put(s.device().id(), s.id()));
      for (AssessedFinding a :
          analyzer
              .analyze(
                  page.stream().map(FindingRefresher.Stored::device).toList(),
                  delta,
                  ExposureOptions.of(day))
              .findings()) {
        // End of life comes from Ward's own catalog, never from an import.
        if (a.finding().kind() != FindingKind.END_OF_LIFE) {
          out.add(ids.get(a.finding().deviceId()));
        }
      }
      after = page.get(page.size() - 1).id();
    }
    return out;
  }

  /** Advisory keys stored with findings that the knowledge no longer holds. */
  private Set<String> disappeared(ExposureKnowledge current) {
    Set<String> known = new HashSet<>();
    known.add(EOL_KEY);
    current.advisories().stream().map(AdvisoryKeys::of).forEach(known::add);
    current.recalls().stream()
        .map(DeviceRecall::recallNumber)
        .map(ChangeScope::key)
        .forEach(known::add);
    Set<String> gone = new HashSet<>();
    jdbc.sql("SELECT DISTINCT advisory_key FROM finding")
        .query(String.class)
        .list()
        .forEach(
            k -> {
              if (!known.contains(k)) {
                gone.add(k);
              }
            });
    return gone;
  }

  private Set<Long> devicesWhere(String column, Set<String> values) {
    Set<Long> out = new HashSet<>();
    List<String> all = new ArrayList<>(values);
    for (int i = 0; i < all.size(); i += CHUNK) {
      List<String> chunk = all.subList(i, Math.min(all.size(), i + CHUNK));
      out.addAll(
          jdbc.sql(
                  "SELECT DISTINCT device_id FROM finding WHERE "
                      + column
                      + " IN ("
                      + String.join(",", chunk.stream().map(v -> "?").toList())
                      + ")")
              .params(new ArrayList<Object>(chunk))
              .query(Long.class)
              .list());
    }
    return out;
  }

  /** A recall number as the finding table stores it (clipped to its column). */
  private static String key(String id) {
    return id.length() <= AdvisoryKeys.MAX ? id : id.substring(0, AdvisoryKeys.MAX);
  }
}

package io.ward.server.exposure;

import io.ward.server.audit.Actor;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Isolation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Opens one remediation record for a group: every open (affected or possibly affected) finding of
 * one advisory, of one CVE, or of the CVEs of a given finding set, across the devices they are on,
 * optionally only on the devices of one vendor and model (and firmware). The record lists the
 * findings and devices chosen, so status moves, patch verification and the metrics treat it as any
 * other record.
 *
 * <p>A new group record leaves out the findings already in open work (a record open, planned or in
 * progress), so a group does not hand a second owner what another works; its group basis says how
 * many and which records hold them. This is not enforced beyond new groups: a record opened for
 * chosen findings, or a closed record reopened, may share findings with another. Findings of closed
 * records (patched, mitigated, accepted) may be grouped again: a patch campaign can supersede a
 * mitigation or an accepted risk.
 */
@Service
public class RemediationGroups {
  /** Most findings one group record may cover. */
  public static final int MAX_FINDINGS = 1000;

  private final JdbcClient jdbc;
  private final RemediationService remediations;

  RemediationGroups(JdbcClient jdbc, RemediationService remediations) {
    this.jdbc = jdbc;
    this.remediations = remediations;
  }

  /**
   * What chooses a group: exactly one of advisory, CVE and finding set; then optionally the
   * devices' vendor, model (with a vendor) and firmware (with a model), compared in any case.
   */
  public record Selector(
      Optional<String> advisoryKey,
      Optional<String> vulnerability,
      List<Long> findingIds,
      Optional<String> vendor,
      Optional<String> model,
      Optional<String> firmware) {

    public Selector {
      findingIds = List.copyOf(findingIds);
      int chosen =
          (advisoryKey.isPresent() ? 1 : 0)
              + (vulnerability.isPresent() ? 1 : 0)
              + (findingIds.isEmpty() ? 0 : 1);
      if (chosen != 1) {
        throw new IllegalArgumentException(
            "give exactly one of advisoryKey, vulnerability and findingIds");
      }
      if (model.isPresent() && vendor.isEmpty()) {
        throw new IllegalArgumentException("model needs a vendor");
      }
      if (firmware.isPresent() && model.isEmpty()) {
        throw new IllegalArgumentException("firmware needs a vendor and a model");
      }
    }

    /** The selector in words, stored with the record. */
    String describe() {
      List<String> parts = new ArrayList<>();
      advisoryKey.ifPresent(a -> parts.add("advisory " + a));
      vulnerability.ifPresent(v -> parts.add(v.toUpperCase(Locale.ROOT)));
      if (!findingIds.isEmpty()) {
        parts.add("CVEs of findings " + findingIds);
      }
      vendor.ifPresent(v -> parts.add(v.isEmpty() ? "no vendor known" : "vendor " + v));
      model.ifPresent(m -> parts.add(m.isEmpty() ? "no model known" : "model " + m));
      firmware.ifPresent(f -> parts.add(f.isEmpty() ? "no firmware known" : "firmware " + f));
      return String.join(", ", parts);
    }
  }

  /**
   * The findings and devices a selector chooses now.
   *
   * @param coveredFindings matching findings left out: already in open work
   * @param coveringRecords the open records holding them, by id: the first {@link #COVERING_SHOWN}
   *     and one more when there are more
   */
  public record Selection(
      List<Long> findingIds,
      List<Long> deviceIds,
      long coveredFindings,
      List<Long> coveringRecords) {
    public Selection {
      findingIds = List.copyOf(findingIds);
      deviceIds = List.copyOf(deviceIds);
      coveringRecords = List.copyOf(coveringRecords);
    }

    /** What was left out, in words ("" when nothing was). */
    String leftOut() {
      if (coveredFindings == 0) {
        return "";
      }
      return coveredFindings
          + (coveredFindings == 1 ? " finding" : " findings")
          + " already in open work left out ("
          + records()
          + ")";
    }

    /** The covering records, e.g. "records #4, #7". */
    String records() {
      List<Long> shown =
          coveringRecords.subList(0, Math.min(coveringRecords.size(), COVERING_SHOWN));
      return (shown.size() == 1 ? "record " : "records ")
          + String.join(", ", shown.stream().map(id -> "#" + id).toList())
          + (coveringRecords.size() > COVERING_SHOWN ? ", …" : "");
    }
  }

  private static final Pattern LEFT_OUT =
      Pattern.compile("; (\\d+ findings? already in open work left out \\(records? #[^)]*\\))$");

  /** What a group record's basis says was left out, if anything ({@link Selection#leftOut}). */
  public static Optional<String> leftOut(String groupBasis) {
    Matcher m = LEFT_OUT.matcher(groupBasis);
    return m.find() ? Optional.of(m.group(1)) : Optional.empty();
  }

  /** Most covering records a selection names. */
  static final int COVERING_SHOWN = 10;

  /**
   * The open findings a selector chooses and their devices.
   *
   * @throws java.util.NoSuchElementException a finding of the set does not exist
   * @throws IllegalArgumentException more than {@link #MAX_FINDINGS} findings
   */
  @Transactional(readOnly = true)
  public Selection select(Selector s) {
    List<String> terms = new ArrayList<>();
    List<Object> params = new ArrayList<>();
    terms.add("f.status IN ('AFFECTED', 'POSSIBLY_AFFECTED')");
    s.advisoryKey()
        .ifPresent(
            a -> {
              terms.add("f.advisory_key = ?");
              params.add(a);
            });
    s.vulnerability()
        .ifPresent(
            v -> {
              terms.add("UPPER(f.vulnerability) = ?");
              params.add(v.toUpperCase(Locale.ROOT));
            });
    if (!s.findingIds().isEmpty()) {
      Map<Long, String> byId = new java.util.HashMap<>();
      for (List<Long> chunk : SqlLists.chunks(s.findingIds())) {
        jdbc.sql(
                "SELECT id, vulnerability FROM finding WHERE id IN ("
                    + SqlLists.marks(chunk.size())
                    + ")")
            .params(new ArrayList<Object>(chunk))
            .query((rs, n) -> byId.put(rs.getLong(1), rs.getString(2)))
            .list();
      }
      Set<String> distinct = new LinkedHashSet<>();
      for (long id : s.findingIds()) {
        String cve = byId.get(id);
        if (cve == null) {
          throw new java.util.NoSuchElementException("no finding " + id);
        }
        distinct.add(cve);
      }
      terms.add(
          "f.vulnerability IN ("
              + String.join(", ", distinct.stream().map(c -> "?").toList())
              + ")");
      params.addAll(distinct);
    }
    device(terms, params, "d.vendor", s.vendor());
    device(terms, params, "d.model", s.model());
    device(terms, params, "d.firmware", s.firmware());
    String matching = String.join(" AND ", terms);
    String inOpenWork =
        "EXISTS (SELECT 1 FROM remediation_finding rf JOIN remediation r"
            + " ON r.id = rf.remediation_id WHERE rf.finding_id = f.id AND r.status IN "
            + RemediationRows.OPEN_WORK
            + ")";
    long covered =
        jdbc.sql(
                "SELECT COUNT(*) FROM finding f JOIN device d ON d.id = f.device_id WHERE "
                    + matching
                    + " AND "
                    + inOpenWork)
            .params(params)
            .query(Long.class)
            .single();
    List<Long> covering =
        covered == 0
            ? List.of()
            : jdbc.sql(
                    "SELECT DISTINCT r.id FROM finding f JOIN device d ON d.id = f.device_id"
                        + " JOIN remediation_finding rf ON rf.finding_id = f.id"
                        + " JOIN remediation r ON r.id = rf.remediation_id WHERE "
                        + matching
                        + " AND r.status IN "
                        + RemediationRows.OPEN_WORK
                        + " ORDER BY r.id FETCH FIRST "
                        + (COVERING_SHOWN + 1)
                        + " ROWS ONLY")
                .params(params)
                .query(Long.class)
                .list();
    record Hit(long finding, long device) {}
    List<Hit> hits =
        jdbc.sql(
                "SELECT f.id, f.device_id FROM finding f JOIN device d ON d.id = f.device_id WHERE "
                    + matching
                    + " AND NOT "
                    + inOpenWork
                    + " ORDER BY f.device_id, f.id FETCH FIRST "
                    + (MAX_FINDINGS + 1)
                    + " ROWS ONLY")
            .params(params)
            .query((rs, n) -> new Hit(rs.getLong(1), rs.getLong(2)))
            .list();
    if (hits.size() > MAX_FINDINGS) {
      throw new IllegalArgumentException(
          "the group holds more than " + MAX_FINDINGS + " findings; narrow it by vendor and model");
    }
    Set<Long> devices = new LinkedHashSet<>();
    hits.forEach(h -> devices.add(h.device()));
    return new Selection(
        hits.stream().map(Hit::finding).toList(), List.copyOf(devices), covered, covering);
  }

  private static void device(
      List<String> terms, List<Object> params, String column, Optional<String> value) {
    value.ifPresent(
        v -> {
          terms.add("LOWER(" + column + ") = ?");
          params.add(v.strip().toLowerCase(Locale.ROOT));
        });
  }

  /**
   * Opens one record for the group, named after it when no title is given.
   *
   * @throws IllegalArgumentException the selector chooses no open finding
   */
  // Repeatable read: the count of findings left out, the records holding them and the findings
  // chosen are read from one snapshot, so they agree with each other.
  @Transactional(isolation = Isolation.REPEATABLE_READ)
  public Remediation create(
      Selector s,
      Optional<String> title,
      Optional<String> owner,
      Optional<LocalDate> due,
      Optional<String> window,
      Actor actor) {
    Selection chosen = select(s);
    if (chosen.findingIds().isEmpty() && chosen.coveredFindings() > 0) {
      throw new IllegalArgumentException(
          "every open finding of "
              + s.describe()
              + " is already in open work ("
              + chosen.coveredFindings()
              + " in "
              + chosen.records()
              + "); work them there");
    }
    if (chosen.findingIds().isEmpty()) {
      throw new IllegalArgumentException("no open finding matches " + s.describe());
    }
    String name =
        title.orElseGet(
            () ->
                clip(
                    s.describe()
                        + " on "
                        + chosen.deviceIds().size()
                        + (chosen.deviceIds().size() == 1 ? " device" : " devices"),
                    500));
    return remediations.create(
        new Remediation.Draft(
            name,
            chosen.findingIds(),
            chosen.deviceIds(),
            owner,
            due,
            window,
            Optional.of(groupBasis(s.describe(), chosen.leftOut()))),
        actor);
  }

  /** Most characters of a stored group basis. */
  static final int MAX_BASIS = 300;

  /** The selector in words, then what was left out: the selector is shortened, never the note. */
  static String groupBasis(String described, String leftOut) {
    if (leftOut.isEmpty()) {
      return clip(described, MAX_BASIS);
    }
    String note = "; " + leftOut;
    return clip(described, MAX_BASIS - note.length()) + note;
  }

  private static String clip(String s, int max) {
    return s.length() <= max ? s : s.substring(0, max);
  }
}

package io.ward.exposure.feeds.cyclonedx;

import io.ward.exposure.feeds.LegacyVersionRange;
import io.ward.exposure.version.Vers;
import io.ward.exposure.version.Version;
import io.ward.exposure.version.VersionRange;
import io.ward.model.exposure.SbomComponent;
import io.ward.model.exposure.VersionConstraint;
import io.ward.model.exposure.VexJustification;
import io.ward.model.exposure.VexStatement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * CycloneDX {@code vulnerabilities[].affects[].versions}: which versions of the affected component
 * the vulnerability is in, one by one ({@code version}) or as {@code vers} ranges ({@code range}),
 * each with a status: affected, unaffected or unknown.
 */
final class AffectedVersions {

  private AffectedVersions() {}

  /** The status of a version or range (CycloneDX {@code affectedStatus}). */
  enum Status {
    AFFECTED,
    UNAFFECTED,
    UNKNOWN;

    /** {@code affected}, {@code unaffected}, {@code unknown}; empty for anything else. */
    static Optional<Status> of(String text) {
      return switch (text == null ? "" : text.trim().toLowerCase(Locale.ROOT)) {
        case "affected" -> Optional.of(AFFECTED);
        case "unaffected" -> Optional.of(UNAFFECTED);
        case "unknown" -> Optional.of(UNKNOWN);
        default -> Optional.empty();
      };
    }
  }

  /**
   * One entry: a version or a {@code vers} range (one of the two), and its status.
   *
   * @param version one version, as written
   * @param range a {@code vers} range
   * @param status its status; affected when the document gives none, the specification's default
   *     (CycloneDX 1.4 to 1.6 JSON schema, {@code affects[].versions[].status}: {@code "default":
   *     "affected"}; the XML schema's {@code default="affected"} alike)
   * @param stated whether the document gives the status
   */
  record Entry(Optional<String> version, Optional<String> range, Status status, boolean stated) {

    Entry {
      Objects.requireNonNull(version, "version");
      Objects.requireNonNull(range, "range");
      Objects.requireNonNull(status, "status");
      if (version.isEmpty() == range.isEmpty()) {
        throw new IllegalArgumentException("an entry has a version or a range");
      }
    }

    /** An entry from the document's texts; empty when it has neither version nor range. */
    static Optional<Entry> of(String version, String range, Optional<Status> status) {
      Optional<String> r = text(range);
      Optional<String> v = r.isPresent() ? Optional.empty() : text(version);
      if (r.isEmpty() && v.isEmpty()) {
        return Optional.empty();
      }
      return Optional.of(new Entry(v, r, status.orElse(Status.AFFECTED), status.isPresent()));
    }

    /**
     * The entry as a version constraint: a {@code vers} range, free text kept with Ward's reading
     * of it (never a guess), or one version.
     */
    VersionConstraint constraint() {
      return range
          .map(LegacyVersionRange::constraint)
          .orElseGet(() -> new VersionConstraint.Exact(version.get()));
    }

    /** The entry as written, for notes. */
    String written() {
      return range.orElseGet(version::get);
    }

    /** True when the entry names this version (false when either cannot be read). */
    boolean covers(String componentVersion) {
      Optional<Version> v = Version.tryParse(componentVersion);
      if (v.isEmpty()) {
        return false;
      }
      if (range.isPresent()) {
        return Vers.tryParse(range.get()).map(x -> x.contains(v.get())).orElse(false);
      }
      return Version.tryParse(version.get()).map(v.get()::equals).orElse(false);
    }

    /** The versions of the entry, when its version or {@code vers} range can be read. */
    Optional<VersionRange> readable() {
      return range.isPresent()
          ? Vers.tryParse(range.get())
          : Version.tryParse(version.get()).map(VersionRange::exactly);
    }
  }

  /** The status the entries give a version: the first entry that covers it. */
  static Optional<Status> statusOf(List<Entry> entries, String version) {
    for (Entry e : entries) {
      if (e.covers(version)) {
        return Optional.of(e.status());
      }
    }
    return Optional.empty();
  }

  /**
   * The VEX statements of one affects entry of an analysis.
   *
   * <p>An entry without versions is about the component as the document lists it (its own version,
   * or every version when it has none). An analysis that rules a finding out ("not affected", or
   * "fixed": CycloneDX {@code resolved}) with versions is about those versions only, one statement
   * per entry ({@link #perVersion}). Any other analysis is narrowed by the component's own version
   * ({@link #apply}).
   */
  static List<VexStatement> statements(
      String vulnerability,
      String ref,
      Optional<SbomComponent> component,
      VexStatement.VexStatus analysis,
      Optional<VexJustification> justification,
      Optional<String> detail,
      List<Entry> entries,
      String source) {
    if (entries.isEmpty() || !rulesOut(analysis)) {
      Applied applied = apply(analysis, detail, entries, component);
      return List.of(
          new VexStatement(
              vulnerability,
              ref,
              component,
              applied.status(),
              justification,
              applied.detail(),
              source));
    }
    return perVersion(
        vulnerability, ref, component, analysis, justification, detail, entries, source);
  }

  /** True for the analyses that rule a finding out: not affected, and fixed. */
  private static boolean rulesOut(VexStatement.VexStatus analysis) {
    return analysis == VexStatement.VexStatus.NOT_AFFECTED
        || analysis == VexStatement.VexStatus.FIXED;
  }

  /**
   * One statement per entry of an analysis that rules a finding out. The entry's {@code status}
   * says what holds at its versions (CycloneDX {@code affectedStatus}), the analysis what the
   * component's state is there: so the analysis holds at the versions listed as {@code unaffected}
   * only (a "not affected", or a "resolved" whose fix those versions carry), so that a range such
   * as {@code vers:generic/>=3.0.0} never silences a 1.0.2k finding. A version listed as {@code
   * affected} stays affected whatever the analysis says (a "resolved" whose earlier versions lack
   * the fix lists them so), as does one with no status (which the specification reads as {@code
   * affected}); one listed as {@code unknown} is not ruled out either. For those two the statement
   * keeps the claim it does not apply ({@link VexStatement.Unapplied}), so that a finding at those
   * versions says why the maker's claim was not followed. An unaffected range that may overlap
   * those versions is kept as text Ward does not read (never silences, the finding notes it).
   */
  private static List<VexStatement> perVersion(
      String vulnerability,
      String ref,
      Optional<SbomComponent> component,
      VexStatement.VexStatus analysis,
      Optional<VexJustification> justification,
      Optional<String> detail,
      List<Entry> entries,
      String source) {
    List<Entry> kept = entries.stream().filter(e -> e.status() != Status.UNAFFECTED).toList();
    List<VexStatement> out = new ArrayList<>(entries.size());
    for (Entry e : entries) {
      VersionConstraint versions = e.constraint();
      VexStatement.VexStatus status = analysis;
      Optional<String> why = detail;
      Optional<VexStatement.Unapplied> unapplied = Optional.empty();
      if (!e.stated()) {
        status = VexStatement.VexStatus.AFFECTED;
        why = prefixed("listed without a status, which CycloneDX reads as affected", detail);
        unapplied =
            Optional.of(
                new VexStatement.Unapplied(analysis, VexStatement.Unapplied.Listed.NO_STATUS));
      } else if (e.status() == Status.AFFECTED) {
        status = VexStatement.VexStatus.AFFECTED;
        why = prefixed("listed as affected", detail);
      } else if (e.status() == Status.UNKNOWN) {
        // Whether these versions are affected the maker does not say: nothing to rule out.
        status = VexStatement.VexStatus.UNDER_INVESTIGATION;
        why = prefixed("listed with the status unknown", detail);
        unapplied =
            Optional.of(
                new VexStatement.Unapplied(analysis, VexStatement.Unapplied.Listed.UNKNOWN));
      } else if (!clearOf(e, kept)) {
        versions =
            new VersionConstraint.Legacy(
                e.written() + " (except the versions " + exceptions(kept) + ")", Optional.empty());
      }
      out.add(
          new VexStatement(
              vulnerability,
              ref,
              component,
              versions,
              status,
              justification,
              why,
              source,
              Optional.empty(),
              Optional.empty(),
              Optional.empty(),
              unapplied));
    }
    return out;
  }

  private static Optional<String> prefixed(String why, Optional<String> detail) {
    return Optional.of(detail.map(d -> why + "; " + d).orElse(why));
  }

  /**
   * True when the entry's versions and every one of {@code others} can be read and share no
   * version.
   */
  private static boolean clearOf(Entry e, List<Entry> others) {
    Optional<VersionRange> versions = e.readable();
    if (versions.isEmpty()) {
      return false;
    }
    for (Entry other : others) {
      Optional<VersionRange> theirs = other.readable();
      if (theirs.isEmpty() || !versions.get().intersect(theirs.get()).isEmpty()) {
        return false;
      }
    }
    return true;
  }

  /** What the versions an unaffected range may overlap are listed as, for its text. */
  private static String exceptions(List<Entry> kept) {
    return kept.stream().allMatch(e -> e.status() == Status.AFFECTED && e.stated())
        ? "listed as affected"
        : "not listed as unaffected";
  }

  /**
   * A VEX analysis that rules nothing out (exploitable, in triage) narrowed by the versions of its
   * affects entry: the analysis holds for the component in the document, but when the versions list
   * the component's own version as unaffected, the vulnerability is not in it: not affected,
   * whatever the analysis says. One that rules a finding out is returned as it is.
   *
   * @return the status and detail to record
   */
  static Applied apply(
      VexStatement.VexStatus analysis,
      Optional<String> detail,
      List<Entry> entries,
      Optional<SbomComponent> component) {
    Optional<String> version = component.flatMap(SbomComponent::version);
    if (entries.isEmpty() || version.isEmpty() || rulesOut(analysis)) {
      return new Applied(analysis, detail);
    }
    if (statusOf(entries, version.get()).orElse(null) != Status.UNAFFECTED) {
      return new Applied(analysis, detail);
    }
    String why = "version " + version.get() + " is listed as unaffected";
    return new Applied(
        VexStatement.VexStatus.NOT_AFFECTED,
        Optional.of(detail.map(d -> why + "; " + d).orElse(why)));
  }

  /** What a VEX statement says once its versions are applied. */
  record Applied(VexStatement.VexStatus status, Optional<String> detail) {}

  private static Optional<String> text(String s) {
    return s == null || s.isBlank() ? Optional.empty() : Optional.of(s.trim());
  }
}

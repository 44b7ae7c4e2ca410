package io.ward.exposure.feeds.cyclonedx;

import io.ward.exposure.feeds.LegacyVersionRange;
import io.ward.exposure.version.Vers;
import io.ward.exposure.version.Version;
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
   * @param status its status (unknown when the document gives none)
   */
  record Entry(Optional<String> version, Optional<String> range, Status status) {

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
      return Optional.of(new Entry(v, r, status.orElse(Status.UNKNOWN)));
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
   * or every version when it has none). A "not affected" analysis with versions is about those
   * versions only: one statement per entry, so a range such as {@code vers:generic/>=3.0.0} never
   * silences a 1.0.2 finding. An entry listed as {@code affected} stays affected whatever the
   * analysis says; when the document lists affected versions, any other range of it may overlap
   * them, so that range is kept as text Ward does not read (never silences, the finding notes it).
   * Any other analysis is narrowed by the component's own version ({@link #apply}).
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
    if (entries.isEmpty() || analysis != VexStatement.VexStatus.NOT_AFFECTED) {
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
    List<Entry> affected = entries.stream().filter(e -> e.status() == Status.AFFECTED).toList();
    List<VexStatement> out = new ArrayList<>(entries.size());
    for (Entry e : entries) {
      VersionConstraint versions = e.constraint();
      VexStatement.VexStatus status = VexStatement.VexStatus.NOT_AFFECTED;
      Optional<String> why = detail;
      if (e.status() == Status.AFFECTED) {
        status = VexStatement.VexStatus.AFFECTED;
        String listed = "listed as affected";
        why = Optional.of(detail.map(d -> listed + "; " + d).orElse(listed));
      } else if (!affected.isEmpty() && !clearOf(e, affected)) {
        versions =
            new VersionConstraint.Legacy(
                e.written() + " (except the versions listed as affected)", Optional.empty());
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
              Optional.empty()));
    }
    return out;
  }

  /** True when the entry is one version that none of the affected entries can cover. */
  private static boolean clearOf(Entry e, List<Entry> affected) {
    if (e.version().isEmpty() || Version.tryParse(e.version().get()).isEmpty()) {
      return false;
    }
    for (Entry a : affected) {
      boolean readable =
          a.range().isPresent()
              ? Vers.tryParse(a.range().get()).isPresent()
              : Version.tryParse(a.version().get()).isPresent();
      if (!readable || a.covers(e.version().get())) {
        return false;
      }
    }
    return true;
  }

  /**
   * A VEX analysis other than "not affected" narrowed by the versions of its affects entry: the
   * analysis holds for the component in the document, but when the versions list the component's
   * own version as unaffected, the vulnerability is not in it: not affected, whatever the analysis
   * says.
   *
   * @return the status and detail to record
   */
  static Applied apply(
      VexStatement.VexStatus analysis,
      Optional<String> detail,
      List<Entry> entries,
      Optional<SbomComponent> component) {
    Optional<String> version = component.flatMap(SbomComponent::version);
    if (entries.isEmpty() || version.isEmpty() || analysis == VexStatement.VexStatus.NOT_AFFECTED) {
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

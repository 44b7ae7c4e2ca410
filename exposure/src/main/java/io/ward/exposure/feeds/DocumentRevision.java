package io.ward.exposure.feeds;

import io.ward.exposure.version.Version;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Which revision of a document a file holds, to keep the newest when one document is read twice:
 * its release date (CSAF {@code /document/tracking/current_release_date}, CycloneDX {@code
 * metadata.timestamp}, the record's last modification for NVD and CVE 5), then its version (CSAF
 * {@code /document/tracking/version}, CycloneDX {@code version}).
 *
 * @param released when this revision was released, if the document says
 * @param version the revision's version as written, if the document says
 */
public record DocumentRevision(Optional<Instant> released, Optional<String> version) {

  public DocumentRevision {
    Objects.requireNonNull(released, "released");
    Objects.requireNonNull(version, "version");
  }

  /** A revision known by its date alone (NVD, CVE 5). */
  public static DocumentRevision released(Optional<Instant> released) {
    return new DocumentRevision(released, Optional.empty());
  }

  /**
   * True when this revision is surely newer: released later, or on the same date (both unknown
   * included) with a higher version. A date beats no date, a version that reads beats one that does
   * not; two that cannot be told apart are not newer, so the copy read first stays.
   */
  public boolean isNewerThan(DocumentRevision other) {
    int byDate = compare(released, other.released);
    if (byDate != 0) {
      return byDate > 0;
    }
    return compare(version.flatMap(Version::tryParse), other.version.flatMap(Version::tryParse))
        > 0;
  }

  /** For messages: {@code version 2 of 2024-03-01T00:00:00Z}, or what of it is known. */
  public String text() {
    String date = released.map(Instant::toString).orElse("no release date");
    return version.map(v -> "version " + v + " of " + date).orElse(date);
  }

  /** Absent sorts first. */
  private static <T extends Comparable<? super T>> int compare(Optional<T> a, Optional<T> b) {
    if (a.isEmpty() || b.isEmpty()) {
      return Boolean.compare(a.isPresent(), b.isPresent());
    }
    return a.get().compareTo(b.get());
  }
}

package io.ward.exposure.feeds;

import io.ward.exposure.version.Version;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Which revision of a document a file holds, to keep the newest when one document is read twice:
 * its release date (CSAF {@code /document/tracking/current_release_date}, CycloneDX {@code
 * metadata.timestamp}, the record's last modification for NVD and CVE 5) and its version (CSAF
 * {@code /document/tracking/version}, CycloneDX {@code version}), compared in the order {@code
 * order} says.
 *
 * @param released when this revision was released, if the document says
 * @param version the revision's version as written, if the document says
 * @param order which of the two tells revisions apart first
 */
public record DocumentRevision(Optional<Instant> released, Optional<String> version, Order order) {

  /** Which of a revision's date and version tells it from another first. */
  public enum Order {
    /**
     * The release date, then the version: CSAF, NVD and CVE 5 documents, and a vulnerability that
     * CycloneDX BOMs of different serial numbers list (their versions do not compare).
     */
    RELEASED_FIRST,
    /**
     * The version, then the release date: copies of one CycloneDX BOM (the same {@code
     * serialNumber}), of which the specification says the most recent version is used.
     */
    VERSION_FIRST
  }

  public DocumentRevision {
    Objects.requireNonNull(released, "released");
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(order, "order");
  }

  /** A revision told apart by its release date first. */
  public DocumentRevision(Optional<Instant> released, Optional<String> version) {
    this(released, version, Order.RELEASED_FIRST);
  }

  /** A revision known by its date alone (NVD, CVE 5). */
  public static DocumentRevision released(Optional<Instant> released) {
    return new DocumentRevision(released, Optional.empty());
  }

  /** This revision, told apart by its version first. */
  public DocumentRevision versionFirst() {
    return new DocumentRevision(released, version, Order.VERSION_FIRST);
  }

  /**
   * True when this revision is surely newer: released later, or on the same date (both unknown
   * included) with a higher version; or, in {@link Order#VERSION_FIRST}, of a higher version, or of
   * the same version (both unknown included) released later. A date beats no date, a version that
   * reads beats one that does not; two that cannot be told apart are not newer, so the copy read
   * first stays.
   */
  public boolean isNewerThan(DocumentRevision other) {
    int byDate = compare(released, other.released);
    int byVersion =
        compare(version.flatMap(Version::tryParse), other.version.flatMap(Version::tryParse));
    int first = order == Order.VERSION_FIRST ? byVersion : byDate;
    int then = order == Order.VERSION_FIRST ? byDate : byVersion;
    return first != 0 ? first > 0 : then > 0;
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

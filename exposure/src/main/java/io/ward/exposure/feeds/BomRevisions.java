package io.ward.exposure.feeds;

import io.ward.exposure.feeds.cyclonedx.BomSubject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which copies of the CycloneDX BOMs read are in force. Two documents are revisions of one BOM when
 * they carry the same {@code serialNumber} and describe the same product ({@link BomSubject}); of
 * those the newest ({@link DocumentRevision#isNewerThan}, else the one read first) is in force and
 * the others withdrawn, whatever they listed or said. Real files reuse serial numbers across
 * products, so two documents of one serial number that name different products are both in force,
 * with a warning that the serial number is reused.
 *
 * <p>A document that names no product ({@code metadata.component} absent, or without a name) gives
 * nothing to tell it from any BOM of its serial number, so it is taken for a revision of each: when
 * newer it withdraws them all. That is the safe side for the case it exists for, a newer revision
 * emptied of its analyses that must withdraw a retracted "not affected" even when its generator
 * wrote no {@code metadata.component}.
 *
 * <p>A copy is in force when no copy of the same BOM read so far is newer, or of the same revision
 * and read before it; so the copies in force do not depend on the order of reading (but for copies
 * of the same revision). One per collector, not thread-safe.
 */
final class BomRevisions {

  /** What a BOM's document key starts with, before its serial number. */
  static final String KEY_PREFIX = "cyclonedx-bom:";

  /**
   * One copy of a BOM.
   *
   * @param serial its serial number, as {@code CycloneDxContent#serialNumber} gives it
   * @param subject the product it describes, when it names one
   * @param id the document for messages ({@code CycloneDX VEX urn:uuid:…})
   * @param revision the revision it holds
   * @param file the file it was read from
   */
  record Copy(
      String serial,
      Optional<BomSubject> subject,
      String id,
      DocumentRevision revision,
      String file) {

    Copy {
      Objects.requireNonNull(serial, "serial");
      Objects.requireNonNull(subject, "subject");
      Objects.requireNonNull(id, "id");
      Objects.requireNonNull(revision, "revision");
      Objects.requireNonNull(file, "file");
    }

    /**
     * The key its statements and components are held under: the serial number and the product.
     * Copies in force never share one (two of one product are revisions of one BOM).
     */
    String key() {
      return KEY_PREFIX + serial + "|" + subject.map(BomSubject::key).orElse("");
    }

    /** This copy as a document of the load ({@link KnowledgeCollector#documents}). */
    NewestRevisions.Copy document() {
      return new NewestRevisions.Copy(key(), id, revision, file);
    }

    /** True when both are revisions of one BOM: one serial number, and no two products named. */
    boolean sameBomAs(Copy other) {
      return serial.equals(other.serial)
          && (subject.isEmpty()
              || other.subject.isEmpty()
              || subject.get().key().equals(other.subject.get().key()));
    }

    private String product() {
      return subject.map(s -> "'" + s.text() + "'").orElse("no product");
    }
  }

  /**
   * What offering a copy changed.
   *
   * @param used the copy offered is in force
   * @param withdrawn the copies in force before that no longer are
   * @param supersededBy when it is not in force, the revision in force that keeps it out
   */
  record Change(boolean used, List<Copy> withdrawn, Optional<Copy> supersededBy) {

    Change {
      withdrawn = List.copyOf(withdrawn);
      Objects.requireNonNull(supersededBy, "supersededBy");
    }
  }

  /** Every copy offered, by serial number, in the order offered. */
  private final Map<String, List<Copy>> bySerial = new LinkedHashMap<>();

  /**
   * Takes in {@code copy}: whether it is in force and which copies it withdrew. A copy that meets a
   * revision of its BOM, or another product's BOM of its serial number, adds a warning naming both
   * files to {@code warnings}.
   */
  Change offer(Copy copy, List<FeedProblem> warnings) {
    List<Copy> copies = bySerial.computeIfAbsent(copy.serial(), s -> new ArrayList<>());
    List<Copy> before = inForce(copies);
    copies.add(copy);
    List<Copy> after = inForce(copies);
    boolean used = contains(after, copy);
    List<Copy> withdrawn = before.stream().filter(c -> !contains(after, c)).toList();
    Optional<Copy> winner = Optional.empty();
    if (used) {
      withdrawn.forEach(
          w ->
              warnings.add(
                  warning(copy, NewestRevisions.message(copy.document(), w.document(), true))));
      before.stream()
          .filter(c -> contains(after, c) && !c.sameBomAs(copy))
          .forEach(c -> warnings.add(warning(copy, reused(copy, c))));
    } else {
      winner = Optional.of(beaterOf(copy, copies, after));
      warnings.add(
          warning(copy, NewestRevisions.message(copy.document(), winner.get().document(), false)));
    }
    return new Change(used, withdrawn, winner);
  }

  /** The copies in force, serial number by serial number. */
  List<Copy> inForce() {
    return bySerial.values().stream().flatMap(c -> inForce(c).stream()).toList();
  }

  /** The keys of the copies in force ({@link Copy#key}). */
  Set<String> keysInForce() {
    return inForce().stream().map(Copy::key).collect(Collectors.toUnmodifiableSet());
  }

  /** The serial numbers of the BOMs offered. */
  List<String> serials() {
    return List.copyOf(bySerial.keySet());
  }

  /** Those of {@code copies} (one serial number, in the order offered) no revision beats. */
  private static List<Copy> inForce(List<Copy> copies) {
    List<Copy> out = new ArrayList<>();
    for (int i = 0; i < copies.size(); i++) {
      if (beater(copies, i).isEmpty()) {
        out.add(copies.get(i));
      }
    }
    return out;
  }

  /** The first copy of the same BOM newer than copy {@code i}, or as new and offered before it. */
  private static Optional<Copy> beater(List<Copy> copies, int i) {
    Copy c = copies.get(i);
    for (int j = 0; j < copies.size(); j++) {
      Copy d = copies.get(j);
      if (j != i
          && d.sameBomAs(c)
          && (d.revision().isNewerThan(c.revision())
              || (j < i && !c.revision().isNewerThan(d.revision())))) {
        return Optional.of(d);
      }
    }
    return Optional.empty();
  }

  /** The copy to name for why {@code copy} is not used: one in force if one beats it. */
  private static Copy beaterOf(Copy copy, List<Copy> copies, List<Copy> inForce) {
    for (Copy c : inForce) {
      if (c.sameBomAs(copy)) {
        return c;
      }
    }
    return beater(copies, indexOf(copies, copy)).orElseThrow();
  }

  private static String reused(Copy copy, Copy other) {
    return copy.id()
        + " here describes "
        + copy.product()
        + ", the document in "
        + other.file()
        + " describes "
        + other.product()
        + " under the same serial number: the serial number is reused for another product, so"
        + " both are used";
  }

  private static FeedProblem warning(Copy copy, String message) {
    return new FeedProblem(copy.file(), FeedProblem.Severity.WARNING, Optional.empty(), message);
  }

  /** By identity: two reads of one file are two copies. */
  private static boolean contains(List<Copy> copies, Copy copy) {
    return copies.stream().anyMatch(c -> c == copy);
  }

  private static int indexOf(List<Copy> copies, Copy copy) {
    for (int i = 0; i < copies.size(); i++) {
      if (copies.get(i) == copy) {
        return i;
      }
    }
    throw new IllegalArgumentException("not offered: " + copy);
  }
}

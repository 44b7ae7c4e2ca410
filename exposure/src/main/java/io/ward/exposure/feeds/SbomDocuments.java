package io.ward.exposure.feeds;

import io.ward.model.exposure.Sbom;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The SBOMs one load read, held by document as {@link VexDocuments} holds VEX statements: of the
 * copies of one BOM (the same serial number, in two folders or as revisions) only the one {@link
 * NewestRevisions} chose, so that its components are matched once and an older revision's are not
 * matched at all; an SBOM without serial number, which nothing tells apart from another, each time
 * it is read. They are listed in the order their files were read, the copy used at the place of its
 * own file. One per collector, not thread-safe.
 */
final class SbomDocuments {

  /**
   * One SBOM and the place of its file in the order of reading.
   *
   * @param read the place of its file in the order of reading
   * @param sbom the SBOM
   */
  record Held(int read, Sbom sbom) {

    Held {
      Objects.requireNonNull(sbom, "sbom");
    }

    /** This SBOM, as read {@code files} files later (by a collector that read them first). */
    Held after(int files) {
      return new Held(read + files, sbom);
    }
  }

  /** By document key ({@link NewestRevisions.Copy#key}). */
  private final Map<String, Held> named = new LinkedHashMap<>();

  /** Those without serial number. */
  private final List<Held> unnamed = new ArrayList<>();

  /** Holds {@code sbom} as the one of {@code key}, replacing a copy held before. */
  void put(String key, Held sbom) {
    named.put(key, sbom);
  }

  /** Holds an SBOM without serial number: it is no copy of another. */
  void putUnnamed(Held sbom) {
    unnamed.add(sbom);
  }

  /** No longer holds the SBOM of {@code key} (a newer copy lists no components). */
  void remove(String key) {
    named.remove(key);
  }

  /** The SBOM held under {@code key}. */
  Optional<Held> get(String key) {
    return Optional.ofNullable(named.get(key));
  }

  /** The SBOMs without serial number. */
  List<Held> unnamed() {
    return List.copyOf(unnamed);
  }

  /** The SBOMs in the order their files were read. */
  List<Sbom> inReadingOrder() {
    List<Held> out = new ArrayList<>(named.values());
    out.addAll(unnamed);
    out.sort(Comparator.comparingInt(Held::read));
    return out.stream().map(Held::sbom).toList();
  }
}

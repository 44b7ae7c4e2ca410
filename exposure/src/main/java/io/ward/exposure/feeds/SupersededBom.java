package io.ward.exposure.feeds;

import java.util.Objects;

/**
 * A copy of a CycloneDX BOM out of force because a newer revision of the same BOM was read: what it
 * said or listed no longer applies. A newer revision emptied of its analyses or components is how a
 * maker withdraws them, so whoever imported it is told what went ({@code server}'s job message).
 *
 * @param file the file of the copy out of force
 * @param revision its revision, for messages ({@link DocumentRevision#text})
 * @param by the file of the revision in force that superseded it
 * @param statements how many VEX statements it made (those waiting for their SBOM included)
 * @param components how many components it listed
 */
public record SupersededBom(
    String file, String revision, String by, int statements, int components) {

  public SupersededBom {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(revision, "revision");
    Objects.requireNonNull(by, "by");
  }
}
